package dev.healthguard.patterns;

import java.util.List;

/**
 * How a {@link GuardedFargateService} checks its container, and why.
 *
 * @param method where the check runs
 * @param tool {@code curl}, {@code wget}, {@code python3}, {@code node}, {@code nc}, {@code bash},
 *     or {@code probe}
 * @param command the health-check command as deployed, exec ({@code CMD}) form
 * @param reason one line naming the evidence, e.g. {@code alpine:3.20 has no curl; busybox wget at
 *     /usr/bin/wget (certain: catalog 'alpine' …)}
 * @param changes what the probe injection added to the task (volumes, containers); empty for a
 *     tool of the image
 */
public record HealthCheckStrategy(Method method, String tool, List<String> command, String reason, List<String> changes) {

  /** Where the health check runs. */
  public enum Method {
    /** A tool the image has, in the app container. */
    IMAGE_TOOL,
    /** The probe from a shared volume, in the app container. */
    PROBE_SHARED_VOLUME,
    /** The probe in an essential sidecar. */
    PROBE_SIDECAR
  }

  public HealthCheckStrategy {
    command = List.copyOf(command);
    changes = List.copyOf(changes);
  }
}
