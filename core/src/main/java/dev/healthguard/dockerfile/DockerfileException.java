package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;

/**
 * A Dockerfile that BuildKit would refuse, or that names something that does not exist (an
 * unknown build target). The message reads {@code Dockerfile.prod:12: <what>}, instruction
 * first, like BuildKit's own ({@code ENV names can not be blank}).
 */
public final class DockerfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;
  private final String problem;

  DockerfileException(SourceLocation location, String problem) {
    super(format(location, problem));
    this.location = location;
    this.problem = Excerpt.inline(problem, MAX_PROBLEM_CHARS);
  }

  DockerfileException(SourceLocation location, String problem, Throwable cause) {
    super(format(location, problem), cause);
    this.location = location;
    this.problem = Excerpt.inline(problem, MAX_PROBLEM_CHARS);
  }

  /** Where the problem is; {@code startLine} is 0 when it concerns the file as a whole. */
  public SourceLocation location() {
    return location;
  }

  /** The problem without the location prefix. */
  public String problem() {
    return problem;
  }

  /**
   * The most characters of a problem a message keeps. Each piece of input in it is already an
   * excerpt; this bounds what several of them, or a site that forgot, can add up to (issue 10).
   */
  static final int MAX_PROBLEM_CHARS = 1_000;

  private static String format(SourceLocation location, String problem) {
    problem = Excerpt.inline(problem, MAX_PROBLEM_CHARS);
    if (location.startLine() <= 0) {
      return location.file() + ": " + problem;
    }
    return location.file() + ":" + location.startLine() + ": " + problem;
  }
}
