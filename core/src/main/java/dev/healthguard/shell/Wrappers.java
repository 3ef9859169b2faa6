package dev.healthguard.shell;

import java.util.List;
import java.util.Set;

/**
 * Programs that run another program: {@code timeout 5 curl …}, {@code env X=1 curl …},
 * {@code nice}, {@code nohup}, {@code stdbuf}, {@code gosu}/{@code su-exec}, {@code sudo}/
 * {@code doas}, {@code eatmydata}. The wrapper and the wrapped program must both exist in the
 * image; the wrapped one is exec'd by the wrapper (execvp, so found on PATH and never a shell
 * builtin). Health-check analysis and RUN analysis read them with this one table.
 */
public final class Wrappers {

  // sudo(8) options that take a value: -u user, -g group, -C fd, -p prompt, -r role, -t type,
  // -U user, -D dir, -R dir, -T timeout, -h host.
  private static final String SUDO_WITH_VALUE = "ugCprtUDRTh";

  private static final Set<String> NAMES =
      Set.of("timeout", "env", "nice", "nohup", "stdbuf", "gosu", "su-exec", "sudo", "doas", "eatmydata");

  private Wrappers() {}

  /** True for a program that runs the program named by its operands. */
  public static boolean isWrapper(String name) {
    return NAMES.contains(name);
  }

  /** True for {@code timeout}, whose own status (124) can replace the wrapped program's. */
  public static boolean addsTimeout(String name) {
    return name.equals("timeout");
  }

  /**
   * The argv {@code name args} runs, or null when {@code name} is not a wrapper or runs nothing
   * ({@code env} alone prints the environment).
   */
  public static List<String> target(String name, List<String> args) {
    List<String> rest =
        switch (name) {
          // GNU timeout(1): timeout [OPTION] DURATION COMMAND; busybox: timeout [-s SIG]
          // [-k SECS] SECS PROG (older busybox: -t SECS PROG).
          case "timeout" -> afterTimeoutOptions(args);
          // GNU env(1): env [OPTION]... [NAME=VALUE]... [COMMAND [ARG]...].
          case "env" -> skipAssignments(
              OptionScanner.scan(args, "uCS", Set.of("unset", "chdir", "split-string"), true)
                  .operands());
          // nice(1): -n N or --adjustment=N; "nice -10 cmd" reads as flags, which is harmless.
          case "nice" -> OptionScanner.scan(args, "n", Set.of("adjustment"), true).operands();
          case "nohup" -> OptionScanner.scan(args, "", Set.of(), true).operands();
          case "stdbuf" ->
              OptionScanner.scan(args, "ioe", Set.of("input", "output", "error"), true).operands();
          // gosu USER COMMAND / su-exec USER COMMAND.
          case "gosu", "su-exec" -> args.size() > 1 ? args.subList(1, args.size()) : List.of();
          case "sudo", "doas" -> OptionScanner.scan(args, SUDO_WITH_VALUE,
              Set.of("user", "group", "prompt", "role", "type", "other-user", "chdir", "chroot", "command-timeout",
                  "host", "close-from"), true).operands();
          case "eatmydata" -> OptionScanner.scan(args, "", Set.of(), true).operands();
          default -> null;
        };
    return rest == null || rest.isEmpty() ? null : rest;
  }

  private static List<String> afterTimeoutOptions(List<String> args) {
    OptionScanner.Scan scan = OptionScanner.scan(args, "skt", Set.of("signal", "kill-after"), true);
    List<String> operands = scan.operands();
    if (scan.value("t") != null) {
      return operands; // busybox's old "-t SECS": the duration was an option
    }
    return operands.size() > 1 ? operands.subList(1, operands.size()) : List.of();
  }

  private static List<String> skipAssignments(List<String> operands) {
    int i = 0;
    while (i < operands.size() && Words.isAssignment(operands.get(i))) {
      i++;
    }
    return operands.subList(i, operands.size());
  }
}
