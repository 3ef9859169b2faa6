package dev.healthguard.image;

import java.util.List;
import java.util.Objects;

/**
 * Where a fact about an image comes from, in a form a person can check: {@code Dockerfile:9 FROM
 * golang:1.19.2-alpine}, or a catalog row and the versions its sources verified.
 *
 * @param where the place: {@code Dockerfile:9}, {@code catalog 'alpine'}, {@code layer sha256:…}
 * @param what what is there: the instruction text, the verified range, the file path
 * @param sources the public sources behind it ({@code owner/repo@commit:path}, issue, URL), for
 *     reports that show them in full; never part of the one-line message
 */
public record Evidence(String where, String what, List<String> sources) {
  public Evidence {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(what, "what");
    sources = List.copyOf(sources);
  }

  public Evidence(String where, String what) {
    this(where, what, List.of());
  }

  @Override
  public String toString() {
    return what.isEmpty() ? where : where + " " + what;
  }
}
