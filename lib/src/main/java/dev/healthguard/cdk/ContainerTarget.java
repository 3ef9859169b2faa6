package dev.healthguard.cdk;

import dev.healthguard.task.Target;
import software.constructs.IConstruct;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;

/**
 * A target as {@link TreeReader} read it, with the constructs behind it.
 *
 * @param target the container as it will be deployed
 * @param construct where its findings are attached: the L2 container definition when there is one,
 *     else the {@code CfnTaskDefinition}
 * @param index its position in the task definition's {@code ContainerDefinitions}, which
 *     escape-hatch overrides address
 * @param cfn the task definition's L1, which {@link ChangeWriter} overrides
 * @param taskDefinition the task definition's L2, or null for a bare {@code CfnTaskDefinition}
 */
public record ContainerTarget(Target target, IConstruct construct, int index, CfnTaskDefinition cfn,
    TaskDefinition taskDefinition) {

  ContainerTarget withTarget(Target newTarget) {
    return new ContainerTarget(newTarget, construct, index, cfn, taskDefinition);
  }
}
