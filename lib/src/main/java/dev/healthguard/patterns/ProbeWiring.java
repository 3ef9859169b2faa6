package dev.healthguard.patterns;

import dev.healthguard.cdk.ChangeWriter;
import dev.healthguard.cdk.InjectedProbe;
import dev.healthguard.probe.ProbeImage;
import java.util.List;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.TaskDefinition;

/**
 * How the construct brings HealthGuard's probe (through the library's one {@link ChangeWriter});
 * an interface so tests can check the construct's wiring without the probe's containers.
 */
interface ProbeWiring {

  /** What an injection did. */
  record Wired(List<String> healthCheckCommand, List<String> changes) {
    public Wired {
      healthCheckCommand = List.copyOf(healthCheckCommand);
      changes = List.copyOf(changes);
    }

    static Wired of(InjectedProbe injected) {
      return new Wired(injected.healthCheckCommand(), injected.changes());
    }
  }

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

  /** The real wiring: the {@link ChangeWriter}'s probe, with the bundled or the given probe image. */
  ProbeWiring INJECTION = new ProbeWiring() {
    @Override
    public Wired sharedVolume(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs) {
      return Wired.of(ChangeWriter.forProbes().sharedVolume(task, app, image(probeImage), probeArgs));
    }

    @Override
    public Wired sidecar(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs,
        HealthCheck timings) {
      return Wired.of(ChangeWriter.forProbes().sidecar(task, app, image(probeImage), probeArgs, timings));
    }

    private ProbeImage image(String reference) {
      return reference == null ? ProbeImage.bundled() : ProbeImage.fromRegistry(reference);
    }
  };
}
