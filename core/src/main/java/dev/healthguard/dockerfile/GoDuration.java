package dev.healthguard.dockerfile;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

  private GoDuration() {}

  /**
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
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numberStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(numberStart, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !(Character.isDigit(s.charAt(i)) && s.charAt(i) < 128)) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new SyntaxProblem("time: missing unit in duration " + GoText.quote(text));
      }
      Long nanos = UNIT_NANOS.get(unit);
      if (nanos == null) {
        throw new SyntaxProblem("time: unknown unit " + GoText.quote(unit) + " in duration " + GoText.quote(text));
      }
      String digits = number.startsWith(".") ? "0" + number : number.endsWith(".") ? number + "0" : number;
      total = total.add(new BigDecimal(digits).multiply(BigDecimal.valueOf(nanos)));
    }
    BigDecimal truncated = total.setScale(0, RoundingMode.DOWN);
    if (truncated.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    long value = truncated.longValueExact();
    return negative ? -value : value;
  }

  /** Whole seconds, rounded up: ECS and Docker configs count health-check times in seconds. */
  static int ceilSeconds(long nanos) {
    long seconds = Math.floorDiv(nanos, 1_000_000_000L) + (Math.floorMod(nanos, 1_000_000_000L) == 0 ? 0 : 1);
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  private static SyntaxProblem invalid(String text) {
    return new SyntaxProblem("time: invalid duration " + GoText.quote(text));
  }
}
