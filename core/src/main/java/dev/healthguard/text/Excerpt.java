package dev.healthguard.text;

/**
 * How a message shows text that came from the user's input (a Dockerfile word, an image name, a
 * command): quoted, escaped so that it stays on one line and shows what is invisible, and cut
 * to {@value #MAX_CHARS} characters. A hostile input must not turn into a 200 KB finding, nor
 * smuggle control characters into a terminal or a report (issue 10).
 */
public final class Excerpt {
  /** The most characters of input a message echoes. */
  public static final int MAX_CHARS = 200;

  private Excerpt() {}

  /** {@code "text"} with escapes, cut after {@value #MAX_CHARS} characters of input. */
  public static String quote(String input) {
    return '"' + escape(input) + '"';
  }

  /** The input escaped and cut, without quotes around it. */
  public static String escape(String input) {
    if (input == null) {
      return "null";
    }
    int end = cutIndex(input, MAX_CHARS);
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; ) {
      int cp = input.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> appendVisible(out, cp);
      }
    }
    return out.append(more(input, end)).toString();
  }

  /**
   * The input as it reads, cut after {@code max} characters, with only what is invisible escaped:
   * for text whose quotes and backslashes are the user's own and read best untouched, such as a
   * Dockerfile instruction or a command shown as evidence.
   */
  public static String inline(String input, int max) {
    if (input == null) {
      return "null";
    }
    int end = cutIndex(input, max);
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; ) {
      int cp = input.codePointAt(i);
      i += Character.charCount(cp);
      appendVisible(out, cp);
    }
    return out.append(more(input, end)).toString();
  }

  /** {@link #inline(String, int)} cut after {@value #MAX_CHARS} characters. */
  public static String inline(String input) {
    return inline(input, MAX_CHARS);
  }

  /** Where the first {@code max} characters (code points) of the input end. */
  public static int cutIndex(String input, int max) {
    int i = 0;
    for (int shown = 0; i < input.length() && shown < max; shown++) {
      i += Character.charCount(input.codePointAt(i));
    }
    return i;
  }

  /** What a cut at {@code end} leaves out, in words: {@code … (123 more characters)}, or nothing. */
  public static String more(String input, int end) {
    return end >= input.length() ? "" : "… (" + input.codePointCount(end, input.length()) + " more characters)";
  }

  private static void appendVisible(StringBuilder out, int cp) {
    if (visible(cp)) {
      out.appendCodePoint(cp);
    } else if (cp == '\n') {
      out.append("\\n");
    } else if (cp == '\t') {
      out.append("\\t");
    } else {
      out.append(String.format(cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp));
    }
  }

  // Controls, format characters (bidi overrides), separators other than space, and lone surrogates.
  private static boolean visible(int cp) {
    int type = Character.getType(cp);
    return cp == ' ' || type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
        && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR && type != Character.SPACE_SEPARATOR
        && type != Character.PRIVATE_USE;
  }
}
