package dev.healthguard.patterns;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.Volume;

/**
 * Stands in for {@code dev.healthguard.probe} so the construct's side of the seam is tested before
 * that package lands: it wires the task the way the design describes (DESIGN.md, "Probe").
 */
final class FakeProbeWiring implements ProbeWiring {

  static final String IMAGE = "public.ecr.aws/example/probe@sha256:" + "0".repeat(64);

  @Override
  public Wired sharedVolume(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs) {
    task.addVolume(Volume.builder().name("healthguard-probe").build());
    ContainerDefinition init = task.addContainer("healthguard-probe-init", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(probeImage != null ? probeImage : IMAGE)).essential(false)
        .command(List.of("install", "/healthguard/probe")).build());
    init.addMountPoints(MountPoint.builder().sourceVolume("healthguard-probe").containerPath("/healthguard")
        .readOnly(false).build());
    app.addMountPoints(MountPoint.builder().sourceVolume("healthguard-probe").containerPath("/healthguard")
        .readOnly(true).build());
    app.addContainerDependencies(ContainerDependency.builder().container(init)
        .condition(ContainerDependencyCondition.SUCCESS).build());
    List<String> command = new ArrayList<>(List.of("CMD", "/healthguard/probe"));
    command.addAll(probeArgs);
    return new Wired(command, List.of("added volume healthguard-probe", "added init container healthguard-probe-init"));
  }

  @Override
  public Wired sidecar(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs,
      HealthCheck timings) {
    List<String> command = new ArrayList<>(List.of("CMD", "/probe"));
    command.addAll(probeArgs);
    task.addContainer("healthguard-probe", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(probeImage != null ? probeImage : IMAGE))
        .healthCheck(HealthCheck.builder().command(command).interval(timings.getInterval())
            .timeout(timings.getTimeout()).retries(timings.getRetries()).startPeriod(timings.getStartPeriod()).build())
        .build());
    return new Wired(command, List.of("added essential sidecar healthguard-probe"));
  }
}
