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
    List<Integer> taskPorts) {

  public Target {
    containerPorts = List.copyOf(containerPorts);
    taskPorts = List.copyOf(taskPorts);
  }

  public Target withImage(ImageRef newImage) {
    return new Target(taskDefinition, container, healthCheck, newImage, containerPorts, essential, cpuArchitecture,
        networkMode, taskPorts);
  }

  /** {@code 'web' in Stack/Service/TaskDef}, for messages. */
  public String describe() {
    return "container '" + container + "' of " + taskDefinition;
  }
}
