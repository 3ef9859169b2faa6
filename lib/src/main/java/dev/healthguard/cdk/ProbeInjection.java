package dev.healthguard.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * What HealthGuard adds to a task definition to bring its probe, and the checks made before
 * anything changes: the names and paths of the probe's volume and containers, the probe's
 * arguments as the probe will parse them, and the task's platform. Plain rules over plain values
 * ({@link TaskFacts}); {@link ChangeWriter#sharedVolume} and {@link ChangeWriter#sidecar} make the
 * changes.
 */
final class ProbeInjection {


  /** Where the shared volume is mounted, in the init container and in the application. */
  static final String MOUNT_PATH = "/healthguard";

  /** Where the application finds the probe: the path its health check runs. */
  static final String PROBE_PATH = MOUNT_PATH + "/probe";

  /** The task volume that carries the probe from the init container to the application. */
  static final String VOLUME_NAME = "healthguard-probe";

  /**
   * The init container's name (and construct id). One per task: every application container of the
   * task that gets the probe mounts the same volume, so the task gains one container, not one per
   * application.
   */
  static final String INIT_CONTAINER_NAME = "healthguard-probe-install";

  /** A sidecar is named after the container it probes: {@code <app>-healthguard-probe}. */
  static final String SIDECAR_SUFFIX = "-healthguard-probe";

  /** The user and group the probe containers run as: the probe image's own {@code USER}. */
  static final String PROBE_USER = "65532:65532";

  /**
   * The memory each probe container reserves (a soft reservation, no hard limit). The probe is a
   * small static Go program; Docker 20.10 and later reserves at least 6 MiB per container, "so don't
   * specify less than 6 MiB" (RegisterTaskDefinition, ContainerDefinition {@code memory}).
   */
  static final int MEMORY_RESERVATION_MIB = 16;

  /** Where the probe sits inside its own image (its entrypoint). */
  static final String IMAGE_PROBE_PATH = "/probe";

  private static final Set<String> CHECKS = Set.of("http", "tcp");

  // awsvpc: "containers that belong to the same task can communicate over the localhost interface";
  // host: "the task uses the host's network", so its containers share the instance's localhost; in
  // bridge (Linux's default when none is set), nat (Windows' default) and none, each container has
  // its own (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html).
  static final Set<String> SHARED_LOCALHOST = Set.of("awsvpc", "host");

  private ProbeInjection() {}

  /**
   * The probe's arguments, checked at synth time the way the probe will parse them (Go's flag
   * package: {@code -name value} or {@code -name=value}, before or after the target), so that a
   * mistake fails the synth here instead of exiting 2 in every health check, which Docker counts as
   * unhealthy (health-check-semantics.md §1) and a service answers by replacing the task in a loop.
   */
  static List<String> checkProbeArgs(List<String> probeArgs) {
    if (probeArgs == null || probeArgs.isEmpty()) {
      throw new IllegalArgumentException("probeArgs must start with the check, 'http' or 'tcp', then its target, "
          + "e.g. [http, http://localhost:8080/health]; got: " + probeArgs);
    }
    for (int i = 0; i < probeArgs.size(); i++) {
      String arg = probeArgs.get(i);
      if (arg == null || arg.isBlank()) {
        throw new IllegalArgumentException("probeArgs[" + i + "] must not be blank; got: "
            + (arg == null ? "null" : "'" + arg + "'"));
      }
    }
    String check = probeArgs.get(0);
    if (!CHECKS.contains(check)) {
      throw new IllegalArgumentException("probeArgs[0] must be 'http' or 'tcp' (the probe's checks), got: '" + check
          + "'" + (check.startsWith("CMD") ? "; pass the probe's arguments only, HealthGuard adds CMD and the path" : ""));
    }
    boolean http = check.equals("http");
    List<String> targets = new ArrayList<>();
    for (int i = 1; i < probeArgs.size(); i++) {
      String arg = probeArgs.get(i);
      if (!arg.startsWith("-")) {
        targets.add(arg);
        continue;
      }
      String flag = arg.replaceFirst("^--?", "");
      String value;
      int eq = flag.indexOf('=');
      if (eq >= 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else if (i + 1 < probeArgs.size()) {
        value = probeArgs.get(++i);
      } else {
        throw new IllegalArgumentException("probeArgs: flag " + arg + " needs a value; got: " + probeArgs);
      }
      if (flag.equals("timeout")) {
        if (!GO_DURATION.matcher(value).matches() || !GO_DURATION_NONZERO.matcher(value).find()) {
          throw new IllegalArgumentException("probeArgs: -timeout must be a positive Go duration such as 3s or "
              + "1500ms, got: '" + value + "'");
        }
      } else if (flag.equals("status") && http) {
        checkStatusRange(value);
      } else {
        throw new IllegalArgumentException("probeArgs: the " + check + " check takes "
            + (http ? "-timeout and -status" : "-timeout") + ", got: " + arg);
      }
    }
    if (targets.size() != 1) {
      throw new IllegalArgumentException("probeArgs: the " + check + " check takes exactly one target, "
          + (http ? "an http:// or https:// URL" : "a host:port such as localhost:5432") + "; got "
          + targets.size() + " in " + probeArgs);
    }
    String target = targets.get(0);
    boolean valid = http
        ? (target.startsWith("http://") || target.startsWith("https://")) && target.indexOf("://") + 3 < target.length()
        : target.lastIndexOf(':') > 0 && target.substring(target.lastIndexOf(':') + 1).matches("[1-9][0-9]{0,4}")
            && Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)) <= 65535;
    if (!valid) {
      throw new IllegalArgumentException("probeArgs: the " + check + " check needs "
          + (http ? "an http:// or https:// URL" : "a host:port with a numeric port from 1 to 65535, such as "
              + "localhost:5432") + ", got: '" + target + "'");
    }
    return List.copyOf(probeArgs);
  }

  // Go's time.ParseDuration syntax, unsigned: one or more decimal numbers, each with a unit.
  private static final Pattern GO_DURATION =
      Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h)((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h))*");
  private static final Pattern GO_DURATION_NONZERO = Pattern.compile("[1-9]");
  private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");

  private static void checkStatusRange(String value) {
    Matcher m = STATUS.matcher(value);
    if (m.matches()) {
      int low = Integer.parseInt(m.group(1));
      int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
      if (low >= 100 && high <= 599 && low <= high) {
        return;
      }
    }
    throw new IllegalArgumentException("probeArgs: -status must be a code or a range of codes within 100-599, low "
        + "first, such as 200 or 200-399, got: '" + value + "'");
  }

  /** The container must belong to the task it is probed in. */
  static void checkBelongs(String taskPath, TreeReader.ContainerName app) {
    if (!app.taskDefinition().equals(taskPath)) {
      throw new IllegalArgumentException("Container '" + app.name() + "' belongs to task definition "
          + app.taskDefinition() + ", not to " + taskPath);
    }
  }

  static void checkLinux(TaskFacts facts) {
    if (facts.isWindows()) {
      throw new IllegalArgumentException("Task definition " + facts.path() + " runs Windows containers ("
          + facts.operatingSystemFamily() + "); the probe is a Linux program");
    }
  }

  static List<String> execForm(String program, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("CMD");
    command.add(program);
    command.addAll(args);
    return List.copyOf(command);
  }

  /** The sidecar check's timings, for the change it reports. */
  static String describe(HealthCheck timings) {
    if (timings == null) {
      return "ECS default timings";
    }
    List<String> parts = new ArrayList<>();
    if (timings.getInterval() != null) {
      parts.add("interval " + seconds(timings.getInterval()));
    }
    if (timings.getTimeout() != null) {
      parts.add("timeout " + seconds(timings.getTimeout()));
    }
    if (timings.getRetries() != null) {
      parts.add("retries " + timings.getRetries());
    }
    if (timings.getStartPeriod() != null) {
      parts.add("start period " + seconds(timings.getStartPeriod()));
    }
    return parts.isEmpty() ? "ECS default timings" : String.join(", ", parts);
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds().intValue() + "s";
  }
}
