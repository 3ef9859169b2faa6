package dev.healthguard.dockerfile;

/**
 * A problem found below the level that knows the instruction's location (a line parser, the
 * word lexer). The caller that knows the location turns it into a {@link DockerfileException}.
 */
final class SyntaxProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SyntaxProblem(String message) {
    super(message, null, false, false);
  }
}
