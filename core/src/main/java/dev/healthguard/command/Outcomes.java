package dev.healthguard.command;

/**
 * The set of ways a piece of script can end, as four bits: it continues with status 0 or
 * non-zero, or it ends the whole shell ({@code exit}, {@code exec}) with status 0 or non-zero.
 *
 * <p>This is all the exit-status analysis needs: {@code a || b} runs {@code b} only on a non-zero
 * continue, {@code a; b} runs {@code b} on any continue, and an exit skips the rest. The check can
 * fail when some path ends non-zero.
 */
record Outcomes(int bits) {

  static final int OK = 1;
  static final int FAIL = 2;
  static final int EXIT_OK = 4;
  static final int EXIT_FAIL = 8;

  static final Outcomes NONE = new Outcomes(0);
  static final Outcomes SUCCEEDS = new Outcomes(OK);
  static final Outcomes FAILS = new Outcomes(FAIL);
  static final Outcomes MAYBE = new Outcomes(OK | FAIL);
  static final Outcomes ANYTHING = new Outcomes(OK | FAIL | EXIT_OK | EXIT_FAIL);

  boolean has(int bit) {
    return (bits & bit) != 0;
  }

  boolean continues() {
    return has(OK) || has(FAIL);
  }

  /** Some path ends with a non-zero status. */
  boolean canFail() {
    return has(FAIL) || has(EXIT_FAIL);
  }

  Outcomes union(Outcomes other) {
    return new Outcomes(bits | other.bits);
  }

  Outcomes with(int bit) {
    return new Outcomes(bits | bit);
  }

  /** Only the continuing statuses: what {@code $?} can be for the next command. */
  Outcomes continuing() {
    return new Outcomes(bits & (OK | FAIL));
  }

  /** Only the exits. */
  Outcomes exits() {
    return new Outcomes(bits & (EXIT_OK | EXIT_FAIL));
  }

  /** The continuing statuses turned into exits, as {@code exec} or {@code exit} do. */
  Outcomes asExit() {
    int b = bits & (EXIT_OK | EXIT_FAIL);
    if (has(OK)) {
      b |= EXIT_OK;
    }
    if (has(FAIL)) {
      b |= EXIT_FAIL;
    }
    return new Outcomes(b);
  }

  /** How a child process's ending looks to its parent: every exit is just a status. */
  Outcomes inChild() {
    int b = bits & (OK | FAIL);
    if (has(EXIT_OK)) {
      b |= OK;
    }
    if (has(EXIT_FAIL)) {
      b |= FAIL;
    }
    return new Outcomes(b);
  }

  /** {@code !}: swaps the continuing statuses, leaves exits alone (XCU 2.9.2). */
  Outcomes negated() {
    int b = bits & (EXIT_OK | EXIT_FAIL);
    if (has(OK)) {
      b |= FAIL;
    }
    if (has(FAIL)) {
      b |= OK;
    }
    return new Outcomes(b);
  }

  /** Under {@code set -e} a failing command ends the shell with its status. */
  Outcomes errexit() {
    if (!has(FAIL)) {
      return this;
    }
    return new Outcomes((bits & ~FAIL) | EXIT_FAIL);
  }
}
