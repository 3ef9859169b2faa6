package dev.healthguard.cdk;

import dev.healthguard.task.Target;
import software.constructs.IConstruct;

/**
 * A target together with the construct its findings are attached to: the L2 container definition
 * when there is one, else the {@code CfnTaskDefinition}; and its index in the task definition's
 * {@code ContainerDefinitions}, which escape-hatch overrides address.
 */
record ContainerTarget(Target target, IConstruct construct, int index) {

  ContainerTarget withTarget(Target newTarget) {
    return new ContainerTarget(newTarget, construct, index);
  }
}
