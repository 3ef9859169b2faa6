package dev.healthguard.command;

import dev.healthguard.command.ScriptWalker.Result;
import dev.healthguard.shell.Dialect;
import java.util.List;
import java.util.Set;

/**
 * Commands a POSIX {@code /bin/sh} runs itself, so no file for them is needed in the image.
 *
 * <p>The list is the intersection that matters: what dash (Debian, Ubuntu) and busybox ash
 * (Alpine, distroless {@code :debug}) both build in, since either may be the image's
 * {@code /bin/sh}. Bash builds in all of these too. A name with a slash ({@code /bin/echo}) is
 * never a builtin: the shell executes that file (XCU 2.9.1.1 "Command Search and Execution").
 *
 * <p>What the builtins that matter to a check's status do is here too: {@code exit}, {@code exec},
 * {@code command}, {@code set}, {@code eval} (XCU 2.14).
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

  /**
   * Runs a builtin the walker met and returns its status; {@code set} changes the walker's
   * options, {@code exec} and {@code command} run what they name through the walker.
   */
  static Result run(ScriptWalker walker, Invocation invocation, Outcomes incoming, boolean pipelineTail) {
    String command = invocation.command();
    List<String> args = invocation.args();
    switch (command) {
      case "true":
      case ":":
        return new Result(Outcomes.SUCCEEDS, "`" + command + "` always exits 0");
      case "false":
        return Result.of(Outcomes.FAILS);
      case "echo":
        return new Result(Outcomes.SUCCEEDS, "`echo` always exits 0");
      case "exit":
        return KnownStatus.exit(args, incoming);
      case "return":
        return Result.of(Outcomes.ANYTHING);
      case "exec":
        return exec(walker, args, incoming);
      case "command":
        return command(walker, args, incoming, pipelineTail);
      case "set":
        return set(walker, args);
      case "eval":
        // eval runs its arguments, joined by spaces, as a script in the same shell.
        return walker.eval(String.join(" ", args));
      case "[[":
        if (walker.dialect() == Dialect.SH) {
          walker.problem("`[[` is not POSIX: dash (Debian/Ubuntu /bin/sh) reports "
              + "\"[[: not found\"; busybox ash and bash have it.");
        }
        return Result.of(Outcomes.MAYBE);
      default:
        return Result.of(Outcomes.MAYBE);
    }
  }

  private static Result exec(ScriptWalker walker, List<String> args, Outcomes incoming) {
    int i = 0;
    // bash's exec takes -c, -l and -a NAME; POSIX exec takes none.
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      String opt = args.get(i);
      i += opt.equals("-a") ? 2 : 1;
      if (opt.equals("--")) {
        break;
      }
    }
    if (i >= args.size()) {
      return new Result(Outcomes.SUCCEEDS, "`exec` with only redirections exits 0");
    }
    // exec replaces the shell: the program's status is the check's (XCU 2.14 "exec").
    Result target = walker.runArgv(args.subList(i, args.size()), true, false, incoming, false);
    return new Result(target.outcomes().inChild().asExit(), target.reason());
  }

  private static Result command(ScriptWalker walker, List<String> args, Outcomes incoming, boolean pipelineTail) {
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      if (args.get(i).contains("v") || args.get(i).contains("V")) {
        // "command -v curl" only looks curl up: curl does not have to exist for it to run.
        return Result.of(Outcomes.MAYBE);
      }
      i++;
    }
    if (i >= args.size()) {
      return new Result(Outcomes.SUCCEEDS, "`command` without a command exits 0");
    }
    return walker.runArgv(args.subList(i, args.size()), true, true, incoming, pipelineTail);
  }

  private static Result set(ScriptWalker walker, List<String> args) {
    boolean pipefailRequested = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.length() < 2 || !(a.startsWith("-") || a.startsWith("+")) || a.equals("--")) {
        break; // positional parameters follow
      }
      boolean on = a.charAt(0) == '-';
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'e') {
          walker.errexit(on);
        } else if (c == 'o' && i + 1 < args.size()) {
          String option = args.get(++i);
          if (option.equals("errexit")) {
            walker.errexit(on);
          } else if (option.equals("pipefail")) {
            walker.pipefail(on);
            pipefailRequested = true;
          }
        }
      }
    }
    if (pipefailRequested && walker.dialect() == Dialect.SH) {
      // An unsupported option is an error of a special builtin, which ends a non-interactive
      // shell (XCU 2.8.1).
      walker.problem("`set -o pipefail` is recent in POSIX sh; an older dash rejects "
          + "it and the script stops there with an error.");
      return Result.of(new Outcomes(Outcomes.OK | Outcomes.EXIT_FAIL));
    }
    return new Result(Outcomes.SUCCEEDS, "`set` exits 0");
  }
}
