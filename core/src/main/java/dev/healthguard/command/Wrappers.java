package dev.healthguard.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Programs that run another program: {@code timeout 5 curl …}, {@code env X=1 curl …},
 * {@code nice}, {@code nohup}, {@code stdbuf}, {@code gosu}/{@code su-exec}. The wrapper and the
 * wrapped program must both exist in the image; the wrapped one is exec'd by the wrapper (execvp,
 * so found on PATH and never a shell builtin).
 */
final class Wrappers {

  private static final Pattern ASSIGNMENT =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  private Wrappers() {}

  /** True for {@code timeout}, whose own status (124) can replace the wrapped program's. */
  static boolean addsTimeout(String name) {
    return name.equals("timeout");
  }

  /**
   * The argv {@code name args} runs, or null when {@code name} is not a wrapper or runs nothing
   * ({@code env} alone prints the environment).
   */
  static List<String> target(String name, List<String> args) {
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
    while (i < operands.size() && ASSIGNMENT.matcher(operands.get(i)).matches()) {
      i++;
    }
    return operands.subList(i, operands.size());
  }
}
