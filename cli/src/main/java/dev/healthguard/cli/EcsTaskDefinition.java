package dev.healthguard.cli;

import dev.healthguard.task.Properties;
import dev.healthguard.task.Target;
import dev.healthguard.task.TaskDefinitionReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ECS task definition as the API speaks it: the input of {@code register-task-definition}
 * (camelCase, the same fields as CloudFormation's), the output of {@code describe-task-definition}
 * (the same wrapped in {@code taskDefinition}), or a bare {@code containerDefinitions} array as
 * {@code --container-definitions file://…} takes it.
 */
final class EcsTaskDefinition {

  private EcsTaskDefinition() {}

  /** Whether the document has this shape. */
  static boolean accepts(Object document) {
    if (document instanceof List<?> list) {
      return !list.isEmpty() && list.stream().allMatch(c -> c instanceof Map<?, ?> m && m.containsKey("image"));
    }
    Map<?, ?> map = (Map<?, ?>) document;
    return map.get("taskDefinition") instanceof Map<?, ?> || map.containsKey("containerDefinitions");
  }

  /** @param file the file for reports, or null (standard input) */
  static InputFile read(Object document, String name, String file) {
    if (document instanceof List<?> containers) {
      return file(name, "ECS container definitions", read(Map.of("containerDefinitions", containers), "(task)"), file);
    }
    Map<?, ?> map = (Map<?, ?>) document;
    if (map.get("taskDefinition") instanceof Map<?, ?> described) {
      return file(name, "ECS task definition (described)", read(described, family(described)), file);
    }
    return file(name, "ECS task definition", read(map, family(map)), file);
  }

  private static InputFile file(String name, String kind, List<Target> targets, String file) {
    return new InputFile(name, kind, 1, Located.all(targets, file, null), List.of());
  }

  private static List<Target> read(Map<?, ?> taskDefinition, String family) {
    // Images here are literal URIs: no asset hashes to resolve.
    return TaskDefinitionReader.read(family, taskDefinition, hash -> Optional.empty());
  }

  /** {@code family:revision} as ECS names a registered revision, else the family. */
  private static String family(Map<?, ?> taskDefinition) {
    String family = Optional.ofNullable(Properties.string(taskDefinition, "Family")).orElse("(task)");
    Integer revision = Properties.integer(taskDefinition, "Revision");
    return revision == null ? family : family + ":" + revision;
  }
}
