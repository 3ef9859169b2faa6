package dev.healthguard.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.ImageRef;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.report.ResourceLocation;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.task.Target;
import dev.healthguard.task.TaskDefinitionReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Terraform plan as {@code terraform show -json plan.out} prints it: every
 * {@code aws_ecs_task_definition} in {@code planned_values}, its {@code container_definitions}
 * (a JSON string, as {@code jsonencode} leaves it) read like the ECS API's. A value Terraform knows
 * only after apply is absent from {@code planned_values} and marked in the resource change's
 * {@code after_unknown}: such task definitions are unknown (HG008), never an error.
 */
final class TerraformPlan {

  static final String TASK_DEFINITION = "aws_ecs_task_definition";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KNOWN_AFTER_APPLY = "(known after apply)";

  private TerraformPlan() {}

  static boolean accepts(Map<?, ?> document) {
    return document.containsKey("planned_values") || document.containsKey("resource_changes")
        || document.containsKey("terraform_version");
  }

  /** @param file the file for reports, or null (standard input) */
  static InputFile read(Map<?, ?> plan, String name, String file) throws InputException {
    Map<String, Map<?, ?>> afterUnknown = afterUnknown(plan);
    List<Map<?, ?>> resources = new ArrayList<>();
    if (plan.get("planned_values") instanceof Map<?, ?> values && values.get("root_module") instanceof Map<?, ?> root) {
      collect(root, resources, 0);
    }
    int taskDefinitions = 0;
    List<Located> targets = new ArrayList<>();
    List<ReportedFinding> unknown = new ArrayList<>();
    for (Map<?, ?> resource : resources) {
      if (!TASK_DEFINITION.equals(resource.get("type")) || "data".equals(resource.get("mode"))) {
        continue;
      }
      taskDefinitions++;
      String address = String.valueOf(resource.get("address"));
      Map<?, ?> values = resource.get("values") instanceof Map<?, ?> v ? v : Map.of();
      if (values.get("container_definitions") instanceof String definitions) {
        List<Target> containers = TaskDefinitionReader.read(address,
            properties(values, containers(definitions, name, address)), hash -> Optional.empty());
        targets.addAll(Located.all(containers, file, null));
      } else if (Boolean.TRUE.equals(afterUnknown.getOrDefault(address, Map.of()).get("container_definitions"))) {
        unknown.add(new ReportedFinding(knownAfterApply(address), new ResourceLocation(address, file, null, null), null));
      }
    }
    if (taskDefinitions == 0) {
      throw new InputException(name + ": a Terraform plan without " + TASK_DEFINITION + " resources; nothing to check");
    }
    return new InputFile(name, "Terraform plan", taskDefinitions, targets, unknown);
  }

  /** The module tree: resources of the root module and of each child module, depth-first. */
  private static void collect(Map<?, ?> module, List<Map<?, ?>> into, int depth) throws InputException {
    if (depth > 64) {
      throw new InputException("the plan nests modules more than 64 deep");
    }
    if (module.get("resources") instanceof List<?> resources) {
      for (Object resource : resources) {
        if (resource instanceof Map<?, ?> r) {
          into.add(r);
        }
      }
    }
    if (module.get("child_modules") instanceof List<?> children) {
      for (Object child : children) {
        if (child instanceof Map<?, ?> c) {
          collect(c, into, depth + 1);
        }
      }
    }
  }

  private static Map<String, Map<?, ?>> afterUnknown(Map<?, ?> plan) {
    Map<String, Map<?, ?>> unknown = new HashMap<>();
    if (plan.get("resource_changes") instanceof List<?> changes) {
      for (Object change : changes) {
        if (change instanceof Map<?, ?> c && c.get("change") instanceof Map<?, ?> body
            && body.get("after_unknown") instanceof Map<?, ?> after) {
          unknown.put(String.valueOf(c.get("address")), after);
        }
      }
    }
    return unknown;
  }

  private static List<?> containers(String definitions, String name, String address) throws InputException {
    try {
      if (JSON.readValue(definitions, Object.class) instanceof List<?> list) {
        return list;
      }
    } catch (JacksonException e) {
      // Falls through: the same message for any shape ECS would refuse.
    }
    throw new InputException(name + ": " + address + ".container_definitions is not a JSON array of containers");
  }

  /** The resource's arguments as the task definition's properties (snake_case to the API's names). */
  private static Map<String, Object> properties(Map<?, ?> values, List<?> containers) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ContainerDefinitions", containers);
    if (values.get("network_mode") instanceof String mode) {
      properties.put("NetworkMode", mode);
    }
    if (values.get("runtime_platform") instanceof List<?> platforms && !platforms.isEmpty()
        && platforms.get(0) instanceof Map<?, ?> platform && platform.get("cpu_architecture") instanceof String cpu) {
      properties.put("RuntimePlatform", Map.of("CpuArchitecture", cpu));
    }
    return properties;
  }

  private static Finding knownAfterApply(String address) {
    Target whole = new Target(address, "(all containers)", null, new ImageRef.Unresolved(KNOWN_AFTER_APPLY),
        List.of(), true, "X86_64", null, List.of(), List.of());
    return new Finding("HG008", Severity.INFO, whole, KNOWN_AFTER_APPLY,
        "the container definitions are known only after apply (they use values of resources the plan creates), "
            + "so no health check is verified.",
        List.of(new Evidence("plan", "after_unknown.container_definitions of " + address)),
        "plan again once those resources exist, or check the task definition with its literal image URI");
  }
}
