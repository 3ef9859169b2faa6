package dev.healthguard.template;

import dev.healthguard.task.Target;
import java.util.List;

/**
 * One {@code AWS::ECS::TaskDefinition} resource of a template and its containers.
 *
 * @param logicalId the resource's logical id in the template
 * @param containers its containers, named in messages by the construct path when the template
 *     records one ({@code aws:cdk:path}), else by {@code <stack>/<logicalId>}
 */
public record TemplateTaskDefinition(String logicalId, List<Target> containers) {

  public TemplateTaskDefinition {
    containers = List.copyOf(containers);
  }
}
