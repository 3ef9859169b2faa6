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
    StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_CHARS) + 16);
    int shown = 0;
    int i = 0;
    while (i < input.length() && shown < MAX_CHARS) {
      int cp = input.codePointAt(i);
      i += Character.charCount(cp);
      shown++;
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (visible(cp)) {
            out.appendCodePoint(cp);
          } else {
            out.append(String.format(cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp));
          }
        }
      }
    }
    if (i < input.length()) {
      int rest = input.codePointCount(i, input.length());
      out.append("… (").append(rest).append(" more characters)");
    }
    return out.toString();
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
