package dev.healthguard.command;

import dev.healthguard.command.ScriptWalker.Result;
import dev.healthguard.shell.Words;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * Exit statuses known from a command alone: {@code true}, {@code false}, {@code echo},
 * {@code exit n}, and {@code cat}/{@code tee} copying a pipe. Everything else may succeed or
 * fail. The analysis assumes the program exists; whether it does is the image's question.
 */
final class KnownStatus {

  // tee writing only here cannot fail to open its files.
  private static final Set<String> SAFE_TEE_OPERANDS = Set.of("/dev/null", "/dev/stdout", "/dev/stderr");

  private KnownStatus() {}

  /** A program (not a builtin) whose status is known from its name alone, else MAYBE. */
  static Result program(String name, List<String> args, boolean pipelineTail) {
    switch (name) {
      case "true":
        return new Result(Outcomes.SUCCEEDS, "`true` always exits 0");
      case "false":
        return Result.of(Outcomes.FAILS);
      case "echo":
        // echo only fails on a write error; Docker reads the check's output through a pipe.
        return new Result(Outcomes.SUCCEEDS, "`echo` always exits 0");
      case "cat":
        if (pipelineTail && args.stream().allMatch(a -> a.startsWith("-"))) {
          return new Result(Outcomes.SUCCEEDS, "`cat` copying its input always exits 0");
        }
        return Result.of(Outcomes.MAYBE);
      case "tee":
        if (pipelineTail
            && args.stream().allMatch(a -> a.startsWith("-") || SAFE_TEE_OPERANDS.contains(a))) {
          return new Result(Outcomes.SUCCEEDS, "`tee` copying its input always exits 0");
        }
        return Result.of(Outcomes.MAYBE);
      default:
        return Result.of(Outcomes.MAYBE);
    }
  }

  /** The builtin {@code exit} with {@code args}, given what {@code $?} can be. */
  static Result exit(List<String> args, Outcomes incoming) {
    // exit [n]: without n, the status of the last command (XCU 2.14 "exit").
    if (args.isEmpty() || args.get(0).equals("$?")) {
      Outcomes o = incoming.continuing().asExit();
      return new Result(o, o.canFail() ? null : "`exit` repeats the last status, which is 0 here");
    }
    String n = args.get(0);
    if (Words.isDynamic(n)) {
      return Result.of(new Outcomes(Outcomes.EXIT_OK | Outcomes.EXIT_FAIL));
    }
    if (n.matches("\\d{1,100}")) {
      boolean zero = new BigInteger(n).mod(BigInteger.valueOf(256)).signum() == 0;
      if (zero) {
        String why = n.equals("0") ? "" : " (statuses are taken modulo 256)";
        return new Result(new Outcomes(Outcomes.EXIT_OK),
            "`exit " + n + "` ends the script with status 0" + why);
      }
      return Result.of(new Outcomes(Outcomes.EXIT_FAIL));
    }
    // dash: "exit: Illegal number: x", status 2.
    return Result.of(new Outcomes(Outcomes.EXIT_FAIL));
  }
}
