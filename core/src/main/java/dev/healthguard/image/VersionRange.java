package dev.healthguard.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The versions a catalog row's sources verified, tested against the version number a tag starts
 * with: {@code 1.18.0..} (1.18.0 and later), {@code 8..24}, {@code 13.6.0..13} (13.6.0 up to the
 * last 13.x), or {@code *} (every tag the row's pattern takes).
 *
 * <p>A tag names a line rather than a build when it stops early: {@code nginx:1.17} is the newest
 * 1.17.x, so it lies in {@code 1.18.0..} only if every 1.17.x does, which none does. That is why a
 * missing part of the tag's version counts as larger than any number, and a missing part of a lower
 * bound as zero. An upper bound names a line too: {@code ..21} takes 21.0.5.
 *
 * @param intervals the verified intervals; empty for {@link #ANY}
 */
record VersionRange(List<Interval> intervals) {

  static final VersionRange ANY = new VersionRange(List.of());

  private static final Pattern NUMBERS = Pattern.compile("[0-9]{1,9}(?:\\.[0-9]{1,9})*");
  // Java 8's update tags (8u412-b08) are 8.0.412, so a bound such as 8.0.345 can be stated.
  private static final Pattern TAG_VERSION = Pattern.compile("^([0-9]{1,9})u([0-9]{1,9})|^[0-9]{1,9}(?:\\.[0-9]{1,9})*");
  private static final int OPEN = Integer.MAX_VALUE;

  /**
   * @param from the lowest verified version, parts missing read as 0; null when unbounded
   * @param to the highest verified line, parts missing read as any; null when unbounded
   */
  record Interval(int[] from, int[] to) {
    boolean contains(int[] version) {
      return (from == null || compare(version, OPEN, from, 0) >= 0) && (to == null || compare(version, OPEN, to, OPEN) <= 0);
    }

    @Override
    public String toString() {
      if (from != null && to != null) {
        return Arrays.equals(from, to) ? text(from) + ".x" : text(from) + " to " + text(to) + ".x";
      }
      return from != null ? text(from) + " and later" : "up to " + text(to) + ".x";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Interval other && Arrays.equals(from, other.from) && Arrays.equals(to, other.to);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }
  }

  VersionRange {
    intervals = List.copyOf(intervals);
  }

  /**
   * Reads {@code *} or intervals joined by commas, each {@code A..B}, {@code A..}, {@code ..B} or
   * {@code A} (the line A).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static VersionRange parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("is empty; write * for every tag");
    }
    if (spec.strip().equals("*")) {
      return ANY;
    }
    List<Interval> intervals = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      String interval = part.strip();
      int dots = interval.indexOf("..");
      String from = dots < 0 ? interval : interval.substring(0, dots);
      String to = dots < 0 ? interval : interval.substring(dots + 2);
      int[] low = from.isEmpty() ? null : numbers(from, spec);
      int[] high = to.isEmpty() ? null : numbers(to, spec);
      if (low == null && high == null) {
        throw new IllegalArgumentException("'" + interval + "' bounds nothing; write * for every tag");
      }
      if (low != null && high != null && compare(low, 0, high, OPEN) > 0) {
        throw new IllegalArgumentException("'" + interval + "' is empty: " + from + " is above " + to);
      }
      intervals.add(new Interval(low, high));
    }
    return new VersionRange(intervals);
  }

  private static int[] numbers(String text, String spec) {
    if (!NUMBERS.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' in '" + spec + "' is not a version such as 1.18.0");
    }
    return Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  /** The version number {@code tag} starts with, or null when it names none ({@code latest}). */
  static int[] versionOf(String tag) {
    if (tag == null) {
      return null;
    }
    Matcher m = TAG_VERSION.matcher(tag);
    if (!m.find()) {
      return null;
    }
    if (m.group(1) != null) {
      return new int[] {Integer.parseInt(m.group(1)), 0, Integer.parseInt(m.group(2))};
    }
    return Arrays.stream(m.group().split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  boolean isAny() {
    return intervals.isEmpty();
  }

  /** Whether a tag starting with {@code version} lies inside the range. */
  boolean contains(int[] version) {
    return isAny() || intervals.stream().anyMatch(i -> i.contains(version));
  }

  /** For messages: {@code 1.18.0 and later}, {@code 8 to 24.x}, {@code every tag}. */
  String describe() {
    return isAny() ? "every tag" : intervals.stream().map(Interval::toString).collect(Collectors.joining(", "));
  }

  /** Compares two versions, each padded with {@code padA} / {@code padB} past its end. */
  private static int compare(int[] a, int padA, int[] b, int padB) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? a[i] : padA;
      int y = i < b.length ? b[i] : padB;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static String text(int[] version) {
    return Arrays.stream(version).mapToObj(Integer::toString).collect(Collectors.joining("."));
  }
}
