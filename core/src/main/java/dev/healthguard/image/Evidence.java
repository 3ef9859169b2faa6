package dev.healthguard.image;

import java.util.Objects;

/**
 * Where a fact about an image comes from, in a form a person can check: {@code Dockerfile:9 FROM
 * golang:1.19.2-alpine}, or a catalog row and the public source it cites.
 *
 * @param where the place: {@code Dockerfile:9}, {@code catalog 'alpine'}, {@code layer sha256:…}
 * @param what what is there: the instruction text, the cited source, the file path
 */
public record Evidence(String where, String what) {
  public Evidence {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(what, "what");
  }

  @Override
  public String toString() {
    return what.isEmpty() ? where : where + " " + what;
  }
}
