package dev.healthguard.dockerfile;

import java.util.List;

/**
 * What one build of a Dockerfile produces, as far as health checks care: the external base image
 * the target stage descends from and every step on the way, with the image settings the target
 * stage ends with.
 *
 * @param dockerfile the file name, for messages
 * @param target the name (or index, as a string) of the stage that was built
 * @param baseImage the external image at the root of the target's FROM chain, with ARGs expanded
 *     ({@code golang:1.19.2-alpine}, {@code scratch}); null when it could not be expanded
 * @param baseInstruction the FROM line that names {@code baseImage}
 * @param stageChain the stages followed from the target back to the root, target first
 * @param steps the build steps of that chain in build order (root stage first)
 * @param healthcheck the last {@code HEALTHCHECK} in the chain, or null; {@code NONE} included
 * @param pathEnv the value of the last {@code ENV PATH} in the chain, expanded, or null
 * @param pathInstruction where that ENV PATH is, or null
 * @param user the last {@code USER} in the chain, or null
 * @param platform the {@code --platform} of the base FROM, expanded, or null
 * @param warnings things the evaluation could not settle (an unexpandable variable, …)
 */
public record ImageRecipe(
    String dockerfile,
    String target,
    String baseImage,
    SourceLocation baseInstruction,
    List<String> stageChain,
    List<Step> steps,
    HealthcheckInstruction healthcheck,
    String pathEnv,
    SourceLocation pathInstruction,
    String user,
    String platform,
    List<String> warnings) {

  public ImageRecipe {
    stageChain = List.copyOf(stageChain);
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
  }

  /**
   * A {@code HEALTHCHECK} instruction.
   *
   * @param test {@code ["NONE"]}, {@code ["CMD", …]} (JSON form) or {@code ["CMD-SHELL", "…"]}
   * @param interval seconds, or null
   * @param timeout seconds, or null
   * @param startPeriod seconds, or null
   * @param retries or null
   */
  public record HealthcheckInstruction(
      List<String> test,
      Integer interval,
      Integer timeout,
      Integer startPeriod,
      Integer retries,
      SourceLocation location) {
    public HealthcheckInstruction {
      test = List.copyOf(test);
    }
  }
}
