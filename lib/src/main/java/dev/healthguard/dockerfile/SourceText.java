package dev.healthguard.dockerfile;

/** The instruction text a {@link SourceLocation} shows: one line, at most {@value #MAX} chars. */
final class SourceText {
  static final int MAX = 120;

  private SourceText() {}

  static String shorten(String text) {
    String oneLine = GoText.trimSpace(text).replaceAll("[\\r\\n]+", " ");
    if (oneLine.length() <= MAX) {
      return oneLine;
    }
    int cut = MAX - 1;
    if (Character.isLowSurrogate(oneLine.charAt(cut))) {
      cut--;
    }
    return oneLine.substring(0, cut) + "…";
  }
}
