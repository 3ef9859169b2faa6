package dev.healthguard.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP codes a target group counts as healthy, in the syntax of its {@code Matcher.HttpCode}:
 * one code ({@code 200}), a list ({@code 200,202}) or a range ({@code 200-299}); lists of ranges
 * are read too. Application Load Balancers accept codes from 200 to 499 (ELB User Guide, "Health
 * checks for Application Load Balancer target groups", {@code Matcher}); the ELB default is
 * {@code 200}.
 *
 * @param text the matcher as written
 * @param ranges the inclusive ranges it names, in the order written
 */
public record HttpCodes(String text, List<Range> ranges) {

  /** What an ALB target group accepts when no matcher is set. */
  public static final HttpCodes ELB_DEFAULT = parse("200");

  /** An inclusive range of codes; a single code is a range of one. */
  public record Range(int from, int to) {
    boolean contains(int code) {
      return code >= from && code <= to;
    }
  }

  public HttpCodes {
    Objects.requireNonNull(text, "text");
    ranges = List.copyOf(ranges);
  }

  /**
   * Reads a matcher.
   *
   * @throws IllegalArgumentException naming the text when it is not a code, list or range
   */
  public static HttpCodes parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("HTTP codes must be a code, a list or a range such as 200-299, got: '"
          + text + "'");
    }
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String item = part.strip();
      int dash = item.indexOf('-');
      try {
        int from = Integer.parseInt(dash < 0 ? item : item.substring(0, dash).strip());
        int to = dash < 0 ? from : Integer.parseInt(item.substring(dash + 1).strip());
        if (from < 100 || to > 599 || from > to) {
          throw new NumberFormatException();
        }
        ranges.add(new Range(from, to));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("HTTP codes must be a code, a list or a range such as 200-299, got: '"
            + text + "' (at '" + item + "')");
      }
    }
    return new HttpCodes(text.strip(), ranges);
  }

  public boolean contains(int code) {
    return ranges.stream().anyMatch(r -> r.contains(code));
  }

  /** The lowest code named. */
  public int min() {
    return ranges.stream().mapToInt(Range::from).min().orElseThrow();
  }

  /** The highest code named. */
  public int max() {
    return ranges.stream().mapToInt(Range::to).max().orElseThrow();
  }

  /** True when any client or server error (400 and up) counts as healthy. */
  public boolean acceptsErrors() {
    return max() >= 400;
  }

  @Override
  public String toString() {
    return text;
  }
}
