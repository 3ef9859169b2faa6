package dev.healthguard.probe;

import java.util.List;
import software.amazon.awscdk.IAnyProducer;
import software.amazon.awscdk.IResolveContext;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.LazyAnyValueOptions;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.jsii.Kernel;
import software.amazon.jsii.NativeType;

/**
 * A task definition's containers as the L2 holds them, and an L1 rendering of them that cannot go
 * stale.
 *
 * <p>Why: the L2 gives the L1 its {@code containerDefinitions} as {@code Lazy.any(() =>
 * this.renderContainers())}, and {@code Lazy.any} caches what it produces the first time it is
 * resolved (aws-cdk-lib 2.263.0, {@code aws-ecs/lib/base/task-definition.js} and {@code
 * core/lib/lazy.js}). Whoever calls {@code Stack.resolve(cfn.getContainerDefinitions())} before
 * synth (HealthGuard's own inspector does, and cdk-java.md §3 recommends it for reading) freezes
 * the task's containers as they are then: a container added later, or a mount point or dependency
 * added to an existing one, is silently missing from the template. So this package never resolves
 * that property, and after changing containers it points the L1 at an uncached rendering of the
 * L2's own list, which gives the same template the L2 would, from the containers as they are at
 * synth.
 */
final class LiveContainers {

  private LiveContainers() {}

  /**
   * The L2's container list, in order ({@code TaskDefinition.containers}: protected, so jsii
   * exposes it, but Java offers no getter outside subclasses).
   */
  static List<ContainerDefinition> of(TaskDefinition task) {
    return Kernel.get(task, "containers", NativeType.listOf(NativeType.forClass(ContainerDefinition.class)));
  }

  /** Makes the L1 render the L2's containers afresh on every resolve, as the L2's Lazy did once. */
  static void renderLive(TaskDefinition task) {
    CfnTaskDefinition cfn = (CfnTaskDefinition) task.getNode().getDefaultChild();
    cfn.setContainerDefinitions(Lazy.uncachedAny(new Rendering(task),
        LazyAnyValueOptions.builder().omitEmptyArray(true).build()));
  }

  /** {@code renderContainers()} of the L2, which is private: each container's own rendering. */
  private static final class Rendering implements IAnyProducer {
    private final TaskDefinition task;

    Rendering(TaskDefinition task) {
      this.task = task;
    }

    @Override
    public Object produce(IResolveContext context) {
      return of(task).stream().map(c -> (Object) c.renderContainerDefinition()).toList();
    }
  }
}
