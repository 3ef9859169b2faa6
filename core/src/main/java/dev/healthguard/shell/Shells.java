package dev.healthguard.shell;

import java.util.List;
import java.util.Set;

/** Recognises shells run with {@code -c script}, in {@code CMD} form or inside a script. */
public final class Shells {

  /**
   * The shell Docker puts in front of a {@code CMD-SHELL} script on Linux: moby daemon/health.go
   * {@code getShell} returns {@code ["/bin/sh", "-c"]} unless the container config sets
   * {@code Shell}, which the image's {@code SHELL} instruction does not reach
   * (health-check-semantics.md §1).
   */
  public static final String DOCKER_SHELL = "/bin/sh";

  // Program names that take "-c script". busybox is handled separately ("busybox sh -c").
  private static final Set<String> SHELL_NAMES =
      Set.of("sh", "bash", "ash", "dash", "ksh", "mksh", "zsh");

  private Shells() {}

  /**
   * A script handed to a shell with {@code -c}.
   *
   * @param script the script text
   * @param dialect which language it is read in
   * @param errexit {@code -e} was given
   * @param pipefail {@code -o pipefail} was given
   */
  public record Script(String script, Dialect dialect, boolean errexit, boolean pipefail) {}

  public static boolean isShellName(String command) {
    return SHELL_NAMES.contains(Words.basename(command));
  }

  public static boolean isBusybox(String command) {
    return "busybox".equals(Words.basename(command));
  }

  /**
   * The script of {@code argv} when argv runs a shell with {@code -c} ({@code sh -c 'x'},
   * {@code /bin/bash -ec 'x'}, {@code bash -o pipefail -c 'x'}, {@code busybox sh -c 'x'}), else
   * null. A shell with {@code -c} but no script gives a Script whose script is null, so the
   * caller can report it (sh then fails with "-c requires an argument").
   */
  public static Script scriptOf(List<String> argv) {
    CommandLine line = read(argv);
    if (line == null || !line.commandMode()) {
      return null;
    }
    String script = line.firstOperand() < argv.size() ? argv.get(line.firstOperand()) : null;
    Dialect dialect = Words.basename(line.program()).equals("bash") ? Dialect.BASH : Dialect.SH;
    return new Script(script, dialect, line.errexit(), line.pipefail());
  }

  /**
   * True when {@code argv} runs a shell that reads its script from stdin: options only, no
   * {@code -c} and no script file ({@code sh}, {@code bash -ex}, {@code sh -o pipefail}).
   */
  public static boolean readsStdin(List<String> argv) {
    CommandLine line = read(argv);
    return line != null && !line.commandMode() && line.firstOperand() >= argv.size();
  }

  /** A shell's command line: its options, and where its operands start. */
  private record CommandLine(String program, boolean commandMode, boolean errexit, boolean pipefail,
      int firstOperand) {}

  private static CommandLine read(List<String> argv) {
    if (argv.isEmpty()) {
      return null;
    }
    int start = 1;
    String program = argv.get(0);
    if (isBusybox(program) && argv.size() > 1 && isShellName(argv.get(1))) {
      // busybox runs the applet named by its first argument.
      program = argv.get(1);
      start = 2;
    }
    if (!isShellName(program)) {
      return null;
    }
    // POSIX sh synopsis: sh -c [-abCefhimnuvx] [-o option]... [+abCefhimnuvx] [+o option]...
    //   command_string [command_name [argument...]]
    // (XCU "sh"); bash adds long options (--norc, --login …) which come first.
    boolean commandMode = false;
    boolean errexit = false;
    boolean pipefail = false;
    int i = start;
    while (i < argv.size()) {
      String arg = argv.get(i);
      if (arg.equals("--") || arg.equals("-")) {
        i++;
        break;
      }
      if (arg.startsWith("--")) {
        i++;
        continue;
      }
      if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
        boolean minus = arg.charAt(0) == '-';
        if (arg.substring(1).equals("o")) {
          if (i + 1 < argv.size() && minus && argv.get(i + 1).equals("pipefail")) {
            pipefail = true;
          }
          i += 2;
          continue;
        }
        for (char c : arg.substring(1).toCharArray()) {
          if (c == 'c' && minus) {
            commandMode = true;
          } else if (c == 'e') {
            errexit = minus;
          }
        }
        i++;
        continue;
      }
      break;
    }
    return new CommandLine(program, commandMode, errexit, pipefail, i);
  }
}
