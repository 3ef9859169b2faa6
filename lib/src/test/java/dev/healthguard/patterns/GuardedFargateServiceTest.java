package dev.healthguard.patterns;

import dev.healthguard.fix.ProbeMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.cdk.BoundService;
import dev.healthguard.cdk.TreeReader;
import dev.healthguard.rules.TargetGroupMismatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Cluster;

/**
 * The L3's wiring in synthesized templates. One app, synthesized once; one stack per case.
 */
class GuardedFargateServiceTest {

  @TempDir static Path dir;
  static App app;
  static final Map<String, GuardedFargateService> services = new HashMap<>();
  static final Map<String, Stack> stacks = new HashMap<>();
  /** Whether dev.healthguard.probe is on the classpath; the real-probe case runs only then. */

  @BeforeAll
  static void build() throws IOException {
    app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).build();
    Path context = Files.createDirectories(dir.resolve("alpine-app"));
    Files.writeString(context.resolve("Dockerfile"), "FROM alpine:3.20\nCOPY app /app\nENTRYPOINT [\"/app\"]\n");
    Files.writeString(context.resolve("app"), "binary");

    add("Alpine", GuardedFargateService.Builder.create(stack("Alpine"), "Web")
        .image(GuardedImage.fromRegistry("alpine:3.20"))
        .healthEndpoint(HealthEndpoint.http(8080, "/healthz")).build());
    add("PythonSlim", GuardedFargateService.Builder.create(stack("PythonSlim"), "Web")
        .image(GuardedImage.fromRegistry("python:3.12-slim"))
        .healthEndpoint(HealthEndpoint.http(8000, "/ready").expectedCodes("200,204"))
        .healthCheckInterval(Duration.seconds(10)).healthCheckRetries(5).startPeriod(Duration.seconds(20)).build());
    add("Tcp", GuardedFargateService.Builder.create(stack("Tcp"), "Web")
        .image(GuardedImage.fromRegistry("python:3.12-slim"))
        .healthEndpoint(HealthEndpoint.tcp(6379)).build());
    Stack management = stack("ManagementPort");
    add("ManagementPort", GuardedFargateService.Builder.create(management, "Web")
        .image(GuardedImage.fromRegistry("python:3.12"))
        .cluster(Cluster.Builder.create(management, "Cluster").vpc(Vpc.Builder.create(management, "Vpc").maxAzs(2).build()).build())
        .healthEndpoint(HealthEndpoint.http(8081, "/actuator/health")).containerPort(8080).build());
    add("Asset", GuardedFargateService.Builder.create(stack("Asset"), "Web")
        .image(GuardedImage.fromAsset(context.toString()))
        .healthEndpoint(HealthEndpoint.http(8080, "/healthz")).build());
    add("FakeProbe", new GuardedFargateService(stack("FakeProbe"), "Web", GuardedFargateServiceProps.builder()
        .image(GuardedImage.fromRegistry("cgr.dev/chainguard/static:latest"))
        .healthEndpoint(HealthEndpoint.http(8080, "/health")).build(), new FakeProbeWiring()));
    add("FakeSidecar", new GuardedFargateService(stack("FakeSidecar"), "Web", GuardedFargateServiceProps.builder()
        .image(GuardedImage.fromRegistry("cgr.dev/chainguard/static:latest")).probeMode(ProbeMode.SIDECAR)
        .healthEndpoint(HealthEndpoint.tcp(9000)).build(), new FakeProbeWiring()));

    add("Chainguard", GuardedFargateService.Builder.create(stack("Chainguard"), "Web")
        .image(GuardedImage.fromRegistry("cgr.dev/chainguard/static:latest"))
        .healthEndpoint(HealthEndpoint.http(8080, "/health")).build());
    app.synth();
  }

  static Stack stack(String name) {
    Stack stack = new Stack(app, name);
    stacks.put(name, stack);
    return stack;
  }

  static void add(String name, GuardedFargateService service) {
    services.put(name, service);
  }

  static Template template(String name) {
    return Template.fromStack(stacks.get(name));
  }

  static Map<String, Object> container(String stack, String name) {
    Map<String, Map<String, Object>> tasks = template(stack).findResources("AWS::ECS::TaskDefinition");
    assertEquals(1, tasks.size());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> containers = (List<Map<String, Object>>) ((Map<String, Object>) tasks.values().iterator()
        .next().get("Properties")).get("ContainerDefinitions");
    return containers.stream().filter(c -> name.equals(c.get("Name"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static List<String> command(String stack, String container) {
    Map<String, Object> check = (Map<String, Object>) container(stack, container).get("HealthCheck");
    return check == null ? null : (List<String>) check.get("Command");
  }

  static void hasTargetGroup(String stack, Map<String, Object> properties) {
    template(stack).hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", properties);
  }

  static void hasGracePeriod(String stack, int seconds) {
    template(stack).hasResourceProperties("AWS::ECS::Service", Map.of("HealthCheckGracePeriodSeconds", seconds));
  }

  // GIVEN alpine:3.20, THEN busybox wget, the same path on the target group, grace 90 = 0 + 30 × 3

  @Test
  void alpine_wgetCheckTargetGroupAndGracePeriodFromTheEndpoint() {
    assertEquals(List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"), command("Alpine", "web"));
    template("Alpine").hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", List.of(
        Map.of("Name", "web", "HealthCheck", Map.of("Interval", 30, "Timeout", 5, "Retries", 3, "StartPeriod", 0),
            "PortMappings", List.of(Map.of("ContainerPort", 8080))))));
    hasTargetGroup("Alpine", Map.of("HealthCheckPath", "/healthz", "HealthCheckPort", "traffic-port",
        "Matcher", Map.of("HttpCode", "200-299"), "Port", 80));
    hasGracePeriod("Alpine", 90);

    HealthCheckStrategy strategy = services.get("Alpine").getHealthCheckStrategy();
    assertEquals(HealthCheckStrategy.Method.IMAGE_TOOL, strategy.method());
    assertEquals("wget", strategy.tool());
    assertTrue(strategy.reason().startsWith("alpine:3.20 has no curl; uses busybox wget at /usr/bin/wget (certain:"),
        strategy.reason());
    assertNotNull(services.get("Alpine").getService().getTargetGroup());
  }

  @Test
  void pythonSlim_python3UrllibAndTimingsDriveTheGracePeriod() {
    // urllib gives up a second before the check's 5 s timeout, so its error reaches the health log.
    assertEquals(List.of("CMD", "python3", "-c",
        "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=4)"),
        command("PythonSlim", "web"));
    hasTargetGroup("PythonSlim", Map.of("HealthCheckPath", "/ready", "Matcher", Map.of("HttpCode", "200,204")));
    hasGracePeriod("PythonSlim", 70); // 20 + 10 × 5
    assertTrue(services.get("PythonSlim").getHealthCheckStrategy().reason()
        .startsWith("python:3.12-slim has no curl, no wget; uses python3"));
  }

  @Test
  void tcpEndpoint_bashDevTcpAndAnyHttpAnswerOnTheTrafficPort() {
    assertEquals(List.of("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/6379"), command("Tcp", "web"));
    hasTargetGroup("Tcp", Map.of("HealthCheckPath", "/", "HealthCheckPort", "traffic-port",
        "Matcher", Map.of("HttpCode", "200-499")));
    hasGracePeriod("Tcp", 90);
  }

  @Test
  void managementPort_targetGroupChecksItAndTheSecurityGroupLetsItIn() {
    assertEquals(List.of("CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8081/actuator/health"),
        command("ManagementPort", "web"));
    assertEquals(List.of(Map.of("ContainerPort", 8080, "Protocol", "tcp"), Map.of("ContainerPort", 8081, "Protocol", "tcp")),
        container("ManagementPort", "web").get("PortMappings"));
    hasTargetGroup("ManagementPort", Map.of("HealthCheckPath", "/actuator/health", "HealthCheckPort", "8081", "Port", 80));
    template("ManagementPort").hasResourceProperties("AWS::EC2::SecurityGroupIngress",
        Map.of("FromPort", 8081, "ToPort", 8081, "Description", "health checks from the load balancer"));
    template("ManagementPort").hasResourceProperties("AWS::ECS::Service",
        Map.of("LoadBalancers", List.of(Map.of("ContainerName", "web", "ContainerPort", 8080, "TargetGroupArn", Match.anyValue()))));
  }

  @Test
  void asset_profiledFromItsDockerfile() {
    HealthCheckStrategy strategy = services.get("Asset").getHealthCheckStrategy();
    assertEquals("wget", strategy.tool());
    assertTrue(strategy.reason().contains("Dockerfile:1"), strategy.reason());
  }

  @Test
  void chainguardStatic_sharedVolumeProbeWiredByTheSeam() {
    // GIVEN an image with no shell and no tool, THEN the probe runs from a shared volume
    assertProbeWiring("FakeProbe", List.of("http", "http://127.0.0.1:8080/health"));
    assertEquals(List.of("CMD", "/healthguard/probe", "http", "http://127.0.0.1:8080/health"), command("FakeProbe", "web"));
    HealthCheckStrategy strategy = services.get("FakeProbe").getHealthCheckStrategy();
    assertEquals(HealthCheckStrategy.Method.PROBE_SHARED_VOLUME, strategy.method());
    assertTrue(strategy.reason().startsWith("cgr.dev/chainguard/static:latest has no shell and none of curl, wget,"
        + " python3, node usable for a HTTP check"), strategy.reason());
    assertEquals(2, strategy.changes().size());
    hasTargetGroup("FakeProbe", Map.of("HealthCheckPath", "/health"));
    hasGracePeriod("FakeProbe", 90);
  }

  @Test
  void sidecarMode_appHasNoCheckTheSidecarCarriesIt() {
    assertNull(command("FakeSidecar", "web"));
    assertEquals(List.of("CMD", "/probe", "tcp", "127.0.0.1:9000"), command("FakeSidecar", "healthguard-probe"));
    assertEquals(HealthCheckStrategy.Method.PROBE_SIDECAR, services.get("FakeSidecar").getHealthCheckStrategy().method());
    hasGracePeriod("FakeSidecar", 90);
    // the pattern still sends traffic to the app, not the sidecar
    template("FakeSidecar").hasResourceProperties("AWS::ECS::Service",
        Map.of("LoadBalancers", List.of(Map.of("ContainerName", "web", "ContainerPort", 9000, "TargetGroupArn", Match.anyValue()))));
  }

  /** Runs once dev.healthguard.probe is on the classpath; skipped before. */
  @Test
  void chainguardStatic_realProbePackage() {
    assertEquals(HealthCheckStrategy.Method.PROBE_SHARED_VOLUME,
        services.get("Chainguard").getHealthCheckStrategy().method());
    assertProbeWiring("Chainguard", List.of("http", "http://127.0.0.1:8080/health"));
  }

  /**
   * Init container (not essential), a volume, the app mounting it, the app waiting for the init
   * container's SUCCESS, and a CMD-form check that runs the probe with the endpoint's arguments.
   */
  @SuppressWarnings("unchecked")
  static void assertProbeWiring(String stack, List<String> probeArgs) {
    Map<String, Object> task = (Map<String, Object>) template(stack).findResources("AWS::ECS::TaskDefinition")
        .values().iterator().next().get("Properties");
    List<Map<String, Object>> volumes = (List<Map<String, Object>>) task.get("Volumes");
    assertFalse(volumes == null || volumes.isEmpty(), "a volume");
    List<Map<String, Object>> containers = (List<Map<String, Object>>) task.get("ContainerDefinitions");
    Map<String, Object> web = containers.stream().filter(c -> "web".equals(c.get("Name"))).findFirst().orElseThrow();
    Map<String, Object> init = containers.stream().filter(c -> Boolean.FALSE.equals(c.get("Essential")))
        .findFirst().orElseThrow(() -> new AssertionError("an init container that is not essential"));
    String volume = (String) volumes.get(0).get("Name");
    List<Map<String, Object>> mounts = (List<Map<String, Object>>) web.get("MountPoints");
    assertTrue(mounts.stream().anyMatch(m -> volume.equals(m.get("SourceVolume"))), "the app mounts " + volume);
    List<Map<String, Object>> dependsOn = (List<Map<String, Object>>) web.get("DependsOn");
    assertTrue(dependsOn.contains(Map.of("ContainerName", init.get("Name"), "Condition", "SUCCESS")), String.valueOf(dependsOn));
    List<String> command = (List<String>) ((Map<String, Object>) web.get("HealthCheck")).get("Command");
    assertEquals("CMD", command.get(0));
    assertTrue(command.get(1).startsWith("/"), "an absolute probe path: " + command);
    assertEquals(probeArgs, command.subList(command.size() - probeArgs.size(), command.size()));
  }

  @Test
  void everyService_alignedByConstruction() {
    for (var entry : services.entrySet()) {
      List<BoundService> bindings = new TreeReader().services(entry.getValue().getService());
      assertEquals(1, bindings.size(), entry.getKey());
      assertEquals(List.of(), new TargetGroupMismatch().check(bindings.get(0).binding()), entry.getKey());
    }
  }

  // ---- failures at construction, in apps that are never synthesized

  @Test
  void throwsWhenBothClusterAndVpcAreGiven() {
    Stack stack = new Stack(new App(), "Both");
    Vpc vpc = Vpc.Builder.create(stack, "Vpc").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuardedFargateService.Builder
        .create(stack, "Web").image(GuardedImage.fromRegistry("alpine:3.20"))
        .healthEndpoint(HealthEndpoint.http(8080, "/")).vpc(vpc)
        .cluster(Cluster.Builder.create(stack, "Cluster").vpc(vpc).build()).build());
    assertEquals("GuardedFargateService Both/Web: give either cluster or vpc, not both (the cluster has its VPC)",
        e.getMessage());
  }
}
