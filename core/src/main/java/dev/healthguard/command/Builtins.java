package dev.healthguard.command;

import dev.healthguard.shell.Dialect;
import java.util.Set;

/**
 * Commands a POSIX {@code /bin/sh} runs itself, so no file for them is needed in the image.
 *
 * <p>The list is the intersection that matters: what dash (Debian, Ubuntu) and busybox ash
 * (Alpine, distroless {@code :debug}) both build in, since either may be the image's
 * {@code /bin/sh}. Bash builds in all of these too. A name with a slash ({@code /bin/echo}) is
 * never a builtin: the shell executes that file (XCU 2.9.1.1 "Command Search and Execution").
 */
final class Builtins {

  // POSIX "special built-in utilities" (XCU 2.14): the shell must provide them.
  private static final Set<String> SPECIAL =
      Set.of(
          ":", ".", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return",
          "set", "shift", "times", "trap", "unset");

  // POSIX "intrinsic" regular built-ins (XCU 1.7 in POSIX.1-2024; "regular built-ins" listed in
  // XCU 2.9.1.1 of earlier editions) that dash and busybox ash implement inside the shell.
  private static final Set<String> INTRINSIC =
      Set.of(
          "alias", "cd", "command", "getopts", "hash", "jobs", "kill", "read", "type", "ulimit",
          "umask", "unalias", "wait");

  // Utilities that also exist as files (/bin/echo, /usr/bin/test) but that dash and busybox ash
  // build in (dash(1) "Builtins"; busybox ash with its default config): a script calling them
  // needs no file.
  private static final Set<String> COMMON =
      Set.of("echo", "printf", "test", "[", "true", "false", "pwd", "local");

  // Bash keywords and builtins beyond POSIX that a `bash -c` script may use. "[[" is listed
  // under SH too: busybox ash has it, dash does not, and the walker notes that difference rather
  // than claim a missing file.
  private static final Set<String> BASH_ONLY =
      Set.of("[[", "source", "declare", "typeset", "let", "shopt", "builtin", "caller", "enable",
          "mapfile", "readarray", "disown", "help", "history", "logout", "suspend", "compgen",
          "complete", "dirs", "popd", "pushd", "bind");

  private Builtins() {}

  /** True when a shell of {@code dialect} runs {@code command} itself. */
  static boolean isBuiltin(String command, Dialect dialect) {
    if (command == null || command.indexOf('/') >= 0) {
      return false;
    }
    if (SPECIAL.contains(command) || INTRINSIC.contains(command) || COMMON.contains(command)) {
      return true;
    }
    if (command.equals("[[")) {
      return true;
    }
    return dialect == Dialect.BASH && BASH_ONLY.contains(command);
  }
}
