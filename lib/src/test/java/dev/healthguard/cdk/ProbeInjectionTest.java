package dev.healthguard.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.probe.ProbeImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.Ec2TaskDefinition;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.NetworkMode;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.Volume;

/**
 * ProbeInjection on real L2 constructs. One App, one stack per case, synthesized once (each synth
 * costs seconds); each case asserts on its own stack's template.
 */
class ProbeInjectionTest {

  static final String STATIC_IMAGE = "cgr.dev/chainguard/static:latest";
  static final String CURL = "curl -f http://localhost:8080/health || exit 1";
  static final List<String> HTTP = List.of("http", "http://localhost:8080/health");
  static final List<String> SHARED_COMMAND = List.of("CMD", "/healthguard/probe", "http", "http://localhost:8080/health");
  static final List<String> SIDECAR_COMMAND = List.of("CMD", "/probe", "http", "http://localhost:8080/health");
  static final String DIGEST_REFERENCE = "public.ecr.aws/acme/healthguard-probe@sha256:" + "0123456789abcdef".repeat(4);

  static Path outdir;
  static App app;
  static final ProbeImage PROBE = ProbeImage.bundled();

  static Stack sharedStack, sidecarStack, bridgeStack, hostStack, growStack, growSoftStack, growCpuStack;
  static Stack idempotentStack, twoAppsStack, arm64Stack, registryStack, hugeStack, frozenStack;
  static InjectedProbe shared, sidecar, host, grow, growSoft, growCpu, firstShared, secondShared, firstSidecar,
      secondSidecar, arm64;
  static IllegalArgumentException bridgeRefusal, changedSidecar, windowsRefusal, hugeRefusal, foreignVolume,
      foreignMount, otherTask;

  @BeforeAll
  static void build() throws Exception {
    outdir = Files.createTempDirectory("probe-injection-test");
    app = new App(AppProps.builder().outdir(outdir.toString()).build());

    // GIVEN an app on a shell-less image whose curl check can never pass, fixed with a shared volume;
    // the caller then applies the returned command with the escape hatch, as documented.
    sharedStack = new Stack(app, "SharedVolume");
    FargateTaskDefinition task = fargate(sharedStack, 256, 512);
    ContainerDefinition web = staticApp(task, "app", null, null);
    shared = ChangeWriter.forProbes().sharedVolume(task, web, PROBE, HTTP);
    ((CfnTaskDefinition) task.getNode().getDefaultChild())
        .addPropertyOverride("ContainerDefinitions.0.HealthCheck.Command", shared.healthCheckCommand());

    // GIVEN the same app fixed with a sidecar that keeps the app's timings
    sidecarStack = new Stack(app, "Sidecar");
    task = fargate(sidecarStack, 256, 512);
    web = staticApp(task, "app", null, null);
    sidecar = ChangeWriter.forProbes().sidecar(task, web, PROBE, HTTP, HealthCheck.builder()
        .command(List.of(CURL))
        .interval(Duration.seconds(10)).timeout(Duration.seconds(5)).retries(2).startPeriod(Duration.seconds(30))
        .build());

    // GIVEN an EC2 task in bridge mode (the Linux default): each container has its own localhost
    bridgeStack = new Stack(app, "Bridge");
    Ec2TaskDefinition ec2 = Ec2TaskDefinition.Builder.create(bridgeStack, "Task").build();
    ContainerDefinition ec2App = staticApp(ec2, "app", 256, null);
    bridgeRefusal = refusal(() -> ChangeWriter.forProbes().sidecar(ec2, ec2App, PROBE, HTTP, null));

    // GIVEN an EC2 task in host mode: the containers share the instance's localhost
    hostStack = new Stack(app, "Host");
    Ec2TaskDefinition hostTask = Ec2TaskDefinition.Builder.create(hostStack, "Task").networkMode(NetworkMode.HOST).build();
    host = ChangeWriter.forProbes().sidecar(hostTask, staticApp(hostTask, "app", 256, null), PROBE, HTTP, null);

    // GIVEN a 256/512 Fargate task whose app takes all 512 MiB as a hard limit
    growStack = new Stack(app, "Grow");
    task = fargate(growStack, 256, 512);
    grow = ChangeWriter.forProbes().sharedVolume(task, staticApp(task, "app", 512, null), PROBE, HTTP);

    // GIVEN the same with a soft reservation: ECS counts reservations too
    growSoftStack = new Stack(app, "GrowSoft");
    task = fargate(growSoftStack, 256, 512);
    growSoft = ChangeWriter.forProbes().sharedVolume(task, staticApp(task, "app", null, 512), PROBE, HTTP);

    // GIVEN a 256/2048 task that is full: 256 CPU units allow no more than 2048 MiB
    growCpuStack = new Stack(app, "GrowCpu");
    task = fargate(growCpuStack, 256, 2048);
    growCpu = ChangeWriter.forProbes().sidecar(task, staticApp(task, "app", 2048, null), PROBE, HTTP, null);

    // GIVEN both injections called twice on one task, then a sidecar asked to change its check
    idempotentStack = new Stack(app, "Idempotent");
    FargateTaskDefinition twice = fargate(idempotentStack, 256, 512);
    ContainerDefinition twiceApp = staticApp(twice, "app", null, null);
    firstShared = ChangeWriter.forProbes().sharedVolume(twice, twiceApp, PROBE, HTTP);
    secondShared = ChangeWriter.forProbes().sharedVolume(twice, twiceApp, PROBE, HTTP);
    firstSidecar = ChangeWriter.forProbes().sidecar(twice, twiceApp, PROBE, HTTP, null);
    secondSidecar = ChangeWriter.forProbes().sidecar(twice, twiceApp, PROBE, HTTP, null);
    changedSidecar = refusal(() -> ChangeWriter.forProbes().sidecar(twice, twiceApp, PROBE,
        List.of("tcp", "localhost:8080"), null));

    // GIVEN two application containers in one task
    twoAppsStack = new Stack(app, "TwoApps");
    task = fargate(twoAppsStack, 512, 1024);
    ChangeWriter.forProbes().sharedVolume(task, staticApp(task, "api", null, null), PROBE, HTTP);
    ChangeWriter.forProbes().sharedVolume(task, staticApp(task, "worker", null, null), PROBE,
        List.of("tcp", "localhost:9090", "-timeout", "2s"));

    // GIVEN an ARM64 task: the bundled probe must be built for it
    arm64Stack = new Stack(app, "Arm64");
    FargateTaskDefinition armTask = FargateTaskDefinition.Builder.create(arm64Stack, "Task")
        .runtimePlatform(RuntimePlatform.builder()
            .cpuArchitecture(CpuArchitecture.ARM64).operatingSystemFamily(OperatingSystemFamily.LINUX).build())
        .build();
    arm64 = ChangeWriter.forProbes().sharedVolume(armTask, staticApp(armTask, "app", null, null), PROBE, HTTP);

    // GIVEN a probe from a registry, pinned by digest
    registryStack = new Stack(app, "Registry");
    task = fargate(registryStack, 256, 512);
    ChangeWriter.forProbes().sharedVolume(task, staticApp(task, "app", null, null), ProbeImage.fromRegistry(DIGEST_REFERENCE), HTTP);

    // GIVEN a task whose containers a reader resolved before the injection, as HealthGuard's own
    // inspector does: the L2 caches that rendering (Lazy.any), which would drop every later change
    frozenStack = new Stack(app, "Frozen");
    task = fargate(frozenStack, 256, 512);
    ContainerDefinition frozenApp = staticApp(task, "app", null, null);
    frozenStack.resolve(((CfnTaskDefinition) task.getNode().getDefaultChild()).getContainerDefinitions());
    ChangeWriter.forProbes().sharedVolume(task, frozenApp, PROBE, HTTP);
    frozenApp.addEnvironment("ADDED_AFTER", "yes");

    // GIVEN tasks the injection must refuse, each left unchanged
    Stack refusals = new Stack(app, "Refusals");
    FargateTaskDefinition windows = FargateTaskDefinition.Builder.create(refusals, "Windows").cpu(1024).memoryLimitMiB(2048)
        .runtimePlatform(RuntimePlatform.builder()
            .operatingSystemFamily(OperatingSystemFamily.WINDOWS_SERVER_2019_CORE)
            .cpuArchitecture(CpuArchitecture.X86_64).build())
        .build();
    ContainerDefinition windowsApp = staticApp(windows, "app", null, null);
    windowsRefusal = refusal(() -> ChangeWriter.forProbes().sharedVolume(windows, windowsApp, PROBE, HTTP));

    FargateTaskDefinition foreign = fargate(refusals, "ForeignVolume", 256, 512);
    foreign.addVolume(Volume.builder().name(ProbeInjection.VOLUME_NAME).build());
    ContainerDefinition foreignApp = staticApp(foreign, "app", null, null);
    foreignVolume = refusal(() -> ChangeWriter.forProbes().sharedVolume(foreign, foreignApp, PROBE, HTTP));

    FargateTaskDefinition mounted = fargate(refusals, "ForeignMount", 256, 512);
    mounted.addVolume(Volume.builder().name("data").build());
    ContainerDefinition mountedApp = staticApp(mounted, "app", null, null);
    mountedApp.addMountPoints(MountPoint.builder().sourceVolume("data").containerPath("/healthguard").readOnly(false).build());
    foreignMount = refusal(() -> ChangeWriter.forProbes().sharedVolume(mounted, mountedApp, PROBE, HTTP));

    otherTask = refusal(() -> ChangeWriter.forProbes().sharedVolume(foreign, mountedApp, PROBE, HTTP));

    hugeStack = new Stack(app, "Huge");
    FargateTaskDefinition huge = fargate(hugeStack, 16384, 122880);
    ContainerDefinition hugeApp = staticApp(huge, "app", 122880, null);
    hugeRefusal = refusal(() -> ChangeWriter.forProbes().sharedVolume(huge, hugeApp, PROBE, HTTP));
  }

  // ---------------------------------------------------------------- shared volume

  @Test
  void sharedVolumeAddsAVolumeWithOnlyAName() {
    assertEquals(List.of(Map.of("Name", "healthguard-probe")), taskProperties(sharedStack).get("Volumes"));
  }

  @Test
  void sharedVolumeAddsANonEssentialReadOnlyInitContainerThatInstallsTheProbe() {
    Map<String, Object> init = container(sharedStack, "healthguard-probe-install");
    assertEquals(false, init.get("Essential"));
    assertEquals(List.of("install", "/healthguard/probe"), init.get("Command"));
    assertEquals(true, init.get("ReadonlyRootFilesystem"));
    assertEquals("65532:65532", init.get("User"));
    assertFalse(init.containsKey("PortMappings"), "the init container listens on nothing");
    assertEquals(16, ((Number) init.get("MemoryReservation")).intValue());
    assertFalse(init.containsKey("Memory"), "a soft reservation only");
    assertFalse(init.containsKey("HealthCheck"));
    assertEquals(List.of(Map.of("ContainerPath", "/healthguard", "ReadOnly", false, "SourceVolume", "healthguard-probe")),
        init.get("MountPoints"));
    assertTrue(String.valueOf(init.get("Image")).contains("container-assets"), "built as a CDK image asset: " + init.get("Image"));
  }

  @Test
  void sharedVolumeMountsTheVolumeReadOnlyInTheAppAndMakesItWaitForTheInstall() {
    Map<String, Object> web = container(sharedStack, "app");
    assertEquals(List.of(Map.of("ContainerPath", "/healthguard", "ReadOnly", true, "SourceVolume", "healthguard-probe")),
        web.get("MountPoints"));
    assertEquals(List.of(Map.of("Condition", "SUCCESS", "ContainerName", "healthguard-probe-install")), web.get("DependsOn"));
    // The same, the CDK way.
    Template.fromStack(sharedStack).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Name", "app",
            "Essential", true,
            "DependsOn", List.of(Map.of("Condition", "SUCCESS", "ContainerName", "healthguard-probe-install"))))))));
  }

  @Test
  void sharedVolumeReturnsAnExecFormCommandThatTheCallerApplies() {
    assertEquals(SHARED_COMMAND, shared.healthCheckCommand());
    assertEquals("app", shared.healthCheckContainer());
    assertEquals("healthguard-probe-install", shared.probeContainer());
    // The injection did not touch the check; the caller's escape hatch did.
    Map<?, ?> check = (Map<?, ?>) container(sharedStack, "app").get("HealthCheck");
    assertEquals(SHARED_COMMAND, check.get("Command"));
  }

  @Test
  void sharedVolumeListsEveryChange() {
    List<String> changes = shared.changes();
    assertEquals(4, changes.size(), changes.toString());
    assertTrue(changes.get(0).startsWith("added volume 'healthguard-probe' to task definition SharedVolume/Task"), changes.get(0));
    assertTrue(changes.get(1).startsWith("added init container 'healthguard-probe-install' (essential: false) from "
        + "the bundled HealthGuard probe"), changes.get(1));
    assertEquals("mounted volume 'healthguard-probe' read-only at /healthguard in container 'app'", changes.get(2));
    assertTrue(changes.get(3).contains("dependsOn condition SUCCESS"), changes.get(3));
  }

  @Test
  void sharedVolumeLeavesATaskWithoutContainerMemoryAtItsSize() {
    Map<String, Object> task = taskProperties(sharedStack);
    assertEquals("256", task.get("Cpu"));
    assertEquals("512", task.get("Memory"));
  }

  @Test
  void sharedVolumeServesEveryAppOfATaskFromOneInitContainer() {
    List<Map<String, Object>> containers = containers(twoAppsStack);
    assertEquals(3, containers.size());
    for (String name : List.of("api", "worker")) {
      Map<String, Object> c = container(twoAppsStack, name);
      assertEquals(List.of(Map.of("Condition", "SUCCESS", "ContainerName", "healthguard-probe-install")), c.get("DependsOn"));
      assertEquals(1, ((List<?>) c.get("MountPoints")).size());
    }
    assertEquals(1, ((List<?>) taskProperties(twoAppsStack).get("Volumes")).size());
  }

  // ---------------------------------------------------------------- sidecar

  @Test
  void sidecarAddsAnEssentialContainerThatCarriesTheCheck() {
    Map<String, Object> probe = container(sidecarStack, "app-healthguard-probe");
    assertEquals(true, probe.get("Essential"));
    assertEquals(List.of("sleep"), probe.get("Command"));
    assertEquals(Map.of("Command", SIDECAR_COMMAND, "Interval", 10, "Timeout", 5, "Retries", 2, "StartPeriod", 30),
        numbersAsInts((Map<?, ?>) probe.get("HealthCheck")));
    assertEquals(true, probe.get("ReadonlyRootFilesystem"));
    assertEquals("65532:65532", probe.get("User"));
    assertFalse(probe.containsKey("PortMappings"));
    assertFalse(probe.containsKey("MountPoints"));
    assertEquals(16, ((Number) probe.get("MemoryReservation")).intValue());
  }

  @Test
  void sidecarLeavesTheAppContainerAlone() {
    Map<String, Object> web = container(sidecarStack, "app");
    assertFalse(web.containsKey("MountPoints"));
    assertFalse(web.containsKey("DependsOn"));
    assertEquals(List.of("CMD-SHELL", CURL), ((Map<?, ?>) web.get("HealthCheck")).get("Command"),
        "removing the app's own check is the caller's change");
    assertFalse(taskProperties(sidecarStack).containsKey("Volumes"));
  }

  @Test
  void sidecarReturnsItsCommandAndChanges() {
    assertEquals(SIDECAR_COMMAND, sidecar.healthCheckCommand());
    assertEquals("app-healthguard-probe", sidecar.healthCheckContainer());
    assertEquals("app-healthguard-probe", sidecar.probeContainer());
    assertEquals(1, sidecar.changes().size());
    String change = sidecar.changes().get(0);
    assertTrue(change.startsWith("added sidecar container 'app-healthguard-probe' (essential: true) from the bundled"), change);
    assertTrue(change.contains("(interval 10s, timeout 5s, retries 2, start period 30s)"), change);
    assertTrue(change.contains("network mode awsvpc"), change);
  }

  @Test
  void sidecarIsRefusedOnAnEc2TaskInBridgeMode() {
    assertNotNull(bridgeRefusal);
    assertEquals("Task definition Bridge/Task uses network mode 'bridge', where each container has its own localhost, "
        + "so a sidecar cannot reach container 'app' at localhost. A probe sidecar needs network mode awsvpc (or host); "
        + "use ProbeInjection.sharedVolume, which works in any network mode.", bridgeRefusal.getMessage());
    assertEquals(1, containers(bridgeStack).size(), "nothing was added");
  }

  @Test
  void sidecarIsAllowedInHostModeWhereLocalhostIsShared() {
    assertEquals(2, containers(hostStack).size());
    assertTrue(host.changes().get(0).contains("network mode host"), host.changes().get(0));
    // No timings given: the CDK renders ECS's defaults.
    assertEquals(Map.of("Command", SIDECAR_COMMAND, "Interval", 30, "Retries", 3, "Timeout", 5),
        numbersAsInts((Map<?, ?>) container(hostStack, "app-healthguard-probe").get("HealthCheck")));
  }

  @Test
  void changesSurviveAReaderThatResolvedTheContainersFirst() {
    List<String> names = containers(frozenStack).stream().map(c -> (String) c.get("Name")).toList();
    assertEquals(List.of("app", "healthguard-probe-install"), names);
    Map<String, Object> web = container(frozenStack, "app");
    assertEquals(List.of(Map.of("Condition", "SUCCESS", "ContainerName", "healthguard-probe-install")), web.get("DependsOn"));
    assertEquals(1, ((List<?>) web.get("MountPoints")).size());
    assertEquals(List.of(Map.of("Name", "ADDED_AFTER", "Value", "yes")), web.get("Environment"),
        "the containers render live, so later L2 changes appear too");
  }

  // ---------------------------------------------------------------- task size

  @Test
  void theTaskMemoryGrowsToTheNextValidFargateSize() {
    Map<String, Object> task = taskProperties(growStack);
    assertEquals("256", task.get("Cpu"));
    assertEquals("1024", task.get("Memory"));
    assertTrue(grow.changes().contains("grew the task memory from 512 to 1024 MiB (the next valid Fargate size for "
        + "256 CPU units; containers reserve 512 MiB and 'healthguard-probe-install' adds 16)"), grow.changes().toString());
  }

  @Test
  void softReservationsThatFillTheTaskGrowItToo() {
    assertEquals("1024", taskProperties(growSoftStack).get("Memory"));
    assertTrue(growSoft.changes().stream().anyMatch(c -> c.startsWith("grew the task memory from 512 to 1024 MiB")));
  }

  @Test
  void theTaskCpuGrowsWhenItsMemoryRangeIsExhausted() {
    Map<String, Object> task = taskProperties(growCpuStack);
    assertEquals("512", task.get("Cpu"));
    assertEquals("3072", task.get("Memory"));
    assertTrue(growCpu.changes().get(1).startsWith("grew the task from 256 CPU units / 2048 MiB to 512 CPU units / 3072 MiB"),
        growCpu.changes().toString());
  }

  @Test
  void aTaskNoFargateSizeCanHoldIsRefusedAndLeftUnchanged() {
    assertNotNull(hugeRefusal);
    assertTrue(hugeRefusal.getMessage().startsWith("Task definition Huge/Task cannot hold the probe container "
        + "'healthguard-probe-install': containers reserve 122880 MiB and 'healthguard-probe-install' adds 16, "
        + "122896 MiB in all, more than the largest Fargate task memory (122880 MiB)"), hugeRefusal.getMessage());
    Map<String, Object> task = taskProperties(hugeStack);
    assertFalse(task.containsKey("Volumes"), "checked before anything changed");
    assertEquals(1, containers(hugeStack).size());
    assertEquals("122880", task.get("Memory"));
  }

  // ---------------------------------------------------------------- idempotency

  @Test
  void callingTwiceAddsEverythingOnce() {
    List<String> names = containers(idempotentStack).stream().map(c -> (String) c.get("Name")).toList();
    assertEquals(List.of("app", "healthguard-probe-install", "app-healthguard-probe"), names);
    assertEquals(1, ((List<?>) taskProperties(idempotentStack).get("Volumes")).size());
    Map<String, Object> web = container(idempotentStack, "app");
    assertEquals(1, ((List<?>) web.get("MountPoints")).size());
    assertEquals(1, ((List<?>) web.get("DependsOn")).size());
  }

  @Test
  void theSecondCallReturnsTheSameCommandAndNoChanges() {
    assertEquals(firstShared.healthCheckCommand(), secondShared.healthCheckCommand());
    assertTrue(firstShared.changed());
    assertFalse(secondShared.changed());
    assertEquals(firstSidecar.healthCheckCommand(), secondSidecar.healthCheckCommand());
    assertFalse(secondSidecar.changed());
  }

  @Test
  void anAddedSidecarCannotChangeItsCheck() {
    assertNotNull(changedSidecar);
    assertTrue(changedSidecar.getMessage().startsWith("Container 'app-healthguard-probe' of Idempotent/Task was added "
        + "by an earlier call with the health check [CMD, /probe, http, http://localhost:8080/health]"),
        changedSidecar.getMessage());
  }

  // ---------------------------------------------------------------- images

  @Test
  void theBundledProbeIsBuiltForTheTaskArchitecture() throws Exception {
    assertEquals(List.of("linux/arm64"), assetPlatforms(arm64Stack));
    assertEquals(List.of("linux/amd64"), assetPlatforms(sharedStack));
    assertEquals(SHARED_COMMAND, arm64.healthCheckCommand());
  }

  @Test
  void aRegistryProbeIsUsedByItsDigestReference() {
    assertEquals(DIGEST_REFERENCE, container(registryStack, "healthguard-probe-install").get("Image"));
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void windowsTasksAreRefused() {
    assertNotNull(windowsRefusal);
    assertEquals("Task definition Refusals/Windows runs Windows containers (WINDOWS_SERVER_2019_CORE); the probe is a "
        + "Linux program", windowsRefusal.getMessage());
  }

  @Test
  void aVolumeOfTheSameNameThatHealthGuardDidNotAddIsRefused() {
    assertNotNull(foreignVolume);
    assertTrue(foreignVolume.getMessage().startsWith("Task definition Refusals/ForeignVolume already has a volume named "
        + "'healthguard-probe' that HealthGuard did not add"), foreignVolume.getMessage());
  }

  @Test
  void anotherMountAtTheProbePathIsRefused() {
    assertNotNull(foreignMount);
    assertEquals("Container 'app' of Refusals/ForeignMount already mounts volume 'data' at /healthguard, where the "
        + "probe must go", foreignMount.getMessage());
  }

  @Test
  void aContainerOfAnotherTaskIsRefused() {
    assertNotNull(otherTask);
    assertEquals("Container 'app' belongs to task definition Refusals/ForeignMount, not to Refusals/ForeignVolume",
        otherTask.getMessage());
  }

  @Test
  void probeArgsNameTheCheck() {
    assertTrue(message(List.of("CMD", "/probe", "http", "http://x/")).startsWith(
        "probeArgs[0] must be 'http' or 'tcp' (the probe's checks), got: 'CMD'; pass the probe's arguments only"));
    assertTrue(message(List.of()).startsWith("probeArgs must start with the check"));
    assertEquals("probeArgs[1] must not be blank; got: ' '", message(List.of("http", " ")));
  }

  @Test
  void probeArgsNeedExactlyOneValidTarget() {
    assertEquals("probeArgs: the http check needs an http:// or https:// URL, got: 'localhost:8080'",
        message(List.of("http", "localhost:8080")));
    assertEquals("probeArgs: the tcp check needs a host:port with a numeric port from 1 to 65535, such as "
        + "localhost:5432, got: 'localhost:http'", message(List.of("tcp", "localhost:http")));
    assertEquals("probeArgs: the http check takes exactly one target, an http:// or https:// URL; got 2 in "
        + "[http, http://a/, http://b/]", message(List.of("http", "http://a/", "http://b/")));
    assertEquals("probeArgs: the tcp check takes exactly one target, a host:port such as localhost:5432; got 0 in "
        + "[tcp, -timeout, 2s]", message(List.of("tcp", "-timeout", "2s")));
  }

  @Test
  void probeArgsFlagsAreTheProbesOwn() {
    assertEquals("probeArgs: -timeout must be a positive Go duration such as 3s or 1500ms, got: '3'",
        message(List.of("http", "http://x/", "-timeout", "3")));
    assertEquals("probeArgs: -timeout must be a positive Go duration such as 3s or 1500ms, got: '0s'",
        message(List.of("http", "http://x/", "-timeout=0s")));
    assertEquals("probeArgs: -status must be a code or a range of codes within 100-599, low first, such as 200 or "
        + "200-399, got: '399-200'", message(List.of("http", "http://x/", "-status", "399-200")));
    assertEquals("probeArgs: the tcp check takes -timeout, got: -status", message(List.of("tcp", "db:5432", "-status", "200")));
    assertEquals("probeArgs: flag -timeout needs a value; got: [http, http://x/, -timeout]",
        message(List.of("http", "http://x/", "-timeout")));
  }

  @Test
  void probeArgsAcceptWhatTheProbeAccepts() {
    for (List<String> args : List.of(
        List.of("tcp", "-timeout", "2s", "db:5432"),
        List.of("tcp", "[::1]:5432", "--timeout=1m30s"),
        List.of("http", "https://localhost:8443/health", "-status", "200-299", "-timeout", "1500ms"),
        List.of("http", "-status=204", "http://localhost/ready"))) {
      assertEquals(args, ProbeInjection.checkProbeArgs(args));
    }
  }

  // ---------------------------------------------------------------- helpers

  static FargateTaskDefinition fargate(Stack stack, int cpu, int memory) {
    return fargate(stack, "Task", cpu, memory);
  }

  static FargateTaskDefinition fargate(Stack stack, String id, int cpu, int memory) {
    return FargateTaskDefinition.Builder.create(stack, id).cpu(cpu).memoryLimitMiB(memory).build();
  }

  /** A ko-style app on a shell-less image, with the curl check that can never pass there. */
  static ContainerDefinition staticApp(TaskDefinition task, String name, Integer hardMiB, Integer softMiB) {
    return task.addContainer(name, ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(STATIC_IMAGE))
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .memoryLimitMiB(hardMiB)
        .memoryReservationMiB(softMiB)
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", CURL)).build())
        .build());
  }

  static IllegalArgumentException refusal(Supplier<InjectedProbe> call) {
    return assertThrows(IllegalArgumentException.class, call::get);
  }

  static String message(List<String> args) {
    return assertThrows(IllegalArgumentException.class, () -> ProbeInjection.checkProbeArgs(args)).getMessage();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> taskProperties(Stack stack) {
    Map<String, Map<String, Object>> tasks = Template.fromStack(stack).findResources("AWS::ECS::TaskDefinition");
    assertEquals(1, tasks.size(), "one task definition per stack");
    return (Map<String, Object>) tasks.values().iterator().next().get("Properties");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> containers(Stack stack) {
    return (List<Map<String, Object>>) taskProperties(stack).get("ContainerDefinitions");
  }

  static Map<String, Object> container(Stack stack, String name) {
    return containers(stack).stream().filter(c -> name.equals(c.get("Name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name + " in " + stack.getStackName()));
  }

  static Map<String, Object> numbersAsInts(Map<?, ?> map) {
    Map<String, Object> out = new java.util.TreeMap<>();
    map.forEach((k, v) -> out.put((String) k, v instanceof Number n ? (Object) n.intValue() : v));
    return out;
  }

  /** The platforms of the stack's Docker image assets, from the synthesized asset manifest. */
  static List<String> assetPlatforms(Stack stack) throws Exception {
    Template.fromStack(stack); // synthesized once for the whole app
    JsonNode manifest = new ObjectMapper().readTree(outdir.resolve(stack.getArtifactId() + ".assets.json").toFile());
    List<String> platforms = new ArrayList<>();
    manifest.path("dockerImages").forEach(image -> {
      platforms.add(image.path("source").path("platform").asText(null));
      assertTrue(Files.isRegularFile(outdir.resolve(image.path("source").path("directory").asText()).resolve("Dockerfile")),
          "the staged asset holds the probe's Dockerfile");
    });
    return platforms;
  }
}
