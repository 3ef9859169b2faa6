package dev.healthguard.command;

import java.util.List;
import java.util.Set;

/**
 * Finds the inline program of an interpreter: {@code python -c CODE}, {@code node -e CODE},
 * {@code node --eval CODE}, {@code python -uc CODE}.
 */
final class CodeArgument {

  private CodeArgument() {}

  /**
   * The code following one of {@code codeFlags} ({@code 'c'} for Python, {@code 'e'}/{@code 'p'}
   * for node), or given with one of {@code codeLongs}; null when the interpreter runs a file or a
   * module instead.
   *
   * @param shortWithValue other short options that take a value (so their value is skipped)
   */
  static String find(List<String> args, String codeFlags, Set<String> codeLongs, String shortWithValue) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        String body = a.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        if (codeLongs.contains(name)) {
          if (eq >= 0) {
            return body.substring(eq + 1);
          }
          return i + 1 < args.size() ? args.get(i + 1) : null;
        }
        continue;
      }
      if (!a.startsWith("-") || a.length() < 2) {
        return null; // a script file or module name: the code is not inline
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (codeFlags.indexOf(c) >= 0) {
          String rest = a.substring(j + 1);
          if (!rest.isEmpty()) {
            return rest;
          }
          return i + 1 < args.size() ? args.get(i + 1) : null;
        }
        if (shortWithValue.indexOf(c) >= 0) {
          if (j == a.length() - 1) {
            i++; // the value is the next argument
          }
          break;
        }
      }
    }
    return null;
  }
}
