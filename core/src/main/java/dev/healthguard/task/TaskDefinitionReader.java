package dev.healthguard.task;

import dev.healthguard.image.ImageRef;
import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the containers of an {@code AWS::ECS::TaskDefinition} from its resolved properties, as
 * they will be deployed: whatever built them (an L2 task definition, a bare
 * {@code CfnTaskDefinition}, an escape-hatch override) the properties are the truth.
 */
public final class TaskDefinitionReader {

  private TaskDefinitionReader() {}

  /**
   * @param taskDefinition how to name the task definition in messages (its construct path)
   * @param properties the resolved properties (PascalCase or camelCase)
   * @param assets finds an asset's build context by the asset hash in the image URI
   */
  public static List<Target> read(
      String taskDefinition, Map<?, ?> properties, Function<String, Optional<ImageRef.Asset>> assets) {
    Map<?, ?> platform = Properties.map(properties, "RuntimePlatform");
    String architecture = Optional.ofNullable(Properties.string(platform, "CpuArchitecture")).orElse("X86_64");
    String networkMode = Properties.string(properties, "NetworkMode");
    List<?> containers = Properties.list(properties, "ContainerDefinitions");

    List<Integer> taskPorts = new ArrayList<>();
    for (Object container : containers) {
      if (container instanceof Map<?, ?> c) {
        taskPorts.addAll(ports(c));
      }
    }
    List<Target> targets = new ArrayList<>();
    for (Object container : containers) {
      if (!(container instanceof Map<?, ?> c)) {
        continue;
      }
      Boolean essential = Properties.get(c, "Essential") instanceof Boolean b ? b : null;
      targets.add(new Target(
          taskDefinition,
          Optional.ofNullable(Properties.string(c, "Name")).orElse("(unnamed)"),
          healthCheck(Properties.map(c, "HealthCheck")),
          ImageValue.parse(Properties.get(c, "Image"), assets),
          ports(c),
          essential == null || essential, // ECS: essential defaults to true
          architecture,
          networkMode,
          taskPorts,
          mountPaths(c)));
    }
    return targets;
  }

  private static HealthCheck healthCheck(Map<?, ?> hc) {
    if (hc == null) {
      return null;
    }
    List<String> command = new ArrayList<>();
    Object words = Properties.get(hc, "Command");
    if (words instanceof Map<?, ?> intrinsic) {
      command.add(unresolved(intrinsic)); // the whole list is only known at deploy time
    }
    for (Object word : Properties.list(hc, "Command")) {
      command.add(word instanceof Map<?, ?> || word instanceof List<?> ? unresolved(word) : String.valueOf(word));
    }
    return new HealthCheck(
        command,
        Properties.integer(hc, "Interval"),
        Properties.integer(hc, "Timeout"),
        Properties.integer(hc, "Retries"),
        Properties.integer(hc, "StartPeriod"));
  }

  /**
   * An intrinsic ({@code {"Ref": …}}, {@code {"Fn::Join": …}}) is only known at deploy time. It
   * reads as the CDK prints a token, {@code ${Token[Fn::Join]}}, so that the command analysis
   * says the check is not verified, as it does for a token read from the construct tree.
   */
  private static String unresolved(Object value) {
    String name = value instanceof Map<?, ?> m && m.size() == 1 ? String.valueOf(m.keySet().iterator().next()) : "value";
    return "${Token[" + Excerpt.inline(name, 40) + "]}";
  }

  private static List<String> mountPaths(Map<?, ?> container) {
    List<String> paths = new ArrayList<>();
    for (Object mount : Properties.list(container, "MountPoints")) {
      if (mount instanceof Map<?, ?> m && Properties.string(m, "ContainerPath") != null) {
        paths.add(Properties.string(m, "ContainerPath"));
      }
    }
    return paths;
  }

  private static List<Integer> ports(Map<?, ?> container) {
    List<Integer> ports = new ArrayList<>();
    for (Object mapping : Properties.list(container, "PortMappings")) {
      if (mapping instanceof Map<?, ?> m) {
        Integer port = Properties.integer(m, "ContainerPort");
        if (port != null) {
          ports.add(port);
        }
      }
    }
    return ports;
  }
}
