package dev.healthguard.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.image.ImageRef;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.ServiceBindings;
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
  static final String SERVICE = "AWS::ECS::Service";
  static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<?, ?> document;
  private final Map<String, String> paths;

  private CloudTemplate(Map<?, ?> document, Map<String, String> paths) {
    this.document = document;
    this.paths = paths;
  }

  public static CloudTemplate of(Map<?, ?> document) {
    return new CloudTemplate(document, Map.of());
  }

  /**
   * This template with its resources' construct paths known by logical id, for a template without
   * {@code aws:cdk:path} metadata (the CDK CLI asks for it; {@code app.synth()} alone does not
   * write it): the stack's {@link StackMetadata#paths()}.
   */
  public CloudTemplate withPaths(Map<String, String> paths) {
    return new CloudTemplate(document, Map.copyOf(paths));
  }

  /** Reads a JSON template, such as {@code cdk.out/<stack>.template.json}. */
  public static CloudTemplate readJson(Path file) throws IOException {
    return new CloudTemplate(JSON.readValue(file.toFile(), Map.class), Map.of());
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
        String path = constructPath(logicalId, resource).orElse(stackPath == null ? logicalId : stackPath + "/" + logicalId);
        found.add(new TemplateTaskDefinition(logicalId, TaskDefinitionReader.read(path, properties, assets)));
      }
    }
    return found;
  }

  /**
   * The services registered with application target groups of this template, in template order,
   * with their bindings as deployed ({@link ServiceBindings}): a service's task definition and
   * target groups are found by {@code Ref} among this template's resources. A service whose task
   * definition or target group lives elsewhere (another stack, an ARN) has no binding here.
   *
   * @param stackPath as for {@link #taskDefinitions}
   * @param assets as for {@link #taskDefinitions}
   */
  public List<TemplateService> services(String stackPath, Function<String, Optional<ImageRef.Asset>> assets) {
    List<TemplateService> found = new ArrayList<>();
    if (!(document.get("Resources") instanceof Map<?, ?> resources)) {
      return found;
    }
    for (Map.Entry<?, ?> entry : resources.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> resource) || !SERVICE.equals(resource.get("Type"))) {
        continue;
      }
      Map<?, ?> properties = properties(resource);
      String taskId = ServiceBindings.taskDefinitionId(properties);
      if (!ServiceBindings.hasLoadBalancers(properties) || taskId == null
          || !(resources.get(taskId) instanceof Map<?, ?> task) || !TASK_DEFINITION.equals(task.get("Type"))) {
        continue;
      }
      String logicalId = String.valueOf(entry.getKey());
      String path = servicePath(logicalId, resource, properties).orElse(pathOf(stackPath, logicalId));
      String taskPath = constructPath(taskId, task).orElse(pathOf(stackPath, taskId));
      List<ServiceBinding> bindings = ServiceBindings.read(path, properties,
          TaskDefinitionReader.read(taskPath, properties(task), assets),
          id -> resources.get(id) instanceof Map<?, ?> group && TARGET_GROUP.equals(group.get("Type"))
              ? Optional.of(new ServiceBindings.TargetGroup(constructPath(id, group).orElse(pathOf(stackPath, id)),
                  properties(group)))
              : Optional.empty());
      if (!bindings.isEmpty()) {
        found.add(new TemplateService(logicalId, path, bindings));
      }
    }
    return found;
  }

  private static Map<?, ?> properties(Map<?, ?> resource) {
    return resource.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
  }

  private static String pathOf(String stackPath, String logicalId) {
    return stackPath == null ? logicalId : stackPath + "/" + logicalId;
  }

  /**
   * A service's path as the tree names it. The L2 {@code BaseService} makes its L1 as child
   * {@code Service}, not {@code Resource} ({@code new CfnService(this, "Service", …)}), and always
   * renders {@code EnableECSManagedTags} ({@code props.enableECSManagedTags ?? false};
   * aws-cdk-lib 2.263.0 {@code aws-ecs/lib/base/base-service.js}); a bare {@code CfnService}
   * renders it only when its author set it. So that pair names the L2, and anything else keeps
   * its own path.
   */
  private Optional<String> servicePath(String logicalId, Map<?, ?> resource, Map<?, ?> properties) {
    return cdkPath(logicalId, resource).map(path -> {
      boolean l2 = path.endsWith("/Service") && properties.containsKey("EnableECSManagedTags");
      return l2 ? path.substring(0, path.length() - "/Service".length()) : path;
    });
  }

  /** The L2's path without the trailing {@code /Resource} of its L1. */
  private Optional<String> constructPath(String logicalId, Map<?, ?> resource) {
    return cdkPath(logicalId, resource)
        .map(path -> path.endsWith("/Resource") ? path.substring(0, path.length() - "/Resource".length()) : path);
  }

  /** The resource's construct path: its {@code aws:cdk:path}, else the one known by its logical id. */
  private Optional<String> cdkPath(String logicalId, Map<?, ?> resource) {
    if (resource.get("Metadata") instanceof Map<?, ?> metadata && metadata.get("aws:cdk:path") instanceof String path) {
      return Optional.of(path);
    }
    return Optional.ofNullable(paths.get(logicalId));
  }
}
