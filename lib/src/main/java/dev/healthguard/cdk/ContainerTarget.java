package dev.healthguard.cdk;

import dev.healthguard.task.Target;
import software.constructs.IConstruct;

/**
 * A target together with the construct its findings are attached to: the L2 container definition
 * when there is one, else the {@code CfnTaskDefinition}.
 */
record ContainerTarget(Target target, IConstruct construct) {}
