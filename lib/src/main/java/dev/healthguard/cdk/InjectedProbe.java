package dev.healthguard.cdk;

import java.util.List;

/**
 * What {@link ChangeWriter} did to a task definition, and the health check that now works.
 *
 * @param healthCheckCommand the health-check command, in CMD (exec) form, that runs the probe, e.g.
 *     {@code ["CMD", "/healthguard/probe", "http", "http://localhost:8080/health"]}
 * @param healthCheckContainer the container whose health check must be {@code healthCheckCommand}.
 *     After {@code ChangeWriter.sharedVolume} it is the application container, and the caller
 *     must still set it there (the L2 has no setter; use an escape hatch). After {@code
 *     ProbeInjection.sidecar} it is the sidecar, which already has it; the caller removes the
 *     application's own failing check.
 * @param probeContainer the container HealthGuard added (or found from an earlier call): the init
 *     container or the sidecar
 * @param changes what was changed, one sentence each, in order; empty when an earlier call had
 *     already made them all
 */
public record InjectedProbe(
    List<String> healthCheckCommand,
    String healthCheckContainer,
    String probeContainer,
    List<String> changes) {

  public InjectedProbe {
    healthCheckCommand = List.copyOf(healthCheckCommand);
    changes = List.copyOf(changes);
  }

  /** Whether this call changed the task definition. */
  public boolean changed() {
    return !changes.isEmpty();
  }
}
