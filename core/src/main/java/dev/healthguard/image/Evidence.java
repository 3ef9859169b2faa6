package dev.healthguard.image;

import dev.healthguard.text.Excerpt;
import java.util.List;
import java.util.Objects;

/**
 * Where a fact about an image comes from, in a form a person can check: {@code
 * docker/api/Dockerfile:9 FROM golang:1.19.2-alpine}, or a catalog row and the versions its sources
 * verified.
 *
 * @param where the place: {@code docker/api/Dockerfile:9}, {@code catalog 'alpine'}, {@code layer
 *     sha256:…}
 * @param what what is there: the instruction text, the verified range, the file path
 * @param at the file and line when the place is a line of a file in the app, for reports that
 *     link to it; null otherwise
 * @param sources the public sources behind it ({@code owner/repo@commit:path}, issue, URL), for
 *     reports that show them in full; never part of the one-line message
 */
public record Evidence(String where, String what, FileLine at, List<String> sources) {
  public Evidence {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(what, "what");
    // Evidence quotes input (a Dockerfile line, a command, a name): bounded, invisible characters
    // escaped, for the terminal and the reports alike (issue 10).
    where = Excerpt.inline(where, MAX_CHARS);
    what = Excerpt.inline(what, MAX_CHARS);
    sources = List.copyOf(sources);
  }

  /** Evidence that is not a line of the app's files nor a cited source (a registry manifest). */
  public Evidence(String where, String what) {
    this(where, what, null, List.of());
  }

  /** Evidence at a line of the app's files. */
  public Evidence(String where, String what, FileLine at) {
    this(where, what, at, List.of());
  }

  /** Evidence that public sources back, such as a catalog row. */
  public Evidence(String where, String what, List<String> sources) {
    this(where, what, null, sources);
  }

  /** The most characters {@code where} and {@code what} keep. */
  static final int MAX_CHARS = 1_000;

  @Override
  public String toString() {
    return what.isEmpty() ? where : where + " " + what;
  }
}
