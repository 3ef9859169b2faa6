package dev.healthguard.patterns;

import java.util.List;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.TaskDefinition;

/**
 * The seam to {@code dev.healthguard.probe}, which injects the probe binary into a task. This
 * branch was written before that package reached main (it did in fe84e59), so the construct
 * reaches it through this interface: {@link #detect()} finds it on the classpath, and tests can
 * stand in for it.
 */
interface ProbeWiring {

  /** What an injection did. */
  record Wired(List<String> healthCheckCommand, List<String> changes) {
    public Wired {
      healthCheckCommand = List.copyOf(healthCheckCommand);
      changes = List.copyOf(changes);
    }
  }

  boolean available();

  /**
   * Puts the probe in a volume shared with {@code app}; the caller gives {@code app} the returned
   * health check.
   *
   * @param probeImage a probe image pinned by digest, or null for the bundled probe
   * @param probeArgs {@code ["http", url]} or {@code ["tcp", "127.0.0.1:<port>"]}
   */
  Wired sharedVolume(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs);

  /**
   * Runs the probe in an essential sidecar that carries the health check.
   *
   * @param timings interval, timeout, retries and start period for the sidecar's check; its
   *     command is a placeholder
   */
  Wired sidecar(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs, HealthCheck timings);

  /** The probe package when it is on the classpath, else a wiring that says it is missing. */
  static ProbeWiring detect() {
    return ReflectiveProbeWiring.load();
  }

  /** No probe package: the construct says so when it needs a probe. */
  ProbeWiring MISSING = new ProbeWiring() {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public Wired sharedVolume(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs) {
      throw new IllegalStateException(ReflectiveProbeWiring.MISSING_MESSAGE);
    }

    @Override
    public Wired sidecar(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs,
        HealthCheck timings) {
      throw new IllegalStateException(ReflectiveProbeWiring.MISSING_MESSAGE);
    }
  };
}
