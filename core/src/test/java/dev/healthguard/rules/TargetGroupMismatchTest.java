package dev.healthguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.task.GracePeriod;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import dev.healthguard.task.TargetGroupHealthCheck;
import dev.healthguard.task.TaskDefinitionReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HG011 on plain values: no CDK app is built here. */
class TargetGroupMismatchTest {

  static final List<String> WGET_HEALTHZ = List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/healthz");

  static Target container(List<String> command, String networkMode) {
    HealthCheck check = command == null ? null : new HealthCheck(command, null, null, null, null);
    return task(networkMode, definition("web", check, true)).get(0);
  }

  /** Targets as the reader makes them from a task definition's properties, as the binding reader does. */
  @SafeVarargs
  static List<Target> task(String networkMode, Map<String, Object>... containers) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ContainerDefinitions", List.of(containers));
    properties.put("NetworkMode", networkMode);
    return TaskDefinitionReader.read("App/Task", properties, hash -> Optional.empty());
  }

  static Map<String, Object> definition(String name, HealthCheck check, boolean essential) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("Name", name);
    container.put("Image", "alpine:3.20");
    container.put("Essential", essential);
    container.put("PortMappings", List.of(Map.of("ContainerPort", 8080)));
    if (check != null) {
      Map<String, Object> rendered = new LinkedHashMap<>();
      rendered.put("Command", check.command());
      putIfSet(rendered, "Interval", check.intervalSeconds());
      putIfSet(rendered, "Timeout", check.timeoutSeconds());
      putIfSet(rendered, "Retries", check.retries());
      putIfSet(rendered, "StartPeriod", check.startPeriodSeconds());
      container.put("HealthCheck", rendered);
    }
    return container;
  }

  private static void putIfSet(Map<String, Object> map, String key, Integer value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  static TargetGroupHealthCheck tg(String path, String port, String codes) {
    return new TargetGroupHealthCheck(path, port, null, codes, null, null, null, null, null, null, List.of());
  }

  static ServiceBinding binding(Target container, TargetGroupHealthCheck check, Integer grace) {
    return new ServiceBinding("App/Service", container, 8080, "App/LB/Listener/Group", check,
        GracePeriod.of(grace, List.of(container)));
  }

  static List<Mismatch.Kind> kinds(ServiceBinding binding) {
    return TargetGroupMismatch.compare(binding).stream().map(Mismatch::kind).toList();
  }

  @Test
  void defaultTargetGroupAgainstHealthzProbe_pathAndShortGracePeriod() {
    List<Mismatch> mismatches = TargetGroupMismatch.compare(binding(container(WGET_HEALTHZ, "awsvpc"), tg(null, null, null), 60));

    assertEquals(List.of(Mismatch.Kind.PATH, Mismatch.Kind.GRACE_PERIOD), mismatches.stream().map(Mismatch::kind).toList());
    assertEquals("/healthz", mismatches.get(0).desired());
    assertTrue(mismatches.get(0).problem().contains("checks path / (the ELB default)"), mismatches.get(0).problem());
    assertEquals("90", mismatches.get(1).desired());
    assertTrue(mismatches.get(1).problem().contains("(startPeriod 0 + interval 30 × retries 3)"), mismatches.get(1).problem());
  }

  @Test
  void alignedBinding_nothing() {
    assertEquals(List.of(), kinds(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/healthz", "traffic-port", "200-299"), 90)));
    // the port written as a number equal to the traffic port is the same endpoint
    assertEquals(List.of(), kinds(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/healthz", "8080", null), 120)));
    // a query string is not part of the path the probe names
    assertEquals(List.of(), kinds(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/healthz?full=1", null, null), 90)));
  }

  @Test
  void numericPortNeitherSideUses_portThenPathAgainstTheTrafficPort() {
    List<Mismatch> mismatches = TargetGroupMismatch.compare(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/", "9000", null), 90));

    assertEquals(List.of(Mismatch.Kind.PORT, Mismatch.Kind.PATH), mismatches.stream().map(Mismatch::kind).toList());
    assertEquals("traffic-port", mismatches.get(0).desired());
  }

  @Test
  void numericPortInBridgeMode_isAHostPortAndNotJudged() {
    assertEquals(List.of(), kinds(binding(container(WGET_HEALTHZ, "bridge"), tg("/", "9000", null), 90)));
  }

  @Test
  void probeOfAManagementPort_differentEndpointsOnPurpose() {
    List<String> management = List.of("CMD", "curl", "-f", "http://localhost:8081/actuator/health");
    assertEquals(List.of(), kinds(binding(container(management, "awsvpc"), tg(null, null, null), 90)));
    // pointed at the management port, the target group must ask the same path there
    List<Mismatch> mismatches = TargetGroupMismatch.compare(binding(container(management, "awsvpc"), tg("/", "8081", null), 90));
    assertEquals(List.of(Mismatch.Kind.PATH), mismatches.stream().map(Mismatch::kind).toList());
    assertEquals("/actuator/health", mismatches.get(0).desired());
  }

  @Test
  void codesThatAcceptA404_orReject200() {
    List<Mismatch> errors = TargetGroupMismatch.compare(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/healthz", null, "200-499"), 90));
    assertEquals(List.of(Mismatch.Kind.CODES), errors.stream().map(Mismatch::kind).toList());
    assertTrue(errors.get(0).problem().contains("includes 404"), errors.get(0).problem());
    assertTrue(errors.get(0).problem().contains("while the container's wget fails on it"), errors.get(0).problem());
    assertEquals("200-299", errors.get(0).desired());

    List<Mismatch> strict = TargetGroupMismatch.compare(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/healthz", null, "202"), 90));
    assertEquals(List.of(Mismatch.Kind.CODES), strict.stream().map(Mismatch::kind).toList());
    assertTrue(strict.get(0).problem().contains("counts only 202"), strict.get(0).problem());

    assertEquals(List.of(), kinds(binding(container(WGET_HEALTHZ, "awsvpc"), tg("/healthz", null, "200-399"), 90)));
  }

  @Test
  void tcpProbe_onlyThePortIsCompared() {
    List<String> nc = List.of("CMD", "nc", "-z", "127.0.0.1", "8080");
    assertEquals(List.of(), kinds(binding(container(nc, "awsvpc"), tg("/anything", null, "200-499"), 90)));
    assertEquals(List.of(Mismatch.Kind.PORT), kinds(binding(container(nc, "awsvpc"), tg(null, "9000", null), 90)));
  }

  @Test
  void remoteProbeOrNoCheck_nothingToAlignWith() {
    List<String> remote = List.of("CMD", "curl", "-f", "http://example.com/health");
    assertEquals(List.of(), kinds(binding(container(remote, "awsvpc"), tg(null, null, null), 90)));
    ServiceBinding none = binding(container((List<String>) null, "awsvpc"), tg(null, null, null), null);
    assertNull(none.gracePeriod());
    assertEquals(List.of(), kinds(none));
    assertNull(GracePeriod.of(60, List.of(container(List.of("NONE"), "awsvpc"))));
  }

  @Test
  void valuesOnlyKnownAtDeployTime_areNotCompared() {
    TargetGroupHealthCheck tokens = new TargetGroupHealthCheck(null, null, null, null, null, null, null, null, null, null,
        List.of("HealthCheckPath", "HealthCheckPort"));
    assertEquals(List.of(), kinds(binding(container(WGET_HEALTHZ, "awsvpc"), tokens, 90)));
  }

  @Test
  void gracePeriod_mostPatientEssentialContainerCounts() {
    HealthCheck quick = new HealthCheck(WGET_HEALTHZ, 10, 5, 2, 0);
    HealthCheck slow = new HealthCheck(WGET_HEALTHZ, 20, 5, 5, 60);
    HealthCheck slowest = new HealthCheck(WGET_HEALTHZ, 300, 5, 10, 300);
    List<Target> task = task("awsvpc",
        definition("web", quick, true),
        definition("sidecar", slow, true),
        definition("init", slowest, false)); // not essential: its health does not count

    GracePeriod grace = GracePeriod.of(null, task);

    assertEquals(160, grace.requiredSeconds());
    assertEquals("sidecar", grace.requiredBy());
    assertEquals(0, grace.effectiveSeconds());
    assertTrue(grace.isShort());
    Mismatch mismatch = TargetGroupMismatch.compare(new ServiceBinding("App/Service", task.get(0), 8080, "App/Group",
        tg("/healthz", null, null), grace)).get(0);
    assertTrue(mismatch.problem().contains("not set (ECS uses 0 s)"), mismatch.problem());
  }

  @Test
  void findings_areHg011WarningsOnTheContainer() {
    List<Finding> findings = new TargetGroupMismatch().check(binding(container(WGET_HEALTHZ, "awsvpc"), tg(null, null, null), 90));

    assertEquals(1, findings.size());
    Finding finding = findings.get(0);
    assertEquals("HG011", finding.ruleId());
    assertEquals(Severity.WARNING, finding.severity());
    assertTrue(finding.message().startsWith("[HG011] container 'web' of App/Task, image alpine:3.20: the load balancer"
        + " checks path / (the ELB default)"), finding.message());
    assertTrue(finding.message().contains("Evidence: target group App/LB/Listener/Group HealthCheckPath / (the ELB default)"),
        finding.message());
    assertTrue(finding.message().contains("Fix: set the target group's health check path to /healthz"), finding.message());
  }

  @Test
  void theRuleRunnerRunsItWithTheContainerRules() {
    ServiceBinding binding = binding(container(WGET_HEALTHZ, "awsvpc"), tg(null, null, null), 60);
    List<Finding> findings = new RuleRunner(Rules.all()).run(binding);

    assertEquals(List.of("HG011", "HG011"), findings.stream().map(Finding::ruleId).toList());
    assertEquals(new TargetGroupMismatch().check(binding), findings);
  }
}
