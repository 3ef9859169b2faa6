package dev.healthguard.cdk;

import static dev.healthguard.cdk.ProbeInjection.IMAGE_PROBE_PATH;
import static dev.healthguard.cdk.ProbeInjection.INIT_CONTAINER_NAME;
import static dev.healthguard.cdk.ProbeInjection.MEMORY_RESERVATION_MIB;
import static dev.healthguard.cdk.ProbeInjection.MOUNT_PATH;
import static dev.healthguard.cdk.ProbeInjection.PROBE_PATH;
import static dev.healthguard.cdk.ProbeInjection.PROBE_USER;
import static dev.healthguard.cdk.ProbeInjection.SIDECAR_SUFFIX;
import static dev.healthguard.cdk.ProbeInjection.VOLUME_NAME;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.fix.ProbeMode;
import dev.healthguard.fix.Remedy;
import dev.healthguard.fix.TaskSizing;
import dev.healthguard.probe.ProbeImage;
import dev.healthguard.rules.Mismatch;
import dev.healthguard.rules.TargetGroupMismatch;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import dev.healthguard.task.TargetGroupHealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IAnyProducer;
import software.amazon.awscdk.IResolveContext;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.LazyAnyValueOptions;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;

/**
 * The one writer of the construct tree: every change the guard makes before synth (fix mode, and
 * the probe that {@code GuardedFargateService} brings) is made here, through the L2 API where it
 * has one and on the L1 where it does not. What to change is decided elsewhere, on plain values
 * (a {@link Remedy}, HG011's {@link Mismatch}es, {@link TaskFacts}); what the tree holds now is
 * asked of {@link TreeReader}.
 *
 * <ul>
 *   <li>A container's health check: the L2 {@code ContainerDefinition} has no setter, so the check
 *       is set with an escape-hatch override on the {@code CfnTaskDefinition} (cdk-java.md §3) and
 *       recorded in {@link FixRecord}, so the reader sees the task as deployed.
 *   <li>A target group's health check and a service's grace period ({@link #align}).
 *   <li>The probe: a shared volume and an init container ({@link #sharedVolume}), or an essential
 *       sidecar ({@link #sidecar}). After changing containers, the L1's {@code containerDefinitions}
 *       is pointed at an uncached rendering of the L2's containers, because the L2's own rendering
 *       is cached on first resolve and a reader that resolved it earlier would otherwise make the
 *       new containers vanish from the template (see {@link TreeReader}). The template is the one
 *       the L2 would render.
 * </ul>
 *
 * <p>Public only because the guard's face ({@code dev.healthguard}) and {@code patterns} call it;
 * it is not an API.
 */
public final class ChangeWriter {

  /**
   * The target as it is after the fix, and what changed.
   *
   * @param target the target with its new health check (and mounts)
   * @param changes one sentence per change, for the info finding
   */
  public record Applied(ContainerTarget target, List<String> changes) {}

  private final TreeReader reader;
  private final ProbeMode probeMode;
  private final ProbeImage probeImage;

  /**
   * @param reader what the writer asks about the tree as it is
   * @param probeMode how fix mode brings a probe
   * @param probeImage the probe image fix mode uses
   */
  public ChangeWriter(TreeReader reader, ProbeMode probeMode, ProbeImage probeImage) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.probeMode = Objects.requireNonNull(probeMode, "probeMode");
    this.probeImage = Objects.requireNonNull(probeImage, "probeImage");
  }

  /** A writer for the probe alone, as {@code GuardedFargateService} uses it. */
  public static ChangeWriter forProbes() {
    return new ChangeWriter(new TreeReader(), ProbeMode.SHARED_VOLUME, ProbeImage.bundled());
  }

  // ---- fix mode: a container's health check

  /**
   * Applies a remedy to the container's task definition.
   *
   * @throws IllegalArgumentException when it cannot be applied here, with the reason
   */
  public Optional<Applied> apply(ContainerTarget at, Remedy remedy) {
    if (remedy instanceof Remedy.Rewrite rewrite) {
      HealthCheck old = at.target().healthCheck();
      HealthCheck fixed = new HealthCheck(rewrite.command(), old.intervalSeconds(), old.timeoutSeconds(), old.retries(),
          old.startPeriodSeconds());
      setHealthCheck(at, fixed);
      return Optional.of(new Applied(at.withTarget(at.target().withHealthCheck(fixed)),
          List.of("set the health check to " + CheckCommands.json(rewrite.command()) + ": " + rewrite.why())));
    }
    if (remedy instanceof Remedy.Lift lift) {
      setHealthCheck(at, lift.healthCheck());
      return Optional.of(new Applied(at.withTarget(at.target().withHealthCheck(lift.healthCheck())),
          List.of("copied the image's HEALTHCHECK " + CheckCommands.json(lift.healthCheck().command())
              + " into the task definition: " + lift.why())));
    }
    if (remedy instanceof Remedy.InjectProbe probe) {
      return Optional.of(inject(at, probe));
    }
    return Optional.empty();
  }

  private Applied inject(ContainerTarget at, Remedy.InjectProbe remedy) {
    if (!(at.construct() instanceof ContainerDefinition app) || at.taskDefinition() == null) {
      throw new IllegalArgumentException("a bare CfnTaskDefinition has no L2 task definition to add a probe to");
    }
    TaskDefinition task = at.taskDefinition();
    HealthCheck old = at.target().healthCheck();
    List<String> changes = new ArrayList<>();
    Target fixed;
    if (probeMode == ProbeMode.SIDECAR) {
      InjectedProbe injected = sidecar(task, app, probeImage, remedy.probeArgs(), l2(old));
      changes.addAll(injected.changes());
      // The sidecar carries the check now; the app's own can never pass.
      at.cfn().addPropertyDeletionOverride("ContainerDefinitions." + at.index() + ".HealthCheck");
      record(at, null);
      changes.add("removed the health check of '" + at.target().container() + "', which could not run in its image");
      fixed = at.target().withHealthCheck(null);
    } else {
      InjectedProbe injected = sharedVolume(task, app, probeImage, remedy.probeArgs());
      changes.addAll(injected.changes());
      HealthCheck check = new HealthCheck(injected.healthCheckCommand(), old.intervalSeconds(), old.timeoutSeconds(),
          old.retries(), old.startPeriodSeconds());
      setHealthCheck(at, check);
      changes.add("set the health check to " + CheckCommands.json(check.command()) + ": " + remedy.why());
      List<String> mounts = new ArrayList<>(at.target().mountPaths());
      mounts.add(MOUNT_PATH);
      fixed = new Target(at.target().taskDefinition(), at.target().container(), check, at.target().image(),
          at.target().containerPorts(), at.target().essential(), at.target().cpuArchitecture(),
          at.target().networkMode(), at.target().taskPorts(), mounts);
    }
    return new Applied(at.withTarget(fixed), changes);
  }

  /** The L2 form of a check's timings, for the sidecar (its command is ignored). */
  private static software.amazon.awscdk.services.ecs.HealthCheck l2(HealthCheck check) {
    var builder = software.amazon.awscdk.services.ecs.HealthCheck.builder().command(check.command());
    if (check.intervalSeconds() != null) {
      builder.interval(Duration.seconds(check.intervalSeconds()));
    }
    if (check.timeoutSeconds() != null) {
      builder.timeout(Duration.seconds(check.timeoutSeconds()));
    }
    if (check.retries() != null) {
      builder.retries(check.retries());
    }
    if (check.startPeriodSeconds() != null) {
      builder.startPeriod(Duration.seconds(check.startPeriodSeconds()));
    }
    return builder.build();
  }

  private void setHealthCheck(ContainerTarget at, HealthCheck healthCheck) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("Command", healthCheck.command());
    putIfSet(rendered, "Interval", healthCheck.intervalSeconds());
    putIfSet(rendered, "Timeout", healthCheck.timeoutSeconds());
    putIfSet(rendered, "Retries", healthCheck.retries());
    putIfSet(rendered, "StartPeriod", healthCheck.startPeriodSeconds());
    at.cfn().addPropertyOverride("ContainerDefinitions." + at.index() + ".HealthCheck", rendered);
    record(at, rendered);
  }

  /** Records the container's new check (null: removed) where the reader finds it. */
  private void record(ContainerTarget at, Map<String, Object> healthCheck) {
    at.cfn().addMetadata(FixRecord.METADATA_KEY,
        FixRecord.with(TreeReader.fixes(at.cfn()), at.target().container(), healthCheck));
  }

  private static void putIfSet(Map<String, Object> map, String key, Integer value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  // ---- fix mode: a target group and a grace period (HG011)

  /**
   * Aligns the target group's path, port and healthy codes with the container's probe and raises
   * the grace period to {@code startPeriod + interval × retries}, through
   * {@code ApplicationTargetGroup.configureHealthCheck} (keeping the other health-check settings)
   * and {@code CfnService.setHealthCheckGracePeriodSeconds}. The binding is read again first, so
   * a second call changes nothing and returns an empty list, and a container check fix mode has
   * replaced is compared as replaced. A grace period is only ever raised.
   *
   * <p>{@code configureHealthCheck} replaces the whole health check ({@code this.healthCheck =
   * healthCheck} in aws-cdk-lib 2.263.0 {@code aws-elasticloadbalancingv2/lib/shared/base-target-group.js}),
   * so every field is passed as deployed with only the aligned ones changed; an interval or
   * threshold the user chose survives. An L1 property set directly (an escape hatch) wins over the
   * L2's lazy value, so when the L2 call does not show in the L1, the L1 property is set too.
   *
   * @return what changed, one sentence each, e.g. {@code set target group App/Web/LB/PublicListener/ECSGroup
   *     health check path from / to /healthz}
   */
  public List<String> align(BoundService bound) {
    BoundService current = reader.reread(bound);
    ServiceBinding binding = current.binding();
    List<String> changes = new ArrayList<>();
    TargetGroupHealthCheck now = binding.targetGroupCheck();
    TargetGroupHealthCheck next = now;
    for (Mismatch mismatch : TargetGroupMismatch.compare(binding)) {
      if (!mismatch.fixable()) {
        continue;
      }
      switch (mismatch.kind()) {
        case PATH -> {
          next = next.withPath(mismatch.desired());
          changes.add("set target group " + binding.targetGroup() + " health check path from "
              + now.effectivePath() + " to " + mismatch.desired());
        }
        case PORT -> {
          next = next.withPort(mismatch.desired());
          changes.add("set target group " + binding.targetGroup() + " health check port from "
              + now.port() + " to " + mismatch.desired());
        }
        case CODES -> {
          next = next.withHttpCodes(mismatch.desired());
          changes.add("set target group " + binding.targetGroup() + " healthy HTTP codes from "
              + (now.httpCodes() == null ? "200" : now.httpCodes()) + " to " + mismatch.desired());
        }
        case GRACE_PERIOD -> {
          int seconds = Integer.parseInt(mismatch.desired());
          // The L2 BaseService takes the period only as a constructor prop; the L1 has a setter.
          current.handles().cfnService().setHealthCheckGracePeriodSeconds(seconds);
          Integer before = binding.gracePeriod().configuredSeconds();
          changes.add("set service " + binding.service() + " health check grace period "
              + (before == null ? "" : "from " + before + " s ") + "to " + seconds + " s");
        }
      }
    }
    if (!next.sameEndpoint(now)) {
      configure(current.handles(), now, next);
    }
    return changes;
  }

  private void configure(BoundService.Handles handles, TargetGroupHealthCheck now, TargetGroupHealthCheck next) {
    ApplicationTargetGroup l2 = handles.targetGroup();
    if (l2 != null && now.unresolved().isEmpty()) {
      l2.configureHealthCheck(toL2(next));
      if (reader.targetGroupCheck(handles.cfnTargetGroup()).sameEndpoint(next)) {
        return;
      }
    }
    CfnTargetGroup l1 = handles.cfnTargetGroup();
    if (!Objects.equals(now.path(), next.path())) {
      l1.setHealthCheckPath(next.path());
    }
    if (!Objects.equals(now.port(), next.port())) {
      l1.setHealthCheckPort(next.port());
    }
    if (!Objects.equals(now.httpCodes(), next.httpCodes())) {
      l1.setMatcher(CfnTargetGroup.MatcherProperty.builder().httpCode(next.httpCodes()).grpcCode(next.grpcCodes()).build());
    }
  }

  /** The whole health check for {@code configureHealthCheck}; unset fields stay unset. */
  private static software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck toL2(TargetGroupHealthCheck check) {
    var builder = software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
        .path(check.path())
        .port(check.port())
        .healthyHttpCodes(check.httpCodes())
        .healthyGrpcCodes(check.grpcCodes())
        .healthyThresholdCount(check.healthyThreshold())
        .unhealthyThresholdCount(check.unhealthyThreshold())
        .enabled(check.enabled());
    if (check.protocol() != null) {
      builder.protocol(Protocol.valueOf(check.protocol()));
    }
    if (check.intervalSeconds() != null) {
      builder.interval(Duration.seconds(check.intervalSeconds()));
    }
    if (check.timeoutSeconds() != null) {
      builder.timeout(Duration.seconds(check.timeoutSeconds()));
    }
    return builder.build();
  }

  // ---- the probe

  /**
   * Copies the probe into the task through a shared volume, for {@code app}'s health check to run.
   *
   * <p>Adds, when not already there:
   *
   * <ul>
   *   <li>the task volume {@code healthguard-probe}: a volume with only a name, which is a
   *       task-scoped bind mount on Fargate (its ephemeral storage) and on EC2;
   *   <li>the init container {@code healthguard-probe-install}, not essential
   *       (health-check-semantics.md §3: a non-essential container may exit without stopping the
   *       task), running {@code install /healthguard/probe} as the probe image's user with a
   *       read-only root filesystem, no ports and a small memory reservation, mounting the volume
   *       read-write at {@code /healthguard};
   *   <li>in {@code app}: the volume mounted read-only at {@code /healthguard}, and a dependency on
   *       the init container with condition SUCCESS, so the application starts only once the probe
   *       is in place (on Fargate, container dependencies need platform version 1.3.0 or later,
   *       health-check-semantics.md §3);
   *   <li>a larger task size when the task could not otherwise hold the new container.
   * </ul>
   *
   * <p>It does <b>not</b> change {@code app}'s health check: the caller sets
   * {@link InjectedProbe#healthCheckCommand()} ({@link #apply} does, through an escape hatch). The
   * command is in CMD form, run directly by Docker, so the application image needs no
   * {@code /bin/sh} (health-check-semantics.md §1). Idempotent: a second call for the same task and
   * container adds nothing and returns the same command with no changes. Everything is checked
   * before anything changes, so a refusal leaves the task as it was.
   *
   * @param probeArgs the probe's check, e.g. {@code ["http", "http://localhost:8080/health"]} or
   *     {@code ["tcp", "localhost:5432", "-timeout", "2s"]}
   * @throws IllegalArgumentException when the arguments are wrong, the task runs Windows, {@code app}
   *     already mounts something else at {@code /healthguard}, a volume named
   *     {@code healthguard-probe} exists that HealthGuard did not add, or no valid task size can
   *     hold the init container
   */
  public InjectedProbe sharedVolume(TaskDefinition task, ContainerDefinition app, ProbeImage probe,
      List<String> probeArgs) {
    ProbeTarget target = probeTarget(task, app, probe, probeArgs);
    List<String> args = target.args();
    TreeReader.ContainerName appName = target.appName();
    TaskFacts facts = target.facts();
    String name = appName.name();
    if (name.equals(INIT_CONTAINER_NAME)) {
      throw new IllegalArgumentException("app must be the container to probe, not HealthGuard's own init container '"
          + INIT_CONTAINER_NAME + "'");
    }
    List<String> command = ProbeInjection.execForm(PROBE_PATH, args);

    ContainerDefinition init = reader.probeContainer(task, INIT_CONTAINER_NAME);
    boolean hasVolume = facts.volumeNames().contains(VOLUME_NAME);
    if (init == null && hasVolume) {
      throw new IllegalArgumentException("Task definition " + facts.path() + " already has a volume named '"
          + VOLUME_NAME + "' that HealthGuard did not add (there is no container '" + INIT_CONTAINER_NAME
          + "'); rename that volume so the probe's volume cannot be confused with it");
    }
    TaskFacts.ContainerFacts appFacts = facts.container(name).orElseThrow();
    String mounted = appFacts.mounts().get(MOUNT_PATH);
    if (mounted != null && !VOLUME_NAME.equals(mounted)) {
      throw new IllegalArgumentException("Container '" + name + "' of " + facts.path() + " already mounts volume '"
          + mounted + "' at " + MOUNT_PATH + ", where the probe must go");
    }
    boolean dependsOnInit = appFacts.dependsOn().contains(INIT_CONTAINER_NAME);
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
      growth.ifPresent(g -> changes.add(resize(task, g)));
    }
    if (mounted == null) {
      app.addMountPoints(MountPoint.builder()
          .sourceVolume(VOLUME_NAME).containerPath(MOUNT_PATH).readOnly(true).build());
      changes.add("mounted volume '" + VOLUME_NAME + "' read-only at " + MOUNT_PATH + " in container '" + name + "'");
    }
    if (!dependsOnInit) {
      app.addContainerDependencies(ContainerDependency.builder()
          .container(init).condition(ContainerDependencyCondition.SUCCESS).build());
      changes.add("container '" + name + "' now starts only after '" + INIT_CONTAINER_NAME
          + "' has exited successfully (dependsOn condition SUCCESS)");
    }
    if (!changes.isEmpty()) {
      renderLive(task);
    }
    return new InjectedProbe(command, name, INIT_CONTAINER_NAME, changes);
  }

  /**
   * Adds an essential sidecar that runs the probe as its own health check, against {@code app}
   * over the task's shared localhost.
   *
   * <p>The sidecar, {@code <app>-healthguard-probe}, runs {@code sleep} as the probe image's user
   * with a read-only root filesystem, no ports and a small memory reservation; its health check is
   * {@code ["CMD", "/probe", <probeArgs…>]} with the given timings. It is essential because only an
   * essential container's health decides the task's (health-check-semantics.md §3): when the probe
   * fails, the task becomes UNHEALTHY and a service replaces it, as it would for the application's
   * own check. The task size grows when it must. The caller removes the application's own failing
   * check; a {@code dependsOn HEALTHY} on the application then has nothing to wait for.
   *
   * @param timings interval, timeout, retries and start period for the sidecar's check (its
   *     command is ignored); when null, ECS's defaults apply
   * @throws IllegalArgumentException when the arguments are wrong, the task runs Windows, its
   *     network mode gives each container its own localhost (anything but awsvpc and host), the
   *     sidecar exists already with another check, or no valid task size can hold it
   */
  public InjectedProbe sidecar(TaskDefinition task, ContainerDefinition app, ProbeImage probe, List<String> probeArgs,
      software.amazon.awscdk.services.ecs.HealthCheck timings) {
    ProbeTarget target = probeTarget(task, app, probe, probeArgs);
    List<String> args = target.args();
    TreeReader.ContainerName appName = target.appName();
    TaskFacts facts = target.facts();
    String mode = facts.effectiveNetworkMode();
    if (!ProbeInjection.SHARED_LOCALHOST.contains(mode)) {
      throw new IllegalArgumentException("Task definition " + facts.path() + " uses network mode '" + mode
          + "', where each container has its own localhost, so a sidecar cannot reach container '" + appName.name()
          + "' at localhost. A probe sidecar needs network mode awsvpc (or host); use ProbeInjection.sharedVolume, "
          + "which works in any network mode.");
    }
    String name = appName.name() + SIDECAR_SUFFIX;
    List<String> command = ProbeInjection.execForm(IMAGE_PROBE_PATH, args);

    if (reader.probeContainer(task, name) != null) {
      List<String> existing = facts.container(name).map(TaskFacts.ContainerFacts::healthCheckCommand).orElse(List.of());
      if (!existing.equals(command)) {
        throw new IllegalArgumentException("Container '" + name + "' of " + facts.path()
            + " was added by an earlier call with the health check " + existing + "; it cannot change to " + command
            + " (the L2 has no setter). Call sidecar once per container with the check you want.");
      }
      return new InjectedProbe(command, name, name, List.of());
    }
    Optional<TaskSizing.Growth> growth = TaskSizing.forAddedContainer(facts.size(), MEMORY_RESERVATION_MIB, name);

    var check = software.amazon.awscdk.services.ecs.HealthCheck.builder().command(command);
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
        + MEMORY_RESERVATION_MIB + " MiB, and carries the health check " + command + " ("
        + ProbeInjection.describe(timings) + ") against container '" + appName.name()
        + "' over the task's shared localhost (network mode " + mode + ")");
    growth.ifPresent(g -> changes.add(resize(task, g)));
    renderLive(task);
    return new InjectedProbe(command, name, name, changes);
  }

  /** What both probe containers share; the caller sets essential, command and health check. */
  /** What both injections check first, before anything changes. */
  private record ProbeTarget(List<String> args, TreeReader.ContainerName appName, TaskFacts facts) {}

  private ProbeTarget probeTarget(TaskDefinition task, ContainerDefinition app, ProbeImage probe, List<String> probeArgs) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(probe, "probe");
    List<String> args = ProbeInjection.checkProbeArgs(probeArgs);
    TreeReader.ContainerName appName = reader.nameOf(app);
    ProbeInjection.checkBelongs(reader.pathOf(task), appName);
    TaskFacts facts = reader.facts(task);
    ProbeInjection.checkLinux(facts);
    return new ProbeTarget(args, appName, facts);
  }

  private static ContainerDefinitionOptions.Builder probeContainerOptions(String name, ProbeImage probe, TaskFacts facts) {
    return ContainerDefinitionOptions.builder()
        .containerName(name)
        .image(probe.containerImageFor(facts.isArm64()))
        .readonlyRootFilesystem(true)
        .user(PROBE_USER)
        .memoryReservationMiB(MEMORY_RESERVATION_MIB);
  }

  /** Sets the new task size on the L1 (the L2 has no setter) and says what changed. */
  private String resize(TaskDefinition task, TaskSizing.Growth growth) {
    CfnTaskDefinition cfn = reader.cfn(task);
    cfn.setMemory(Integer.toString(growth.toMemoryMiB()));
    if (growth.toCpu() != null && !growth.toCpu().equals(growth.fromCpu())) {
      cfn.setCpu(Integer.toString(growth.toCpu()));
    }
    return growth.description();
  }

  /** Makes the L1 render the L2's containers afresh on every resolve, as the L2's Lazy did once. */
  private void renderLive(TaskDefinition task) {
    reader.cfn(task).setContainerDefinitions(Lazy.uncachedAny(new Rendering(task),
        LazyAnyValueOptions.builder().omitEmptyArray(true).build()));
  }

  /** {@code renderContainers()} of the L2, which is private: each container's own rendering. */
  private static final class Rendering implements IAnyProducer {
    private final TaskDefinition task;

    Rendering(TaskDefinition task) {
      this.task = task;
    }

    @Override
    public Object produce(IResolveContext context) {
      return TreeReader.containersOf(task).stream().map(c -> (Object) c.renderContainerDefinition()).toList();
    }
  }
}
