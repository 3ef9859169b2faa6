package dev.healthguard.cdk;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.fix.ProbeMode;
import dev.healthguard.fix.Remedy;
import dev.healthguard.probe.InjectedProbe;
import dev.healthguard.probe.ProbeImage;
import dev.healthguard.probe.ProbeInjection;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;

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

  private final ProbeMode probeMode;
  private final ProbeImage probeImage;

  FixApplier(ProbeMode probeMode, ProbeImage probeImage) {
    this.probeMode = probeMode;
    this.probeImage = probeImage;
  }

  /**
   * Applies the remedy.
   *
   * @throws IllegalArgumentException when it cannot be applied here, with the reason
   */
  Optional<Applied> apply(CfnTaskDefinition cfn, ContainerTarget at, Remedy remedy) {
    if (remedy instanceof Remedy.Rewrite rewrite) {
      HealthCheck old = at.target().healthCheck();
      HealthCheck fixed = new HealthCheck(rewrite.command(), old.intervalSeconds(), old.timeoutSeconds(), old.retries(),
          old.startPeriodSeconds());
      setHealthCheck(cfn, at, fixed);
      return Optional.of(new Applied(at.withTarget(at.target().withHealthCheck(fixed)),
          List.of("set the health check to " + CheckCommands.json(rewrite.command()) + ": " + rewrite.why())));
    }
    if (remedy instanceof Remedy.Lift lift) {
      setHealthCheck(cfn, at, lift.healthCheck());
      return Optional.of(new Applied(at.withTarget(at.target().withHealthCheck(lift.healthCheck())),
          List.of("copied the image's HEALTHCHECK " + CheckCommands.json(lift.healthCheck().command())
              + " into the task definition: " + lift.why())));
    }
    if (remedy instanceof Remedy.InjectProbe probe) {
      return Optional.of(inject(cfn, at, probe));
    }
    return Optional.empty();
  }

  private Applied inject(CfnTaskDefinition cfn, ContainerTarget at, Remedy.InjectProbe remedy) {
    if (!(at.construct() instanceof ContainerDefinition app) || !(cfn.getNode().getScope() instanceof TaskDefinition task)) {
      throw new IllegalArgumentException("a bare CfnTaskDefinition has no L2 task definition to add a probe to");
    }
    HealthCheck old = at.target().healthCheck();
    List<String> changes = new ArrayList<>();
    Target fixed;
    if (probeMode == ProbeMode.SIDECAR) {
      InjectedProbe injected = ProbeInjection.sidecar(task, app, probeImage, remedy.probeArgs(), l2(old));
      changes.addAll(injected.changes());
      // The sidecar carries the check now; the app's own can never pass.
      cfn.addPropertyDeletionOverride("ContainerDefinitions." + at.index() + ".HealthCheck");
      FixRecord.put(cfn, at.target().container(), null);
      changes.add("removed the health check of '" + at.target().container() + "', which could not run in its image");
      fixed = at.target().withHealthCheck(null);
    } else {
      InjectedProbe injected = ProbeInjection.sharedVolume(task, app, probeImage, remedy.probeArgs());
      changes.addAll(injected.changes());
      HealthCheck check = new HealthCheck(injected.healthCheckCommand(), old.intervalSeconds(), old.timeoutSeconds(),
          old.retries(), old.startPeriodSeconds());
      setHealthCheck(cfn, at, check);
      changes.add("set the health check to " + CheckCommands.json(check.command()) + ": " + remedy.why());
      List<String> mounts = new ArrayList<>(at.target().mountPaths());
      mounts.add(ProbeInjection.MOUNT_PATH);
      fixed = new Target(at.target().taskDefinition(), at.target().container(), check, at.target().image(),
          at.target().containerPorts(), at.target().essential(), at.target().cpuArchitecture(),
          at.target().networkMode(), at.target().taskPorts(), mounts);
    }
    return new Applied(at.withTarget(fixed), changes);
  }

  /** The L2 form of a check's timings, for the sidecar (its command is ignored). */
  private static software.amazon.awscdk.services.ecs.HealthCheck l2(HealthCheck check) {
    var builder = software.amazon.awscdk.services.ecs.HealthCheck.builder().command(check.command());
    if (check.intervalSeconds() != null) {
      builder.interval(Duration.seconds(check.intervalSeconds()));
    }
    if (check.timeoutSeconds() != null) {
      builder.timeout(Duration.seconds(check.timeoutSeconds()));
    }
    if (check.retries() != null) {
      builder.retries(check.retries());
    }
    if (check.startPeriodSeconds() != null) {
      builder.startPeriod(Duration.seconds(check.startPeriodSeconds()));
    }
    return builder.build();
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
