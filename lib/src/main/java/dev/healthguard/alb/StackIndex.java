package dev.healthguard.alb;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.constructs.IConstruct;

/**
 * Target groups and task definitions of one stack by logical id, for services that name them
 * only by {@code {"Ref": id}}. Built on first use, once: one {@code findAll} plus one resolve per
 * target group or task definition, instead of a walk per service.
 */
final class StackIndex {

  private final Stack stack;
  private Map<String, CfnTargetGroup> targetGroups;
  private Map<String, CfnTaskDefinition> taskDefinitions;

  StackIndex(Stack stack) {
    this.stack = stack;
  }

  CfnTargetGroup targetGroup(String logicalId) {
    build();
    return targetGroups.get(logicalId);
  }

  CfnTaskDefinition taskDefinition(String logicalId) {
    build();
    return taskDefinitions.get(logicalId);
  }

  String logicalId(CfnElement element) {
    return stack.resolve(element.getLogicalId()) instanceof String id ? id : null;
  }

  private void build() {
    if (targetGroups != null) {
      return;
    }
    targetGroups = new HashMap<>();
    taskDefinitions = new HashMap<>();
    for (IConstruct node : stack.getNode().findAll()) {
      if (node instanceof CfnTargetGroup targetGroup) {
        targetGroups.put(logicalId(targetGroup), targetGroup);
      } else if (node instanceof CfnTaskDefinition taskDefinition) {
        taskDefinitions.put(logicalId(taskDefinition), taskDefinition);
      }
    }
  }
}
