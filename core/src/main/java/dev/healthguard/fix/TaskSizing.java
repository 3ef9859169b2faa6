package dev.healthguard.fix;

import java.util.Optional;

/**
 * Whether a task still holds its containers once a probe container is added, and the task size
 * that would.
 *
 * <p>ECS counts each container's {@code memoryReservation}, or its {@code memory} when it has no
 * reservation, and "the total amount of memory reserved for all containers within a task must be
 * lower than the task memory value, if one is specified" (RegisterTaskDefinition,
 * ContainerDefinition {@code memory}). A container with neither counts for nothing, so a task whose
 * containers set no memory never needs to grow. A total equal to the task memory is taken as
 * fitting: that is the common CDK setup of one container whose limit equals the task's.
 */
public final class TaskSizing {

  private TaskSizing() {}

  /**
   * A change of task size.
   *
   * @param fromCpu CPU units before (null when the task sets none)
   * @param fromMemoryMiB memory before
   * @param toCpu CPU units after (null when the task sets none)
   * @param toMemoryMiB memory after
   * @param description the change for the result's list of changes
   */
  public record Growth(Integer fromCpu, int fromMemoryMiB, Integer toCpu, int toMemoryMiB, String description) {}

  /**
   * The growth needed to add a container reserving {@code addedMiB}, if any.
   *
   * @throws IllegalArgumentException when no Fargate size can hold the containers, or the task's
   *     Fargate CPU value is not one Fargate offers
   */
  public static Optional<Growth> forAddedContainer(TaskSize task, int addedMiB, String containerName) {
    if (task.memoryMiB() == null) {
      // No task size: EC2 places each container by its own memory, nothing to grow.
      return Optional.empty();
    }
    int before = task.memoryMiB();
    int required = task.reservedMiB() + addedMiB;
    if (required <= before) {
      return Optional.empty();
    }
    String why = "containers reserve " + task.reservedMiB() + " MiB and '" + containerName + "' adds " + addedMiB;
    if (!task.fargate()) {
      // EC2 and External tasks take any task memory (RegisterTaskDefinition memory: "This field is
      // optional and any value can be used").
      return Optional.of(new Growth(task.cpu(), before, task.cpu(), required,
          "grew the task memory from " + before + " to " + required + " MiB (" + why + ")"));
    }
    if (task.cpu() == null || !FargateSize.isFargateCpu(task.cpu())) {
      throw new IllegalArgumentException("Task definition " + task.path() + " is Fargate-compatible but its cpu is "
          + task.cpu() + ", not one of Fargate's values (256, 512, 1024, 2048, 4096, 8192, 16384), so HealthGuard "
          + "cannot choose a size that holds the probe container '" + containerName + "'. Set a valid task size.");
    }
    FargateSize current = new FargateSize(task.cpu(), before);
    FargateSize next = current.smallestHolding(required).orElseThrow(() -> new IllegalArgumentException(
        "Task definition " + task.path() + " cannot hold the probe container '" + containerName + "': " + why
        + ", " + required + " MiB in all, more than the largest Fargate task memory ("
        + FargateSize.maxMemoryMiB() + " MiB). Lower the containers' memory reservations or use an EC2 task."));
    String description;
    if (next.cpu() == current.cpu()) {
      description = "grew the task memory from " + before + " to " + next.memoryMiB()
          + " MiB (the next valid Fargate size for " + next.cpu() + " CPU units; " + why + ")";
    } else {
      description = "grew the task from " + current.cpu() + " CPU units / " + before + " MiB to " + next.cpu()
          + " CPU units / " + next.memoryMiB() + " MiB (the smallest valid Fargate size holding " + required
          + " MiB: " + current.cpu() + " CPU units allow at most "
          + FargateSize.maxMemoryMiB(current.cpu()) + " MiB; " + why + ")";
    }
    return Optional.of(new Growth(current.cpu(), before, next.cpu(), next.memoryMiB(), description));
  }
}
