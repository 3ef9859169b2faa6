package dev.healthguard.command;

/** Small helpers on command names. */
final class Names {

  private Names() {}

  /** {@code curl} for {@code /usr/bin/curl}; the name itself when it has no slash. */
  static String basename(String command) {
    if (command == null) {
      return "";
    }
    String trimmed = command;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int slash = trimmed.lastIndexOf('/');
    return slash < 0 ? trimmed : trimmed.substring(slash + 1);
  }

  /**
   * True when a word still holds an expansion or substitution ({@code $X}, {@code ${X}},
   * {@code $(…)}, backticks), so its value is only known at run time. The lexer keeps expansions
   * verbatim in word values, which is what makes this test enough.
   */
  static boolean isDynamic(String word) {
    return word != null && (word.indexOf('$') >= 0 || word.indexOf('`') >= 0);
  }
}
