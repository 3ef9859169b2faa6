package dev.healthguard.template;

import dev.healthguard.task.ServiceBinding;
import java.util.List;

/**
 * One {@code AWS::ECS::Service} resource of a template and its bindings to application target
 * groups.
 *
 * @param logicalId the resource's logical id in the template
 * @param path the service's construct path when the template records one, else {@code <stack>/<logicalId>}
 * @param bindings one per container port registered in a target group of this template
 */
public record TemplateService(String logicalId, String path, List<ServiceBinding> bindings) {

  public TemplateService {
    bindings = List.copyOf(bindings);
  }
}
