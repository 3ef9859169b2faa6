package dev.healthguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Health-check commands as ECS takes them. An input file is the command array with its elements
 * separated by NUL bytes ({@code CMD-SHELL\0curl -f http://localhost/ || exit 1}); Docker cannot
 * pass a NUL in an argument, so every command can be written this way. The analysis never throws
 * (its contract), never reports an internal error, and its problems are short.
 */
class CommandFuzzTest {

  @FuzzTest(maxDuration = "20s", maxExecutions = 20000)
  void analyze(byte[] input) throws Exception {
    Invariants.withinTime(() -> check(input));
  }

  /** The target: one input, checked. */
  static void check(byte[] input) {
    List<String> command = Arrays.asList(new String(input, StandardCharsets.UTF_8).split("\0", -1));

    CommandAnalysis analysis = CommandAnalyzer.analyze(command);

    for (String problem : analysis.problems()) {
      if (problem.startsWith("Internal error")) {
        throw new AssertionError(problem);
      }
      Invariants.boundedMessage("a command problem", problem);
    }
    Invariants.boundedOutput("the analysis", analysis.toString(), input.length);
  }
}
