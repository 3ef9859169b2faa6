package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.regex.Pattern;

/**
 * The instruction text a {@link SourceLocation} shows: one line, blanks collapsed (the indentation
 * of continuation lines only gets in the way in a message), invisible characters escaped, at most
 * {@value #MAX} characters.
 */
final class SourceText {
  static final int MAX = 120;
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");

  private SourceText() {}

  static String shorten(String text) {
    // Controls and bidi overrides escaped: the line goes to terminals and reports (issue 10).
    String oneLine = Excerpt.inline(SPACES.matcher(GoText.trimSpace(text)).replaceAll(" "), Integer.MAX_VALUE);
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
