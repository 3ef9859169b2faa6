package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which BuildKit uses for the HEALTHCHECK flags: a sequence of
 * decimal numbers each with a unit ({@code 1m30s}, {@code 1.5h}, {@code 500ms}), an optional
 * sign, or a bare {@code 0}.
 */
final class GoDuration {
  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L,
      "\u03bcs", 1_000L,
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  private static final long TWO_TO_63 = Long.MIN_VALUE; // as an unsigned value
  private static final long MAX_BEFORE_TIMES_TEN = Long.divideUnsigned(TWO_TO_63, 10);

  private GoDuration() {}

  /**
   * Go's algorithm step by step (time/format.go): digits accumulate in an unsigned 64-bit value
   * and overflow is an error as soon as it happens, so a 200,000-digit number costs one pass
   * rather than big-number arithmetic; extra fraction digits are ignored, as in Go.
   *
   * @return nanoseconds
   * @throws SyntaxProblem with Go's message for text that is not a duration
   */
  static long parseNanos(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    long total = 0; // unsigned
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        throw invalid(text);
      }
      int intStart = i;
      long whole = 0;
      for (; i < s.length() && isDigit(s.charAt(i)); i++) {
        if (Long.compareUnsigned(whole, MAX_BEFORE_TIMES_TEN) > 0) {
          throw invalid(text);
        }
        whole = whole * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(whole, TWO_TO_63) > 0) {
          throw invalid(text);
        }
      }
      boolean before = i > intStart;
      boolean after = false;
      long fraction = 0;
      double scale = 1;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        for (; i < s.length() && isDigit(s.charAt(i)); i++) {
          if (overflow) {
            continue;
          }
          int digit = s.charAt(i) - '0';
          if (fraction > (Long.MAX_VALUE - digit) / 10) {
            overflow = true;
            continue;
          }
          fraction = fraction * 10 + digit;
          scale *= 10;
        }
        after = i > fracStart;
      }
      if (!before && !after) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new SyntaxProblem("time: missing unit in duration " + Excerpt.quote(text));
      }
      Long nanos = UNIT_NANOS.get(unit);
      if (nanos == null) {
        throw new SyntaxProblem("time: unknown unit " + Excerpt.quote(unit) + " in duration " + Excerpt.quote(text));
      }
      if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_TO_63, nanos)) > 0) {
        throw invalid(text);
      }
      long value = whole * nanos;
      if (fraction > 0) {
        value += (long) (fraction * (nanos / scale));
        if (Long.compareUnsigned(value, TWO_TO_63) > 0) {
          throw invalid(text);
        }
      }
      total += value;
      if (Long.compareUnsigned(total, TWO_TO_63) > 0) {
        throw invalid(text);
      }
    }
    if (negative) {
      return -total;
    }
    if (total < 0) { // 2^63 fits only as a negative duration
      throw invalid(text);
    }
    return total;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whole seconds, rounded up: ECS and Docker configs count health-check times in seconds. */
  static int ceilSeconds(long nanos) {
    long seconds = Math.floorDiv(nanos, 1_000_000_000L) + (Math.floorMod(nanos, 1_000_000_000L) == 0 ? 0 : 1);
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  private static SyntaxProblem invalid(String text) {
    return new SyntaxProblem("time: invalid duration " + Excerpt.quote(text));
  }
}
