package dev.healthguard.fix;

import java.util.List;

/**
 * A task's size and what its containers reserve, as rendered: what {@link TaskSizing} needs to tell
 * whether one more container fits.
 *
 * @param path the task definition's construct path, for messages
 * @param fargate whether the task lists FARGATE among its compatibilities
 * @param cpu task CPU units, or null when not set
 * @param memoryMiB task memory in MiB, or null when not set
 * @param containers each container's memory settings
 */
public record TaskSize(String path, boolean fargate, Integer cpu, Integer memoryMiB, List<ContainerMemory> containers) {

  public TaskSize {
    containers = List.copyOf(containers);
  }

  /**
   * A container's memory settings.
   *
   * @param hardMiB {@code memory}: the container is killed above it; null when not set
   * @param softMiB {@code memoryReservation}; null when not set
   */
  public record ContainerMemory(Integer hardMiB, Integer softMiB) {

    /**
     * What ECS counts against the task memory for this container: the reservation when there is
     * one, else the hard limit (RegisterTaskDefinition, ContainerDefinition {@code memory}: "If you
     * specify memoryReservation, then that value is subtracted from the available memory resources
     * … Otherwise, the value of memory is used").
     */
    int reservedMiB() {
      return softMiB != null ? softMiB : hardMiB != null ? hardMiB : 0;
    }
  }

  /** The memory all containers reserve together. */
  int reservedMiB() {
    return containers.stream().mapToInt(ContainerMemory::reservedMiB).sum();
  }
}
