package dev.healthguard.probe;

import dev.healthguard.fix.TaskSizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.Volume;
import software.constructs.IConstruct;

/**
 * Adds the HealthGuard probe to a task definition, so that a container whose image has no shell
 * and no HTTP client can still have a health check.
 *
 * <p>Two ways, both through the L2 API ({@code addVolume}, {@code addContainer}, {@code
 * addMountPoints}, {@code addContainerDependencies}); only the task size is set on the L1, which
 * the L2 cannot change after construction:
 *
 * <ul>
 *   <li>{@link #sharedVolume}: an init container copies the probe onto a task volume that the
 *       application mounts read-only, and the application's own health check runs it. The check
 *       stays where it was, so everything that reads it (dependsOn HEALTHY, the console) keeps
 *       working. Works with every network mode.
 *   <li>{@link #sidecar}: an essential sidecar carries the health check and probes the application
 *       over the task's shared localhost. The application container is not touched; needs a network
 *       mode where containers share localhost.
 * </ul>
 *
 * <p>After changing containers, the L1's {@code containerDefinitions} is pointed at an uncached
 * rendering of the L2's containers, because the L2's own rendering is cached on first resolve and a
 * reader that resolved it earlier would otherwise make the new containers vanish from the template
 * (see {@code LiveContainers}). The template is the one the L2 would render.
 *
 * <p>Both are idempotent: a second call for the same task and container adds nothing and returns
 * the same command with no changes. Both check everything before changing anything, so a refusal
 * leaves the task as it was.
 *
 * <pre>{@code
 * InjectedProbe probe = ProbeInjection.sharedVolume(task, app, ProbeImage.bundled(),
 *     List.of("http", "http://localhost:8080/health"));
 * // The L2 cannot change a health check after the fact: use the escape hatch, and record it.
 * int index = ...; // the app's position among the task's container definitions
 * ((CfnTaskDefinition) task.getNode().getDefaultChild()).addPropertyOverride(
 *     "ContainerDefinitions." + index + ".HealthCheck.Command", probe.healthCheckCommand());
 * }</pre>
 */
public final class ProbeInjection {

  /** Where the shared volume is mounted, in the init container and in the application. */
  public static final String MOUNT_PATH = "/healthguard";

  /** Where the application finds the probe: the path its health check runs. */
  public static final String PROBE_PATH = MOUNT_PATH + "/probe";

  /** The task volume that carries the probe from the init container to the application. */
  public static final String VOLUME_NAME = "healthguard-probe";

  /**
   * The init container's name (and construct id). One per task: every application container of the
   * task that gets the probe mounts the same volume, so the task gains one container, not one per
   * application.
   */
  public static final String INIT_CONTAINER_NAME = "healthguard-probe-install";

  /** A sidecar is named after the container it probes: {@code <app>-healthguard-probe}. */
  public static final String SIDECAR_SUFFIX = "-healthguard-probe";

  /** The user and group the probe containers run as: the probe image's own {@code USER}. */
  public static final String PROBE_USER = "65532:65532";

  /**
   * The memory each probe container reserves (a soft reservation, no hard limit). The probe is a
   * small static Go program; Docker 20.10 and later reserves at least 6 MiB per container, "so don't
   * specify less than 6 MiB" (RegisterTaskDefinition, ContainerDefinition {@code memory}).
   */
  public static final int MEMORY_RESERVATION_MIB = 16;

  /** Where the probe sits inside its own image (its entrypoint). */
  static final String IMAGE_PROBE_PATH = "/probe";

  private static final Set<String> CHECKS = Set.of("http", "tcp");

  // awsvpc: "containers that belong to the same task can communicate over the localhost interface";
  // host: "the task uses the host's network", so its containers share the instance's localhost; in
  // bridge (Linux's default when none is set), nat (Windows' default) and none, each container has
  // its own (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html).
  private static final Set<String> SHARED_LOCALHOST = Set.of("awsvpc", "host");

  private ProbeInjection() {}

  /**
   * Copies the probe into the task through a shared volume, for {@code app}'s health check to run.
   *
   * <p>Adds, when not already there:
   *
   * <ul>
   *   <li>the task volume {@value #VOLUME_NAME}: a volume with only a name, which is a task-scoped
   *       bind mount on Fargate (its ephemeral storage) and on EC2;
   *   <li>the init container {@value #INIT_CONTAINER_NAME}, not essential (health-check-semantics.md
   *       §3: a non-essential container may exit without stopping the task), running {@code install
   *       /healthguard/probe} as {@value #PROBE_USER} with a read-only root filesystem, no ports and
   *       a {@value #MEMORY_RESERVATION_MIB} MiB reservation, mounting the volume read-write at
   *       {@value #MOUNT_PATH};
   *   <li>in {@code app}: the volume mounted read-only at {@value #MOUNT_PATH}, and a dependency
   *       on the init container with condition SUCCESS, so the application starts only once the
   *       probe is in place (on Fargate, container dependencies need platform version 1.3.0 or
   *       later, health-check-semantics.md §3);
   *   <li>a larger task size when the task could not otherwise hold the new container.
   * </ul>
   *
   * <p>It does <b>not</b> change {@code app}'s health check: the L2 {@code ContainerDefinition} has
   * no setter for it. Set {@link InjectedProbe#healthCheckCommand()} as the application's health
   * check command with an escape hatch ({@code CfnTaskDefinition.addPropertyOverride}) and record
   * that change with the others. The command is in CMD form, run directly by Docker, so the
   * application image needs no {@code /bin/sh} (health-check-semantics.md §1).
   *
   * @param task the task definition of {@code app}
   * @param app the container whose image cannot run its health check
   * @param probe the probe image, usually {@link ProbeImage#bundled()}
   * @param probeArgs the probe's check, e.g. {@code ["http", "http://localhost:8080/health"]} or
   *     {@code ["tcp", "localhost:5432", "-timeout", "2s"]}
   * @return the command for {@code app}'s health check and the changes made
   * @throws IllegalArgumentException when the arguments are wrong, the task runs Windows, {@code app}
   *     already mounts something else at {@value #MOUNT_PATH}, a volume named {@value #VOLUME_NAME}
   *     exists that HealthGuard did not add, or no valid task size can hold the init container
   */
  public static InjectedProbe sharedVolume(
      TaskDefinition task, ContainerDefinition app, ProbeImage probe, List<String> probeArgs) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(probe, "probe");
    List<String> args = checkProbeArgs(probeArgs);
    checkBelongs(task, app);
    TaskFacts facts = TaskFacts.read(task);
    checkLinux(facts);
    String appName = app.getContainerName();
    if (appName.equals(INIT_CONTAINER_NAME)) {
      throw new IllegalArgumentException("app must be the container to probe, not HealthGuard's own init container '"
          + INIT_CONTAINER_NAME + "'");
    }
    List<String> command = execForm(PROBE_PATH, args);

    ContainerDefinition init = probeContainer(task, INIT_CONTAINER_NAME);
    boolean hasVolume = facts.volumeNames().contains(VOLUME_NAME);
    if (init == null && hasVolume) {
      throw new IllegalArgumentException("Task definition " + facts.path() + " already has a volume named '"
          + VOLUME_NAME + "' that HealthGuard did not add (there is no container '" + INIT_CONTAINER_NAME
          + "'); rename that volume so the probe's volume cannot be confused with it");
    }
    MountPoint existingMount = mountAt(app, MOUNT_PATH);
    if (existingMount != null && !VOLUME_NAME.equals(existingMount.getSourceVolume())) {
      throw new IllegalArgumentException("Container '" + appName + "' of " + facts.path() + " already mounts volume '"
          + existingMount.getSourceVolume() + "' at " + MOUNT_PATH + ", where the probe must go");
    }
    boolean dependsOnInit = app.getContainerDependencies().stream()
        .anyMatch(d -> INIT_CONTAINER_NAME.equals(d.getContainer().getContainerName()));
    Optional<TaskSizing.Growth> growth = init == null
        ? TaskSizing.forAddedContainer(facts.size(), MEMORY_RESERVATION_MIB, INIT_CONTAINER_NAME)
        : Optional.empty();

    // Everything is checked; from here on the task changes.
    List<String> changes = new ArrayList<>();
    if (!hasVolume) {
      task.addVolume(Volume.builder().name(VOLUME_NAME).build());
      changes.add("added volume '" + VOLUME_NAME + "' to task definition " + facts.path()
          + " (task-scoped bind mount, empty when the task starts)");
    }
    if (init == null) {
      init = task.addContainer(INIT_CONTAINER_NAME, probeContainerOptions(INIT_CONTAINER_NAME, probe, facts)
          .essential(false)
          .command(List.of("install", PROBE_PATH))
          .build());
      init.addMountPoints(MountPoint.builder()
          .sourceVolume(VOLUME_NAME).containerPath(MOUNT_PATH).readOnly(false).build());
      changes.add("added init container '" + INIT_CONTAINER_NAME + "' (essential: false) from " + probe.description()
          + ": runs 'install " + PROBE_PATH + "' as user " + PROBE_USER + " with a read-only root filesystem, mounts '"
          + VOLUME_NAME + "' read-write at " + MOUNT_PATH + ", reserves " + MEMORY_RESERVATION_MIB + " MiB");
      growth.ifPresent(g -> changes.add(apply(task, g)));
    }
    if (existingMount == null) {
      app.addMountPoints(MountPoint.builder()
          .sourceVolume(VOLUME_NAME).containerPath(MOUNT_PATH).readOnly(true).build());
      changes.add("mounted volume '" + VOLUME_NAME + "' read-only at " + MOUNT_PATH + " in container '" + appName + "'");
    }
    if (!dependsOnInit) {
      app.addContainerDependencies(ContainerDependency.builder()
          .container(init).condition(ContainerDependencyCondition.SUCCESS).build());
      changes.add("container '" + appName + "' now starts only after '" + INIT_CONTAINER_NAME
          + "' has exited successfully (dependsOn condition SUCCESS)");
    }
    if (!changes.isEmpty()) {
      LiveContainers.renderLive(task);
    }
    return new InjectedProbe(command, appName, INIT_CONTAINER_NAME, changes);
  }

  /**
   * Adds an essential sidecar that runs the probe as its own health check, against {@code app}
   * over the task's shared localhost.
   *
   * <p>The sidecar, {@code <app>}{@value #SIDECAR_SUFFIX}, runs {@code sleep} as {@value
   * #PROBE_USER} with a read-only root filesystem, no ports and a {@value #MEMORY_RESERVATION_MIB}
   * MiB reservation; its health check is {@code ["CMD", "/probe", <probeArgs…>]} with the given
   * timings. It is essential because only an essential container's health decides the task's
   * (health-check-semantics.md §3): when the probe fails, the task becomes UNHEALTHY and a service
   * replaces it, as it would for the application's own check. The task size grows when it must.
   *
   * <p>The caller removes the application's own failing check (with an escape hatch) and records
   * that. A {@code dependsOn HEALTHY} on the application would then have nothing to wait for; point
   * it at the sidecar instead.
   *
   * @param task the task definition of {@code app}
   * @param app the container to probe
   * @param probe the probe image, usually {@link ProbeImage#bundled()}
   * @param probeArgs the probe's check against localhost, e.g. {@code ["http",
   *     "http://localhost:8080/health"]}
   * @param timings interval, timeout, retries and start period for the sidecar's check; pass the
   *     application's old health check to keep its timings (its command is ignored). Keep the
   *     probe's own {@code -timeout} (default 3s) below the check's timeout. When null, ECS's
   *     defaults apply (interval 30s, timeout 5s, retries 3, no start period), which the CDK writes
   *     into the template.
   * @return the sidecar's health-check command and the changes made
   * @throws IllegalArgumentException when the arguments are wrong, the task runs Windows, its
   *     network mode gives each container its own localhost (anything but awsvpc and host), the
   *     sidecar exists already with another check, or no valid task size can hold it
   */
  public static InjectedProbe sidecar(
      TaskDefinition task, ContainerDefinition app, ProbeImage probe, List<String> probeArgs, HealthCheck timings) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(probe, "probe");
    List<String> args = checkProbeArgs(probeArgs);
    checkBelongs(task, app);
    TaskFacts facts = TaskFacts.read(task);
    checkLinux(facts);
    String appName = app.getContainerName();
    String mode = facts.effectiveNetworkMode();
    if (!SHARED_LOCALHOST.contains(mode)) {
      throw new IllegalArgumentException("Task definition " + facts.path() + " uses network mode '" + mode
          + "', where each container has its own localhost, so a sidecar cannot reach container '" + appName
          + "' at localhost. A probe sidecar needs network mode awsvpc (or host); use ProbeInjection.sharedVolume, "
          + "which works in any network mode.");
    }
    String name = appName + SIDECAR_SUFFIX;
    List<String> command = execForm(IMAGE_PROBE_PATH, args);

    if (probeContainer(task, name) != null) {
      List<String> existing = facts.container(name).map(TaskFacts.ContainerFacts::healthCheckCommand).orElse(List.of());
      if (!existing.equals(command)) {
        throw new IllegalArgumentException("Container '" + name + "' of " + facts.path()
            + " was added by an earlier call with the health check " + existing + "; it cannot change to " + command
            + " (the L2 has no setter). Call sidecar once per container with the check you want.");
      }
      return new InjectedProbe(command, name, name, List.of());
    }
    Optional<TaskSizing.Growth> growth = TaskSizing.forAddedContainer(facts.size(), MEMORY_RESERVATION_MIB, name);

    HealthCheck.Builder check = HealthCheck.builder().command(command);
    if (timings != null) {
      check.interval(timings.getInterval())
          .timeout(timings.getTimeout())
          .retries(timings.getRetries())
          .startPeriod(timings.getStartPeriod());
    }
    task.addContainer(name, probeContainerOptions(name, probe, facts)
        .essential(true)
        .command(List.of("sleep"))
        .healthCheck(check.build())
        .build());
    List<String> changes = new ArrayList<>();
    changes.add("added sidecar container '" + name + "' (essential: true) from " + probe.description()
        + ": runs 'sleep' as user " + PROBE_USER + " with a read-only root filesystem, reserves "
        + MEMORY_RESERVATION_MIB + " MiB, and carries the health check " + command + " (" + describe(timings)
        + ") against container '" + appName + "' over the task's shared localhost (network mode " + mode + ")");
    growth.ifPresent(g -> changes.add(apply(task, g)));
    LiveContainers.renderLive(task);
    return new InjectedProbe(command, name, name, changes);
  }

  /** What both probe containers share; the caller sets essential, command and health check. */
  private static ContainerDefinitionOptions.Builder probeContainerOptions(String name, ProbeImage probe, TaskFacts facts) {
    return ContainerDefinitionOptions.builder()
        .containerName(name)
        .image(probe.containerImageFor(facts.isArm64()))
        .readonlyRootFilesystem(true)
        .user(PROBE_USER)
        .memoryReservationMiB(MEMORY_RESERVATION_MIB);
  }

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

  private static void checkBelongs(TaskDefinition task, ContainerDefinition app) {
    String owner = app.getTaskDefinition().getNode().getPath();
    if (!owner.equals(task.getNode().getPath())) {
      throw new IllegalArgumentException("Container '" + app.getContainerName() + "' belongs to task definition "
          + owner + ", not to " + task.getNode().getPath());
    }
  }

  private static void checkLinux(TaskFacts facts) {
    if (facts.isWindows()) {
      throw new IllegalArgumentException("Task definition " + facts.path() + " runs Windows containers ("
          + facts.operatingSystemFamily() + "); the probe is a Linux program");
    }
  }

  /** The container HealthGuard added under this id, or null; another kind of construct is refused. */
  private static ContainerDefinition probeContainer(TaskDefinition task, String id) {
    IConstruct child = task.getNode().tryFindChild(id);
    if (child == null) {
      return null;
    }
    if (child instanceof ContainerDefinition container) {
      return container;
    }
    throw new IllegalArgumentException("Task definition " + task.getNode().getPath() + " has a construct with id '"
        + id + "' that is not a container, where HealthGuard adds its probe container");
  }

  private static MountPoint mountAt(ContainerDefinition container, String path) {
    return container.getMountPoints().stream()
        .filter(m -> path.equals(m.getContainerPath()))
        .findFirst()
        .orElse(null);
  }

  private static List<String> execForm(String program, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("CMD");
    command.add(program);
    command.addAll(args);
    return List.copyOf(command);
  }

  /** Sets the new task size on the L1 (the L2 has no setter) and says what changed. */
  private static String apply(TaskDefinition task, TaskSizing.Growth growth) {
    CfnTaskDefinition cfn = (CfnTaskDefinition) task.getNode().getDefaultChild();
    cfn.setMemory(Integer.toString(growth.toMemoryMiB()));
    if (growth.toCpu() != null && !growth.toCpu().equals(growth.fromCpu())) {
      cfn.setCpu(Integer.toString(growth.toCpu()));
    }
    return growth.description();
  }

  private static String describe(HealthCheck timings) {
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
