package dev.healthguard.shell;

import java.util.regex.Pattern;

/** What a shell word is, read from its text: a command name, an assignment, an expansion. */
public final class Words {

  // XCU 2.10.2 rule 7: a word NAME=value before the command name is an assignment.
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  private Words() {}

  /** True for {@code NAME=value}: an assignment when it comes before the command name. */
  public static boolean isAssignment(String word) {
    return ASSIGNMENT.matcher(word).matches();
  }

  /** {@code curl} for {@code /usr/bin/curl}; the name itself when it has no slash. */
  public static String basename(String command) {
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
  public static boolean isDynamic(String word) {
    return word != null && (word.indexOf('$') >= 0 || word.indexOf('`') >= 0);
  }
}
