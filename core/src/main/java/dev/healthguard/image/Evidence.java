package dev.healthguard.image;

import java.util.Objects;

/**
 * Where a fact about an image comes from, in a form a person can check: {@code
 * docker/api/Dockerfile:9 FROM golang:1.19.2-alpine}, or a catalog row and the public source it
 * cites.
 *
 * @param where the place: {@code docker/api/Dockerfile:9}, {@code catalog 'alpine'}, {@code layer
 *     sha256:…}
 * @param what what is there: the instruction text, the cited source, the file path
 * @param at the file and line when the place is a line of a file in the app, for reports that
 *     link to it; null otherwise
 */
public record Evidence(String where, String what, FileLine at) {
  public Evidence {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(what, "what");
  }

  /** Evidence that is not a line of the app's files (a catalog row, a registry manifest). */
  public Evidence(String where, String what) {
    this(where, what, null);
  }

  @Override
  public String toString() {
    return what.isEmpty() ? where : where + " " + what;
  }
}
