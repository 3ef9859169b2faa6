package dev.healthguard.dockerfile;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to read the words of one shell command: which word is the program once prefixes such as
 * {@code DEBIAN_FRONTEND=noninteractive}, {@code sudo -E} or {@code env} are skipped, and how a
 * shell ({@code sh -ec '…'}) is told what to run.
 */
final class ShellWords {
  static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Set<String> SUDO_WITH_VALUE =
      Set.of("-u", "-g", "-C", "-p", "-r", "-t", "-U", "-D", "-R", "-T", "-h");
  private static final WordExpander UNQUOTE = new WordExpander('\\', new WordExpander.Mode(false, false, true));

  private ShellWords() {}

  static boolean isAssignment(String word) {
    return ASSIGNMENT.matcher(word).matches();
  }

  static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** Quotes and escapes removed, variables left as written. */
  static String unquote(String word) {
    try {
      return UNQUOTE.processWord(word, WordExpander.Variables.NONE);
    } catch (SyntaxProblem e) {
      return word;
    }
  }

  /**
   * Where the program starts after assignments and wrappers ({@code sudo}, {@code doas},
   * {@code env}, {@code command}, {@code exec}, {@code nohup}, {@code eatmydata}, {@code time},
   * {@code nice}).
   *
   * @param words unquoted words
   * @return the index, which may be {@code words.size()}; -1 for {@code command -v}, a lookup
   */
  static int programStart(List<String> words) {
    int i = 0;
    while (i < words.size()) {
      if (isAssignment(words.get(i))) {
        i++;
        continue;
      }
      switch (basename(words.get(i))) {
        case "sudo", "doas" -> i = skipOptions(words, i + 1, SUDO_WITH_VALUE);
        case "env" -> {
          i = skipOptions(words, i + 1, Set.of("-u", "-C", "-S"));
          while (i < words.size() && isAssignment(words.get(i))) {
            i++;
          }
        }
        case "command" -> {
          if (i + 1 < words.size() && (words.get(i + 1).startsWith("-v") || words.get(i + 1).startsWith("-V"))) {
            return -1;
          }
          i = skipOptions(words, i + 1, Set.of());
        }
        case "exec", "nohup", "eatmydata", "builtin", "time" -> i = skipOptions(words, i + 1, Set.of());
        case "nice" -> i = skipOptions(words, i + 1, Set.of("-n"));
        default -> {
          return i;
        }
      }
    }
    return i;
  }

  private static int skipOptions(List<String> words, int from, Set<String> withValue) {
    int i = from;
    while (i < words.size() && words.get(i).startsWith("-")) {
      String option = words.get(i);
      i++;
      if (option.equals("--")) {
        break;
      }
      if (withValue.contains(option)) {
        i++;
      }
    }
    return i;
  }

  /**
   * For a shell's arguments ({@code -eux -o pipefail -c 'script'}): the index of the script
   * given with {@code -c}, {@code -1} when the shell reads its script from stdin (options only),
   * or {@code -2} when it runs a script file.
   */
  static int scriptArgument(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-o") || a.equals("+o")) {
        i++;
      } else if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('c') > 0) {
        return i + 1 < args.size() ? i + 1 : -2;
      } else if (!a.startsWith("-") && !a.startsWith("+")) {
        return -2;
      }
    }
    return -1;
  }
}
