package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile Dockerfiles (issue 10): each input class that once ran out of memory, overflowed the
 * stack or took minutes must now end within a time bound, with a message naming the limit.
 * Every input is generated here; none is stored.
 */
class BudgetTest {
  // Far above what the bounded evaluation needs, far below what the unbounded one took.
  private static final Duration BOUND = Duration.ofSeconds(15);

  private static ImageRecipe evaluate(String dockerfile) {
    return assertTimeoutPreemptively(BOUND,
        () -> DockerfileEvaluator.evaluate(dockerfile, "Dockerfile", BuildOptions.DEFAULT));
  }

  private static DockerfileException refused(String dockerfile) {
    return assertTimeoutPreemptively(BOUND, () -> assertThrows(DockerfileException.class,
        () -> DockerfileEvaluator.evaluate(dockerfile, "Dockerfile", BuildOptions.DEFAULT)));
  }

  private static String doubling(String keyword, int times) {
    StringBuilder out = new StringBuilder("FROM alpine\n" + keyword + " a0=abcdefgh\n");
    for (int i = 1; i <= times; i++) {
      out.append(keyword).append(" a").append(i).append("=$a").append(i - 1).append("$a").append(i - 1).append('\n');
    }
    return out.append("RUN apk add curl\n").toString();
  }

  @Test
  void argDoublingStopsAtTheExpansionLimit() {
    DockerfileException e = refused(doubling("ARG", 40));

    assertTrue(e.getMessage().contains("longer than " + Limits.MAX_WORD_CHARS), e.getMessage());
    assertTrue(e.getMessage().startsWith("Dockerfile:"), e.getMessage());
  }

  @Test
  void globalArgDoublingStopsAtTheExpansionLimit() {
    StringBuilder out = new StringBuilder("ARG a0=abcdefgh\n");
    for (int i = 1; i <= 40; i++) {
      out.append("ARG a").append(i).append("=$a").append(i - 1).append("$a").append(i - 1).append('\n');
    }
    DockerfileException e = refused(out.append("FROM alpine:$a40\n").toString());

    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
  }

  @Test
  void envDoublingStopsAtTheExpansionLimit() {
    assertTrue(refused(doubling("ENV", 40)).getMessage().contains("longer than"));
  }

  @Test
  void pathDoublingStopsAtTheExpansionLimit() {
    String dockerfile = "FROM alpine\nENV PATH=/x\n" + "ENV PATH=$PATH:$PATH\n".repeat(40);

    assertTrue(refused(dockerfile).getMessage().contains("longer than"));
  }

  @Test
  void manyReferencesInOneWordStopAtTheLimitWhileBeingBuilt() {
    String dockerfile = "FROM alpine\nARG A=" + "x".repeat(60_000) + "\nARG B=" + "$A".repeat(200_000) + "\n";

    assertTrue(refused(dockerfile).getMessage().contains("longer than"));
  }

  @Test
  void replacingEveryCharacterWithALongValueStopsAtTheLimit() {
    String dockerfile = "FROM alpine\nARG A=" + "x".repeat(60_000) + "\nARG B=${A//?/$A}\n";

    assertTrue(refused(dockerfile).getMessage().contains("longer than"));
  }

  @Test
  void backtrackingPatternsMatchInBoundedTime() {
    String value = "a".repeat(60);
    String glob = "*a".repeat(30) + "b";
    for (String op : List.of("#", "##", "%", "%%", "/", "//")) {
      String dockerfile = "FROM alpine\nARG a=" + value + "\nARG b=${a" + op + glob
          + (op.startsWith("/") ? "/r" : "") + "}\nWORKDIR /$b\n";

      ImageRecipe recipe = evaluate(dockerfile);

      assertTrue(recipe.warnings().isEmpty(), op + ": " + recipe.warnings());
    }
  }

  @Test
  void longEnvChainsEvaluateInLinearTime() {
    String dockerfile = "FROM alpine\n" + "ENV PATH=$PATH:/x\n".repeat(55_000);

    DockerfileException e = refused(dockerfile);

    assertTrue(e.getMessage().contains("expansions produced more than " + Limits.MAX_EXPANDED_CHARS), e.getMessage());
  }

  @Test
  void aShortEnvChainStillEvaluates() {
    ImageRecipe recipe = evaluate("FROM alpine\n" + "ENV PATH=$PATH:/x\n".repeat(300));

    assertEquals("${PATH}" + ":/x".repeat(300), recipe.pathEnv());
  }

  @Test
  void longFromChainsAreCheckedInLinearTime() {
    StringBuilder out = new StringBuilder("FROM alpine AS s0\n");
    for (int i = 1; i < 45_000; i++) {
      out.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n');
    }
    DockerfileException e = refused(out.toString());

    assertTrue(e.getMessage().contains("more than " + Limits.MAX_STAGES + " stages"), e.getMessage());
  }

  @Test
  void aDuplicateStageNameIsFoundAmongManyStages() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Limits.MAX_STAGES - 1; i++) {
      out.append("FROM alpine AS s").append(i).append('\n');
    }
    DockerfileException e = refused(out.append("FROM alpine AS S7\n").toString());

    assertTrue(e.getMessage().contains("duplicate stage name \"s7\""), e.getMessage());
  }

  @Test
  void aHugeDurationIsRefusedQuickly() {
    String dockerfile = "FROM alpine\nHEALTHCHECK --interval=" + "9".repeat(200_000) + "s CMD true\n";

    DockerfileException e = refused(dockerfile);

    assertTrue(e.getMessage().contains("invalid duration"), e.getMessage());
    assertTrue(e.getMessage().length() < 600, "the message echoes the whole value: " + e.getMessage().length());
  }

  @Test
  void manyRunLinesStopAtTheRunLimit() {
    String dockerfile = "FROM alpine\n" + "RUN apk add curl && echo hi\n".repeat(100_000);

    ImageRecipe recipe = evaluate(dockerfile);

    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains(Limits.MAX_RUN_ANALYSES + " RUN")),
        recipe.warnings().toString());
  }

  @Test
  void aHugeRunScriptIsOpaqueAndSaysWhy() {
    String dockerfile = "FROM alpine\nRUN " + "echo x && ".repeat(120_000) + "apk add curl\n";

    ImageRecipe recipe = evaluate(dockerfile);

    assertTrue(recipe.steps().stream().allMatch(s -> s instanceof Step.OpaqueRun), recipe.steps().toString());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("longer than " + Limits.MAX_RUN_CHARS)),
        recipe.warnings().toString());
  }

  @Test
  void aOneMegabyteLineEvaluatesQuickly() {
    String dockerfile = "FROM alpine\nLABEL a=\"" + "x ".repeat(500_000) + "\"\nRUN apk add curl\n";

    ImageRecipe recipe = evaluate(dockerfile);

    assertEquals(2, recipe.steps().size() + 1, recipe.steps().toString());
  }

  @Test
  void aOneMegabyteRunLineEvaluatesQuickly() {
    evaluate("FROM alpine\nRUN " + "x ".repeat(500_000) + "\n");
  }

  @Test
  void deepNestingIsRefusedBeforeTheStackRunsOut() {
    String nested = "${A:-".repeat(50_000) + "x" + "}".repeat(50_000);

    DockerfileException e = refused("FROM " + nested + "\n");

    assertTrue(e.getMessage().contains("nested deeper than " + Limits.MAX_NESTING), e.getMessage());
  }

  @Test
  void aLongLineIsNotEchoedWhole() {
    DockerfileException e = refused("FROM alpine\nFROBNICATE " + "y".repeat(100_000) + "\n");

    assertTrue(e.getMessage().length() < 600, e.getMessage());
  }

  @Test
  void deeplyNestedQuotesInARunAreOpaqueNotACrash() {
    ImageRecipe recipe = evaluate("FROM alpine\nRUN " + "\"$(".repeat(20_000) + "apk add curl\n");

    assertTrue(recipe.steps().stream().allMatch(s -> s instanceof Step.OpaqueRun), recipe.steps().toString());
    // The shell package's reader (which replaced dockerfile.ShellScript and its nesting budget) reads
    // this unterminated nesting as an unparsable script: opaque, with no crash.
  }

  @Test
  void deeplyNestedOnbuildIsRefusedBeforeTheStackRunsOut() {
    DockerfileException e = refused("FROM alpine\n" + "ONBUILD ".repeat(100_000) + "RUN x\n");

    assertTrue(e.getMessage().contains("ONBUILD is nested deeper than"), e.getMessage());
  }
}
