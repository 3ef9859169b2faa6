package dev.healthguard.cdk;

import dev.healthguard.fix.TaskSize;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.healthguard.task.Properties;

/**
 * What the probe injection needs to know about a task definition, as CloudFormation will see it:
 * the network mode, task size, runtime platform and volumes resolved from the L1 (the L2 keeps them
 * private or renders them lazily, cdk-java.md §3), and the containers resolved from each
 * container's own rendering ({@link TreeReader#facts}; see {@link TreeReader} for why not from the
 * L1). Plain values: the injection decides on them, and {@link ChangeWriter} makes the changes.
 *
 * @param path the task definition's construct path, for messages
 * @param fargate whether the task lists FARGATE among its compatibilities
 * @param networkMode the rendered network mode, or null when none is set
 * @param cpu task CPU units, or null when not set
 * @param memoryMiB task memory in MiB, or null when not set
 * @param operatingSystemFamily the runtime platform's OS family, or null (Linux)
 * @param cpuArchitecture the runtime platform's CPU architecture, or null (X86_64)
 * @param volumeNames names of the task's volumes
 * @param containers each container's name, memory settings, health-check command, mounts and
 *     dependencies
 */
record TaskFacts(
    String path,
    boolean fargate,
    String networkMode,
    Integer cpu,
    Integer memoryMiB,
    String operatingSystemFamily,
    String cpuArchitecture,
    List<String> volumeNames,
    List<ContainerFacts> containers) {

  TaskFacts {
    volumeNames = List.copyOf(volumeNames);
    containers = List.copyOf(containers);
  }

  /**
   * A container as rendered.
   *
   * @param name the container name
   * @param hardMiB {@code memory}: the container is killed above it; null when not set
   * @param softMiB {@code memoryReservation}; null when not set
   * @param healthCheckCommand the health check's command; empty when it has none
   * @param mounts the source volume mounted at each container path
   * @param dependsOn the names of the containers it waits for
   */
  record ContainerFacts(String name, Integer hardMiB, Integer softMiB, List<String> healthCheckCommand,
      Map<String, String> mounts, List<String> dependsOn) {
    ContainerFacts {
      healthCheckCommand = List.copyOf(healthCheckCommand);
      mounts = Map.copyOf(mounts);
      dependsOn = List.copyOf(dependsOn);
    }
  }

  /**
   * Reads the facts from the task definition's resolved properties (camelCase, as
   * {@code Stack.resolve} gives them), its containers rendered under {@code containerDefinitions}.
   */
  static TaskFacts of(String path, boolean fargate, Map<?, ?> properties) {
    List<String> volumeNames = new ArrayList<>();
    for (Map<?, ?> volume : maps(Properties.get(properties, "Volumes"))) {
      if (Properties.get(volume, "Name") instanceof String name) {
        volumeNames.add(name);
      }
    }
    List<ContainerFacts> containers = new ArrayList<>();
    for (Map<?, ?> container : maps(Properties.get(properties, "ContainerDefinitions"))) {
      List<String> command = new ArrayList<>();
      if (Properties.get(container, "HealthCheck") instanceof Map<?, ?> check
          && Properties.get(check, "Command") instanceof List<?> words) {
        words.forEach(w -> command.add(String.valueOf(w)));
      }
      Map<String, String> mounts = new java.util.LinkedHashMap<>();
      for (Map<?, ?> mount : maps(Properties.get(container, "MountPoints"))) {
        if (Properties.get(mount, "ContainerPath") instanceof String at) {
          mounts.put(at, String.valueOf(Properties.get(mount, "SourceVolume")));
        }
      }
      List<String> dependsOn = new ArrayList<>();
      for (Map<?, ?> dependency : maps(Properties.get(container, "DependsOn"))) {
        if (Properties.get(dependency, "ContainerName") instanceof String name) {
          dependsOn.add(name);
        }
      }
      Object name = Properties.get(container, "Name");
      containers.add(new ContainerFacts(
          String.valueOf(name),
          wholeNumber(Properties.get(container, "Memory"), path, "memory of container " + name),
          wholeNumber(Properties.get(container, "MemoryReservation"), path, "memoryReservation of container " + name),
          command, mounts, dependsOn));
    }
    String os = null;
    String arch = null;
    if (Properties.get(properties, "RuntimePlatform") instanceof Map<?, ?> platform) {
      os = Properties.get(platform, "OperatingSystemFamily") instanceof String s ? s : null;
      arch = Properties.get(platform, "CpuArchitecture") instanceof String s ? s : null;
    }
    return new TaskFacts(
        path,
        fargate,
        Properties.get(properties, "NetworkMode") instanceof String mode ? mode : null,
        parseCpu(Properties.get(properties, "Cpu"), path),
        parseMemory(Properties.get(properties, "Memory"), path),
        os,
        arch,
        volumeNames,
        containers);
  }

  /**
   * The network mode the containers actually get: when none is rendered, Fargate means awsvpc,
   * Windows means nat and Linux on EC2 means bridge (RegisterTaskDefinition {@code networkMode}).
   */
  String effectiveNetworkMode() {
    if (networkMode != null) {
      return networkMode;
    }
    if (fargate) {
      return "awsvpc";
    }
    return isWindows() ? "nat" : "bridge";
  }

  boolean isWindows() {
    return operatingSystemFamily != null && operatingSystemFamily.toUpperCase(Locale.ROOT).startsWith("WINDOWS");
  }

  /** The container of this name, if the task has one. */
  java.util.Optional<ContainerFacts> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  boolean isArm64() {
    return "ARM64".equalsIgnoreCase(cpuArchitecture);
  }

  /** The task's size and its containers' memory, for {@link dev.healthguard.fix.TaskSizing}. */
  TaskSize size() {
    return new TaskSize(path, fargate, cpu, memoryMiB,
        containers.stream().map(c -> new TaskSize.ContainerMemory(c.hardMiB(), c.softMiB())).toList());
  }

  private static List<Map<?, ?>> maps(Object resolved) {
    if (!(resolved instanceof List<?> list)) {
      return List.of();
    }
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> map) {
        out.add(map);
      }
    }
    return out;
  }

  private static Integer wholeNumber(Object value, String path, String field) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("Cannot read the " + field + " of task definition " + path
        + ": expected a whole number of MiB, got: " + value);
  }

  // CloudFormation accepts task memory as MiB ("1024") or GB ("1GB", "1 GB") and CPU as units
  // ("1024") or vCPUs ("1 vCPU", ".25 vCPU") (RegisterTaskDefinition cpu and memory).
  private static final Pattern SIZE = Pattern.compile("\\s*(\\d*\\.?\\d+)\\s*([A-Za-z]*)\\s*");

  static Integer parseMemory(Object value, String path) {
    return parseSize(value, path, "memory", "GB", 1024);
  }

  static Integer parseCpu(Object value, String path) {
    return parseSize(value, path, "cpu", "VCPU", 1024);
  }

  private static Integer parseSize(Object value, String path, String field, String unit, int perUnit) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return parseSize(n.toString(), path, field, unit, perUnit);
    }
    Matcher m = SIZE.matcher(String.valueOf(value));
    if (m.matches()) {
      BigDecimal number = new BigDecimal(m.group(1));
      String suffix = m.group(2).toUpperCase(Locale.ROOT);
      if (suffix.equals(unit)) {
        number = number.multiply(BigDecimal.valueOf(perUnit));
      } else if (!suffix.isEmpty()) {
        number = null;
      }
      if (number != null && number.stripTrailingZeros().scale() <= 0) {
        return number.intValueExact();
      }
    }
    throw new IllegalArgumentException("Cannot read the task " + field + " of task definition " + path
        + ": expected a number such as 1024 or '1 " + (unit.equals("GB") ? "GB" : "vCPU") + "', got: " + value
        + " (a token cannot be checked: set the task size to plain numbers)");
  }
}
