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
