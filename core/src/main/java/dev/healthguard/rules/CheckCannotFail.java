package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.image.Evidence;
import java.util.List;

/** HG004: a placebo check, one whose exit status is always 0 ({@code echo ok}, {@code || true}). */
public final class CheckCannotFail implements Rule {

  @Override
  public String id() {
    return "HG004";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Health check that cannot fail";
  }

  @Override
  public String explanation() {
    return "A check such as `echo hello`, `true`, `curl … || true` or `… || exit 0` always exits 0, so "
        + "ECS reports HEALTHY for a container that is not serving, and the load balancer or a "
        + "dependsOn HEALTHY condition trusts it.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.hasHealthCheck() || subject.command().canFail()) {
      return List.of();
    }
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the health check always succeeds: " + subject.command().cannotFailReason() + ".",
        List.of(new Evidence("healthCheck.command", CheckCommands.json(subject.target().healthCheck().command()))),
        "let the probe's exit status through, e.g. \"curl -f http://localhost:<port>/health || exit 1\""));
  }
}
