package dev.healthguard.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell glob ({@code *}, {@code ?}, {@code [a-z]}, {@code [!x]}) as used by the
 * {@code ${VAR#pat}}, {@code ${VAR%pat}} and {@code ${VAR/pat/repl}} expansions. The escape
 * token makes the next character literal.
 */
final class ShellPattern {
  private final Pattern regex;

  private ShellPattern(Pattern regex) {
    this.regex = regex;
  }

  static ShellPattern compile(String glob, int escapeToken) {
    StringBuilder re = new StringBuilder();
    int[] cps = glob.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == escapeToken && i + 1 < cps.length) {
        re.append(Pattern.quote(Character.toString(cps[++i])));
      } else if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[' && closingBracket(cps, i) > 0) {
        int end = closingBracket(cps, i);
        re.append(bracket(cps, i + 1, end));
        i = end;
      } else {
        re.append(Pattern.quote(Character.toString(c)));
      }
    }
    return new ShellPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  private static int closingBracket(int[] cps, int open) {
    int i = open + 1;
    if (i < cps.length && (cps[i] == '!' || cps[i] == '^')) {
      i++;
    }
    if (i < cps.length && cps[i] == ']') {
      i++; // a ] right after [ or [! is a member, not the end
    }
    for (; i < cps.length; i++) {
      if (cps[i] == ']') {
        return i;
      }
    }
    return -1;
  }

  private static String bracket(int[] cps, int from, int to) {
    StringBuilder out = new StringBuilder("[");
    int start = from;
    if (cps[start] == '!' || cps[start] == '^') {
      out.append('^');
      start++;
    }
    for (int i = start; i < to; i++) {
      int c = cps[i];
      boolean range = c == '-' && i > start && i + 1 < to;
      out.append(range ? "-" : escapeInClass(c));
    }
    return out.append(']').toString();
  }

  // Java reserves a backslash before letters and digits; before anything else it is literal.
  private static String escapeInClass(int c) {
    return Character.isLetterOrDigit(c) ? Character.toString(c) : "\\" + Character.toString(c);
  }

  private boolean matches(String s) {
    return regex.matcher(s).matches();
  }

  String removePrefix(String value, boolean longest) {
    if (longest) {
      for (int i = value.length(); i >= 0; i--) {
        if (matches(value.substring(0, i))) {
          return value.substring(i);
        }
      }
    } else {
      for (int i = 0; i <= value.length(); i++) {
        if (matches(value.substring(0, i))) {
          return value.substring(i);
        }
      }
    }
    return value;
  }

  String removeSuffix(String value, boolean longest) {
    if (longest) {
      for (int i = 0; i <= value.length(); i++) {
        if (matches(value.substring(i))) {
          return value.substring(0, i);
        }
      }
    } else {
      for (int i = value.length(); i >= 0; i--) {
        if (matches(value.substring(i))) {
          return value.substring(0, i);
        }
      }
    }
    return value;
  }

  /** Replaces the first (or every) longest match; an empty pattern replaces nothing. */
  String replace(String value, String replacement, boolean all) {
    if (regex.pattern().isEmpty()) {
      return value;
    }
    Matcher m = regex.matcher(value);
    String literal = Matcher.quoteReplacement(replacement);
    return all ? m.replaceAll(literal) : m.replaceFirst(literal);
  }

  /** Drops escape tokens, keeping what they escape. */
  static String unescape(String s, int escapeToken) {
    StringBuilder out = new StringBuilder();
    int[] cps = s.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == escapeToken && i + 1 < cps.length) {
        i++;
      }
      out.appendCodePoint(cps[i]);
    }
    return out.toString();
  }
}
