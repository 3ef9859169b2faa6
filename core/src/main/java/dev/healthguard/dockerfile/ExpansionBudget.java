package dev.healthguard.dockerfile;

/**
 * The characters that variable references may still produce in one evaluation ({@link
 * Limits#MAX_EXPANDED_CHARS}). Shared by every expansion of the evaluation, so that the time all
 * of them take together stays linear in the budget, however the Dockerfile chains its values.
 */
final class ExpansionBudget {
  private final long total;
  private long left;

  ExpansionBudget() {
    this(Limits.MAX_EXPANDED_CHARS);
  }

  ExpansionBudget(long total) {
    this.total = total;
    this.left = total;
  }

  /** @throws LimitExceeded once the expansions have produced more than the budget */
  void spend(int chars) {
    left -= chars;
    if (left < 0) {
      throw new LimitExceeded("the expansions produced more than " + total
          + " characters in all, the most HealthGuard evaluates");
    }
  }
}
