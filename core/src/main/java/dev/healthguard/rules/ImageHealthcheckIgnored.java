package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.image.ImageHealthcheck;
import java.util.List;

/**
 * HG003: the image declares a {@code HEALTHCHECK} but the task definition has none. ECS only runs
 * the health check of the container definition and ignores the image's (health-check-semantics.md
 * §2.5, API_HealthCheck), so the author's intent is silently lost.
 */
public final class ImageHealthcheckIgnored implements Rule {

  @Override
  public String id() {
    return "HG003";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Image HEALTHCHECK that ECS will ignore";
  }

  @Override
  public String explanation() {
    return "ECS does not monitor a HEALTHCHECK built into the image unless the container definition "
        + "repeats it; the container's health stays UNKNOWN and a dependsOn HEALTHY never starts.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    ImageHealthcheck declared = subject.image().healthcheck();
    if (subject.hasHealthCheck() || declared == null || declared.isNone() || declared.test().isEmpty()) {
      return List.of();
    }
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the image declares HEALTHCHECK " + CheckCommands.json(declared.test())
            + " but the task definition has no health check, and ECS ignores the image's.",
        List.of(declared.evidence()),
        "repeat it in the container definition: healthCheck(HealthCheck.builder().command(List.of("
            + String.join(", ", declared.test().stream().map(s -> '"' + s.replace("\"", "\\\"") + '"').toList())
            + ")).build())"));
  }
}
