package dev.healthguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.healthguard.dockerfile.BuildOptions;
import dev.healthguard.dockerfile.DockerfileEvaluator;
import dev.healthguard.dockerfile.DockerfileException;
import dev.healthguard.dockerfile.ImageRecipe;
import java.nio.charset.StandardCharsets;

/**
 * Dockerfiles through the parser and the evaluator together: a recipe, or a {@link
 * DockerfileException} that is about the file (BuildKit would refuse it, or a budget was
 * exceeded), never one that wraps a bug of ours ("HealthGuard could not …"), never an Error. The
 * seeds and {@code hostile/Dockerfile} hold issue 10's classes: ARG and ENV doubling, {@code ${a##*a*a*…b}} patterns, long FROM
 * chains, long durations, many RUN lines, a long single line, heredocs, escape directives.
 */
class DockerfileFuzzTest {
  private static final long EXPANDED_CHARS = 16L << 20;

  @FuzzTest(maxDuration = "20s", maxExecutions = 5000)
  void evaluate(byte[] input) throws Exception {
    Invariants.withinTime(() -> check(input));
  }

  /** The target: one input, checked. */
  static void check(byte[] input) {
    String content = new String(input, StandardCharsets.UTF_8);
    ImageRecipe recipe;
    try {
      recipe = DockerfileEvaluator.evaluate(content, "Dockerfile", BuildOptions.DEFAULT);
    } catch (DockerfileException e) {
      if (e.problem().startsWith("HealthGuard could not")) {
        throw new AssertionError("a bug reached the user as a finding: " + e.getMessage(), e.getCause());
      }
      Invariants.boundedMessage("a Dockerfile finding", e.getMessage());
      return;
    }
    for (String warning : recipe.warnings()) {
      Invariants.boundedMessage("a Dockerfile warning", warning);
    }
    // Expansion may grow a value up to the evaluator's stated budget, not beyond: 16 Mi characters
    // expanded in all (dockerfile Limits.MAX_EXPANDED_CHARS); ENV PATH=$PATH:$PATH ten times is 440
    // bytes and a 170 KB PATH, which the recipe then shows.
    Invariants.boundedOutput("the recipe", recipe.toString(), input.length, 2L * EXPANDED_CHARS);
  }
}
