package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.List;

/**
 * Go's definitions of "space" and "printable" and Go's string quoting, which BuildKit's parser
 * and its golden {@code result} files depend on. Java's own notions differ (NBSP, NEL, which
 * characters need escaping), so the parser must not use {@link Character#isWhitespace}.
 */
final class GoText {
  private GoText() {}

  /** Go {@code unicode.IsSpace}. */
  static boolean isSpace(int cp) {
    if (cp <= 0xFF) {
      return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
    }
    return Character.isSpaceChar(cp);
  }

  /** Go {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    return trimRightSpace(trimLeftSpace(s));
  }

  static String trimLeftSpace(String s) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!isSpace(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  static String trimRightSpace(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /**
   * {@link #quote} of at most {@value Excerpt#MAX_CHARS} characters, then how many were left out:
   * how a message shows a word of the Dockerfile, so that a hostile one stays short (issue 10).
   * Golden dumps keep {@link #quote}, which is whole.
   */
  static String quoteExcerpt(String s) {
    int end = Excerpt.cutIndex(s, Excerpt.MAX_CHARS);
    return end == s.length() ? quote(s) : quote(s.substring(0, end)) + Excerpt.more(s, end);
  }

  /** Go {@code strconv.Quote}: what {@code Node.Dump} prints for every argument. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      appendQuoted(out, cp);
    }
    return out.append('"').toString();
  }

  /** Go {@code fmt.Sprintf("%q", []string{...})}: how {@code Node.Dump} prints flags. */
  static String quoteList(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  private static void appendQuoted(StringBuilder out, int cp) {
    switch (cp) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0B -> out.append("\\v");
      default -> {
        if (isPrint(cp)) {
          out.appendCodePoint(cp);
        } else if (cp < 0x80) {
          out.append(String.format("\\x%02x", cp));
        } else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
          // Go strings cannot hold a lone surrogate; Go decodes one as U+FFFD, which is printable.
          out.append('\uFFFD');
        } else if (cp < 0x10000) {
          out.append(String.format("\\u%04x", cp));
        } else {
          out.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  /** Go {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
  static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER,
          Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
