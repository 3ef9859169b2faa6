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

  @FuzzTest(maxDuration = "20s")
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
    Invariants.boundedOutput("the recipe", recipe.toString(), input.length);
  }
}
