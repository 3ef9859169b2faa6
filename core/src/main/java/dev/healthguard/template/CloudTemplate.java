package dev.healthguard.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.image.ImageRef;
import dev.healthguard.task.TaskDefinitionReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A CloudFormation template as a parsed document: JSON as synthesized, or YAML read by the caller. */
public final class CloudTemplate {

  static final String TASK_DEFINITION = "AWS::ECS::TaskDefinition";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<?, ?> document;

  private CloudTemplate(Map<?, ?> document) {
    this.document = document;
  }

  public static CloudTemplate of(Map<?, ?> document) {
    return new CloudTemplate(document);
  }

  /** Reads a JSON template, such as {@code cdk.out/<stack>.template.json}. */
  public static CloudTemplate readJson(Path file) throws IOException {
    return new CloudTemplate(JSON.readValue(file.toFile(), Map.class));
  }

  /** Whether the document looks like a template: it has a {@code Resources} map. */
  public boolean hasResources() {
    return document.get("Resources") instanceof Map<?, ?>;
  }

  /**
   * The task definitions, in template order.
   *
   * @param stackPath names a task definition that carries no construct path ({@code <stackPath>/<logicalId>});
   *     null names it by its logical id alone (a template the CDK did not write)
   * @param assets finds an image asset's build context by its hash
   */
  public List<TemplateTaskDefinition> taskDefinitions(
      String stackPath, Function<String, Optional<ImageRef.Asset>> assets) {
    List<TemplateTaskDefinition> found = new ArrayList<>();
    if (!(document.get("Resources") instanceof Map<?, ?> resources)) {
      return found;
    }
    for (Map.Entry<?, ?> entry : resources.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> resource && TASK_DEFINITION.equals(resource.get("Type"))) {
        String logicalId = String.valueOf(entry.getKey());
        Map<?, ?> properties = resource.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
        String path = constructPath(resource).orElse(stackPath == null ? logicalId : stackPath + "/" + logicalId);
        found.add(new TemplateTaskDefinition(logicalId, TaskDefinitionReader.read(path, properties, assets)));
      }
    }
    return found;
  }

  /** The L2's path without the trailing {@code /Resource} of its L1. */
  private static Optional<String> constructPath(Map<?, ?> resource) {
    if (resource.get("Metadata") instanceof Map<?, ?> metadata && metadata.get("aws:cdk:path") instanceof String path) {
      return Optional.of(path.endsWith("/Resource") ? path.substring(0, path.length() - "/Resource".length()) : path);
    }
    return Optional.empty();
  }
}
