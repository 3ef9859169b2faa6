package dev.healthguard.fuzz;

import dev.healthguard.text.Excerpt;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What every fuzz target checks of every input, beyond "no Error and no exception of an
 * unexpected type escapes" (Jazzer reports any throwable as a finding): output that does not grow
 * with hostile input. Messages echo at most a short excerpt of the input (issue 10: one HG008
 * message was 202 KB), so a message far longer than the excerpt and its explanation is a bug.
 */
final class Invariants {
  /**
   * The longest message: a few excerpts of {@value Excerpt#MAX_CHARS} input characters, each
   * escaped to at most six characters apiece ({@code \u0000}), and prose.
   */
  static final int MAX_MESSAGE = 4_000;

  /** The most processor time one input may take, instrumented. */
  static final long MAX_MILLIS = 10_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Invariants() {}

  interface Check {
    void run() throws Exception;
  }

  /**
   * Runs one input's check and fails when it took more than {@link #MAX_MILLIS} of this thread's
   * processor time. Processor time, not the clock: CI shares 2 cores, and a busy machine must not
   * make a finding. Not JUnit's {@code @Timeout} either: in fuzzing mode that would bound the whole
   * fuzzing run, not one input (a hang is libFuzzer's {@code -timeout} to catch).
   */
  static void withinTime(Check check) throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    check.run();
    long millis = (THREADS.getCurrentThreadCpuTime() - start) / 1_000_000;
    if (millis > MAX_MILLIS) {
      throw new AssertionError("one input took " + millis + " ms of processor time, more than " + MAX_MILLIS);
    }
  }

  /** Fails when {@code message} is longer than {@link #MAX_MESSAGE}. */
  static void boundedMessage(String what, String message) {
    if (message != null && message.length() > MAX_MESSAGE) {
      throw new AssertionError(what + " has " + message.length() + " characters, more than "
          + MAX_MESSAGE + ": " + Excerpt.quote(message));
    }
  }

  /**
   * Fails when {@code output} grows faster than its input: at most 128 characters per input byte
   * and 10,000 more. Linear, with room for nesting: a shell script is read at most 100 levels deep
   * and each level may quote the text below it.
   */
  static void boundedOutput(String what, String output, int inputBytes) {
    boundedOutput(what, output, inputBytes, 0);
  }

  /** {@link #boundedOutput(String, String, int)} with {@code allowance} characters more. */
  static void boundedOutput(String what, String output, int inputBytes, long allowance) {
    long max = 128L * inputBytes + 10_000 + allowance;
    if (output.length() > max) {
      throw new AssertionError(what + " has " + output.length() + " characters for " + inputBytes
          + " bytes of input: " + Excerpt.quote(output));
    }
  }
}
