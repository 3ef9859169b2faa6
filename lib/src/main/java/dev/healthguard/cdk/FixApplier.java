package dev.healthguard.cdk;

import dev.healthguard.fix.Remedy;
import dev.healthguard.rules.Alternatives;
import dev.healthguard.task.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;

/**
 * Makes a remedy a real change to the task definition, before synth. The L2 container has no
 * setter for its health check, so the check is set with an escape-hatch override on the
 * {@code CfnTaskDefinition} (cdk-java.md §3) and recorded in {@link FixRecord}.
 */
final class FixApplier {

  /**
   * The target as it is after the fix, and what changed.
   *
   * @param target the target with its new health check (and mounts)
   * @param changes one sentence per change, for the info finding
   */
  record Applied(ContainerTarget target, List<String> changes) {}

  /** Applies the remedy, or returns empty when this kind of remedy cannot be applied here. */
  Optional<Applied> apply(CfnTaskDefinition cfn, ContainerTarget at, Remedy remedy) {
    if (remedy instanceof Remedy.Rewrite rewrite) {
      HealthCheck old = at.target().healthCheck();
      HealthCheck fixed = new HealthCheck(rewrite.command(), old.intervalSeconds(), old.timeoutSeconds(), old.retries(),
          old.startPeriodSeconds());
      setHealthCheck(cfn, at, fixed);
      return Optional.of(new Applied(at.withTarget(at.target().withHealthCheck(fixed)),
          List.of("set the health check to " + Alternatives.json(rewrite.command()) + ": " + rewrite.why())));
    }
    if (remedy instanceof Remedy.Lift lift) {
      setHealthCheck(cfn, at, lift.healthCheck());
      return Optional.of(new Applied(at.withTarget(at.target().withHealthCheck(lift.healthCheck())),
          List.of("copied the image's HEALTHCHECK " + Alternatives.json(lift.healthCheck().command())
              + " into the task definition: " + lift.why())));
    }
    return Optional.empty();
  }

  static void setHealthCheck(CfnTaskDefinition cfn, ContainerTarget at, HealthCheck healthCheck) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("Command", healthCheck.command());
    putIfSet(rendered, "Interval", healthCheck.intervalSeconds());
    putIfSet(rendered, "Timeout", healthCheck.timeoutSeconds());
    putIfSet(rendered, "Retries", healthCheck.retries());
    putIfSet(rendered, "StartPeriod", healthCheck.startPeriodSeconds());
    cfn.addPropertyOverride("ContainerDefinitions." + at.index() + ".HealthCheck", rendered);
    FixRecord.put(cfn, at.target().container(), rendered);
  }

  private static void putIfSet(Map<String, Object> map, String key, Integer value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
