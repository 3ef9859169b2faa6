package dev.healthguard.cli;

import dev.healthguard.report.ResourceLocation;
import dev.healthguard.task.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * A container and where it is written, for the JSON and SARIF reports.
 *
 * @param target the container
 * @param resource the input file, the resource (a template's logical id) and the container's index
 */
record Located(Target target, ResourceLocation resource) {

  Located withTarget(Target newTarget) {
    return new Located(newTarget, resource);
  }

  /**
   * Located at the container's construct under an L2 task definition, where the plugin puts its
   * findings and where acknowledgements on the container sit. The assembly does not say which
   * construct holds a container, so it is taken to be named as the container, the CDK's default
   * for {@code addContainer}.
   */
  Located onContainerConstruct() {
    return new Located(target, new ResourceLocation(target.taskDefinition() + "/" + target.container(),
        resource.templateFile(), resource.logicalId(), resource.containerIndex()));
  }

  /**
   * Each container of one task definition; in a template (a logical id) also its index in
   * {@code ContainerDefinitions}, which reports turn into a property path.
   */
  static List<Located> all(List<Target> containers, String file, String logicalId) {
    List<Located> located = new ArrayList<>();
    for (int i = 0; i < containers.size(); i++) {
      Target target = containers.get(i);
      located.add(new Located(target, new ResourceLocation(target.taskDefinition(), file, logicalId, logicalId == null ? null : i)));
    }
    return located;
  }
}
