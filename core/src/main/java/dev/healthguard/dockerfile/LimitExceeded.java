package dev.healthguard.dockerfile;

/**
 * An evaluation went past one of its {@link Limits}. Unlike a {@link SyntaxProblem}, which a RUN
 * analysis may shrug off as an unknown word, this ends the evaluation: the caller that knows the
 * instruction turns it into a {@link DockerfileException} naming the limit.
 */
final class LimitExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LimitExceeded(String message) {
    super(message, null, false, false);
  }

  static LimitExceeded word(int maxChars) {
    return new LimitExceeded("the expanded value is longer than " + maxChars
        + " characters, the most HealthGuard evaluates");
  }
}
