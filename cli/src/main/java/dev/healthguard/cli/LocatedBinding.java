package dev.healthguard.cli;

import dev.healthguard.report.ResourceLocation;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.template.TemplateService;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's binding to a target group and where the service is written, for HG011.
 *
 * @param binding the target group's health check beside the container's
 * @param resource the input file and the service's logical id
 */
record LocatedBinding(ServiceBinding binding, ResourceLocation resource) {

  /** Every binding of a template's services, each located at its service. */
  static List<LocatedBinding> all(List<TemplateService> services, String file) {
    List<LocatedBinding> located = new ArrayList<>();
    for (TemplateService service : services) {
      ResourceLocation at = new ResourceLocation(service.path(), file, service.logicalId(), null);
      service.bindings().forEach(binding -> located.add(new LocatedBinding(binding, at)));
    }
    return located;
  }
}
