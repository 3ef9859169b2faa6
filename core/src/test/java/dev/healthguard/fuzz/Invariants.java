package dev.healthguard.fuzz;

import dev.healthguard.text.Excerpt;

/**
 * What every fuzz target checks of every input, beyond "no Error and no exception of an
 * unexpected type escapes" (Jazzer reports any throwable as a finding): output that does not grow
 * with hostile input. Messages echo at most a short excerpt of the input (issue 10: one HG008
 * message was 202 KB), so a message far longer than the excerpt and its explanation is a bug.
 */
final class Invariants {
  /** The longest message: an excerpt of {@value Excerpt#MAX_CHARS} input characters, escaped, and prose. */
  static final int MAX_MESSAGE = 2_000;

  /** The most one input may take, instrumented, even on a busy 2-core CI machine. */
  static final long MAX_MILLIS = 10_000;

  private Invariants() {}

  interface Check {
    void run() throws Exception;
  }

  /**
   * Runs one input's check and fails when it took longer than {@link #MAX_MILLIS}. Not JUnit's
   * {@code @Timeout}: in fuzzing mode that would bound the whole fuzzing run, not one input.
   */
  static void withinTime(Check check) throws Exception {
    long start = System.nanoTime();
    check.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (millis > MAX_MILLIS) {
      throw new AssertionError("one input took " + millis + " ms, more than " + MAX_MILLIS);
    }
  }

  /** Fails when {@code message} is longer than {@link #MAX_MESSAGE}. */
  static void boundedMessage(String what, String message) {
    if (message != null && message.length() > MAX_MESSAGE) {
      throw new AssertionError(what + " has " + message.length() + " characters, more than "
          + MAX_MESSAGE + ": " + Excerpt.quote(message));
    }
  }

  /** Fails when {@code output} grows faster than its input: at most 8 characters per input byte and 10,000 more. */
  static void boundedOutput(String what, String output, int inputBytes) {
    long max = 8L * inputBytes + 10_000;
    if (output.length() > max) {
      throw new AssertionError(what + " has " + output.length() + " characters for " + inputBytes
          + " bytes of input: " + Excerpt.quote(output));
    }
  }
}
