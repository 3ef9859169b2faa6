package dev.healthguard.task;

import dev.healthguard.image.ImageRef;
import java.util.List;

/**
 * One container of one task definition, with everything the rules need.
 *
 * @param taskDefinition the task definition's construct path (or logical id outside the CDK)
 * @param container the container name
 * @param healthCheck the health check, or null when the container has none
 * @param image where the image comes from
 * @param containerPorts the container ports of its port mappings
 * @param essential whether the task stops when this container stops
 * @param cpuArchitecture {@code X86_64} (the default) or {@code ARM64}
 * @param networkMode {@code awsvpc} (Fargate), {@code bridge}, {@code host}, … or null when unset
 * @param taskPorts the container ports of every container in the task, which share localhost
 *     under {@code awsvpc}
 * @param mountPaths where volumes are mounted in this container: files under them come from the
 *     volume at run time, not from the image
 */
public record Target(
    String taskDefinition,
    String container,
    HealthCheck healthCheck,
    ImageRef image,
    List<Integer> containerPorts,
    boolean essential,
    String cpuArchitecture,
    String networkMode,
    List<Integer> taskPorts,
    List<String> mountPaths) {

  public Target {
    containerPorts = List.copyOf(containerPorts);
    taskPorts = List.copyOf(taskPorts);
    mountPaths = List.copyOf(mountPaths);
  }

  public Target withImage(ImageRef newImage) {
    return new Target(taskDefinition, container, healthCheck, newImage, containerPorts, essential, cpuArchitecture,
        networkMode, taskPorts, mountPaths);
  }

  public Target withHealthCheck(HealthCheck newHealthCheck) {
    return new Target(taskDefinition, container, newHealthCheck, image, containerPorts, essential, cpuArchitecture,
        networkMode, taskPorts, mountPaths);
  }

  /** Whether {@code file} lies under a volume mount, so the image alone does not decide it. */
  public boolean mounted(String file) {
    return mountPaths.stream().anyMatch(m -> file.equals(m) || file.startsWith(m.endsWith("/") ? m : m + "/"));
  }

  /**
   * {@code container 'web' of Stack/Service/TaskDef}, for messages; just the task definition's path
   * for a finding about the task definition as a whole (no container: HG000).
   */
  public String describe() {
    return container == null ? taskDefinition : "container '" + container + "' of " + taskDefinition;
  }
}
