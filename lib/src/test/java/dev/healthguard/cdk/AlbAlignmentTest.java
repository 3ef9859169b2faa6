package dev.healthguard.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.fix.ProbeMode;
import dev.healthguard.probe.ProbeImage;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.TargetGroupMismatch;
import dev.healthguard.task.ServiceBinding;
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
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.AddCapacityOptions;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.Ec2TaskDefinition;
import software.amazon.awscdk.services.ecs.EcsTarget;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ListenerConfig;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedEc2Service;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.constructs.IConstruct;

/**
 * HG011 on real CDK apps: {@link TreeReader#services} reads the bindings, the core rule compares,
 * {@link ChangeWriter#align} fixes. Everything is built in one app and synthesized once (a
 * synth costs seconds): a scenario that is fixed has a {@code …Before} stack left alone and an
 * {@code …After} stack built the same way and then aligned.
 */
class AlbAlignmentTest {

  static final List<String> WGET_HEALTHZ = List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/healthz");
  static final List<String> CURL_HEALTH = List.of("CMD", "curl", "-fsS", "http://localhost:8080/health");

  static final ChangeWriter WRITER = new ChangeWriter(new TreeReader(), ProbeMode.SHARED_VOLUME, ProbeImage.bundled());

  @TempDir static Path dir;
  static App app;
  static final Map<String, Stack> stacks = new HashMap<>();
  /** Bindings and findings as read before any fix, by stack. */
  static final Map<String, List<BoundService>> before = new HashMap<>();
  static final Map<String, List<String>> changes = new HashMap<>();
  static List<String> secondApply;
  static List<BoundService> afterAll;
  static int inspectCallsOnOtherNodes;

  @BeforeAll
  static void build() {
    app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).build();

    for (String phase : List.of("Before", "After")) {
      pattern(stack("Pattern" + phase), WGET_HEALTHZ, null);
      attached(stack("Attached" + phase));
      bareL1(stack("BareL1" + phase));
    }
    pattern(stack("Idempotent"), WGET_HEALTHZ, null);
    ApplicationLoadBalancedFargateService aligned = pattern(stack("Aligned"), WGET_HEALTHZ, Duration.seconds(90));
    aligned.getTargetGroup().configureHealthCheck(
        software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder().path("/healthz").build());
    pattern(stack("NoContainerCheck"), null, null);
    ApplicationLoadBalancedFargateService hatch = pattern(stack("EscapeHatch"), WGET_HEALTHZ, Duration.seconds(90));
    ((CfnTargetGroup) hatch.getTargetGroup().getNode().getDefaultChild()).setHealthCheckPath("/old");
    addTarget(stack("AddTarget"));
    registerTargets(stack("RegisterTargets"));
    ec2Pattern(stack("Ec2Pattern"));
    ApplicationLoadBalancedFargateService noFreeze = pattern(stack("NoFreeze"), WGET_HEALTHZ, null);

    // Read everything first (the "before" picture), then fix the stacks that are to be fixed.
    for (var entry : stacks.entrySet()) {
      before.put(entry.getKey(), inspectStack(new TreeReader(), entry.getValue()));
    }
    for (String name : List.of("PatternAfter", "AttachedAfter", "BareL1After", "Idempotent", "Aligned", "EscapeHatch",
        "AddTarget", "RegisterTargets", "Ec2Pattern")) {
      changes.put(name, before.get(name).stream().flatMap(b -> WRITER.align(b).stream()).toList());
    }
    // A fix after the inspection (a probe container, say) must still reach the template.
    noFreeze.getTaskDefinition().addContainer("added-later", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("alpine:3.20")).essential(false).build());
    secondApply = before.get("Idempotent").stream().flatMap(b -> WRITER.align(b).stream()).toList();
    afterAll = new java.util.ArrayList<>();
    for (String name : List.of("PatternAfter", "AttachedAfter", "BareL1After", "Idempotent", "EscapeHatch", "AddTarget",
        "RegisterTargets", "Ec2Pattern")) {
      afterAll.addAll(inspectStack(new TreeReader(), stacks.get(name)));
    }
    app.synth();
  }

  static Stack stack(String name) {
    Stack stack = new Stack(app, name);
    stacks.put(name, stack);
    return stack;
  }

  /** What an aspect would do: offer every node, keep the bindings. */
  static List<BoundService> inspectStack(TreeReader reader, Stack stack) {
    List<BoundService> bindings = new java.util.ArrayList<>();
    for (IConstruct node : stack.getNode().findAll()) {
      bindings.addAll(reader.services(node));
    }
    return bindings;
  }

  static List<Finding> findingsBefore(String stack) {
    return before.get(stack).stream().flatMap(b -> new TargetGroupMismatch().check(b.binding()).stream()).toList();
  }

  static ApplicationLoadBalancedFargateService pattern(Stack stack, List<String> command, Duration grace) {
    var builder = ApplicationLoadBalancedFargateService.Builder.create(stack, "Web")
        .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
            .image(ContainerImage.fromRegistry("alpine:3.20")).containerPort(8080).build())
        .healthCheckGracePeriod(grace);
    if (command != null) {
      builder.healthCheck(HealthCheck.builder().command(command).build());
    }
    return builder.build();
  }

  static Vpc vpc(Stack stack) {
    return Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(0)
        .subnetConfiguration(List.of(SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).build()))
        .build();
  }

  static FargateService fargate(Stack stack, Vpc vpc, List<String> command, HealthCheck timings, Duration grace) {
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task").build();
    HealthCheck.Builder check = HealthCheck.builder().command(command);
    if (timings != null) {
      check.interval(timings.getInterval()).retries(timings.getRetries()).startPeriod(timings.getStartPeriod());
    }
    task.addContainer("web", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("python:3.12")).healthCheck(check.build())
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build())).build());
    return FargateService.Builder.create(stack, "Service")
        .cluster(Cluster.Builder.create(stack, "Cluster").vpc(vpc).build())
        .taskDefinition(task).assignPublicIp(true).healthCheckGracePeriod(grace).build();
  }

  static ApplicationListener listener(Stack stack, Vpc vpc) {
    ApplicationLoadBalancer lb = ApplicationLoadBalancer.Builder.create(stack, "LB").vpc(vpc).internetFacing(true).build();
    return lb.addListener("Listener", BaseApplicationListenerProps.builder().port(80).build());
  }

  /** attach through loadBalancerTarget, with a health check on a port and codes nobody uses. */
  static void attached(Stack stack) {
    Vpc vpc = vpc(stack);
    FargateService service = fargate(stack, vpc, CURL_HEALTH,
        HealthCheck.builder().command(List.of("x")).interval(Duration.seconds(10)).retries(5)
            .startPeriod(Duration.seconds(30)).build(), Duration.seconds(120));
    listener(stack, vpc).addTargets("App", AddApplicationTargetsProps.builder()
        .port(8080).protocol(ApplicationProtocol.HTTP)
        .targets(List.of(service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
            .containerName("web").containerPort(8080).build())))
        .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
            .port("9000").healthyHttpCodes("200-499").interval(Duration.seconds(10)).healthyThresholdCount(2).build())
        .build());
  }

  /** a target group made on its own; the service joins it with targetGroup.addTarget(service). */
  static void addTarget(Stack stack) {
    Vpc vpc = vpc(stack);
    FargateService service = fargate(stack, vpc, CURL_HEALTH, null, Duration.seconds(90));
    ApplicationTargetGroup group = ApplicationTargetGroup.Builder.create(stack, "Group")
        .vpc(vpc).port(8080).protocol(ApplicationProtocol.HTTP).targetType(TargetType.IP).build();
    group.addTarget(service);
    listener(stack, vpc).addTargetGroups("Default", AddApplicationTargetGroupsProps.builder()
        .targetGroups(List.of(group)).build());
  }

  static void registerTargets(Stack stack) {
    Vpc vpc = vpc(stack);
    FargateService service = fargate(stack, vpc, CURL_HEALTH, null, Duration.seconds(90));
    service.registerLoadBalancerTargets(EcsTarget.builder().containerName("web").containerPort(8080)
        .newTargetGroupId("ECS")
        .listener(ListenerConfig.applicationListener(listener(stack, vpc),
            AddApplicationTargetsProps.builder().protocol(ApplicationProtocol.HTTP).build()))
        .build());
  }

  /** L1 only: the service names its task definition and target group by Ref, and sets no grace period. */
  static void bareL1(Stack stack) {
    CfnTaskDefinition task = CfnTaskDefinition.Builder.create(stack, "Task")
        .requiresCompatibilities(List.of("FARGATE")).networkMode("awsvpc").cpu("256").memory("512")
        .containerDefinitions(List.of(CfnTaskDefinition.ContainerDefinitionProperty.builder()
            .name("web").image("alpine:3.20")
            .portMappings(List.of(CfnTaskDefinition.PortMappingProperty.builder().containerPort(8080).build()))
            .healthCheck(CfnTaskDefinition.HealthCheckProperty.builder().command(WGET_HEALTHZ).build())
            .build()))
        .build();
    CfnTargetGroup group = CfnTargetGroup.Builder.create(stack, "Group")
        .port(8080).protocol("HTTP").targetType("ip").vpcId("vpc-12345678").build();
    CfnService.Builder.create(stack, "Service")
        .taskDefinition(task.getRef()).launchType("FARGATE")
        .loadBalancers(List.of(CfnService.LoadBalancerProperty.builder()
            .containerName("web").containerPort(8080).targetGroupArn(group.getRef()).build()))
        .build();
  }

  static void ec2Pattern(Stack stack) {
    Cluster cluster = Cluster.Builder.create(stack, "Cluster").vpc(vpc(stack)).build();
    cluster.addCapacity("Capacity", AddCapacityOptions.builder().instanceType(new InstanceType("t3.small")).build());
    // The EC2 pattern has no container healthCheck prop (2.263.0): the check comes with the task definition.
    Ec2TaskDefinition task = Ec2TaskDefinition.Builder.create(stack, "Task").build();
    task.addContainer("web", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("python:3.12")).memoryLimitMiB(256)
        .healthCheck(HealthCheck.builder().command(CURL_HEALTH).build())
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build())).build());
    ApplicationLoadBalancedEc2Service.Builder.create(stack, "Web")
        .cluster(cluster).taskDefinition(task).healthCheckGracePeriod(Duration.seconds(90))
        .build();
  }

  static Template template(String stack) {
    return Template.fromStack(stacks.get(stack));
  }

  static void hasTargetGroup(String stack, Map<String, Object> properties) {
    template(stack).hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", properties);
  }

  static void hasService(String stack, Object grace) {
    template(stack).hasResourceProperties("AWS::ECS::Service", Map.of("HealthCheckGracePeriodSeconds", grace));
  }

  // ---- the ALB pattern with the ELB defaults

  @Test
  void pattern_defaultTargetGroupAgainstHealthz_pathAndGracePeriodFound() {
    List<BoundService> bindings = before.get("PatternBefore");
    assertEquals(1, bindings.size());
    ServiceBinding binding = bindings.get(0).binding();
    assertEquals("PatternBefore/Web/Service", binding.service());
    assertEquals("web", binding.container().container());
    assertEquals(8080, binding.containerPort());
    assertEquals("PatternBefore/Web/LB/PublicListener/ECSGroup", binding.targetGroup());
    assertNull(binding.targetGroupCheck().path());
    assertEquals(60, binding.gracePeriod().configuredSeconds()); // the CDK's default with a load balancer
    assertEquals(90, binding.gracePeriod().requiredSeconds());

    List<Finding> findings = findingsBefore("PatternBefore");
    assertEquals(2, findings.size(), findings.toString());
    assertTrue(findings.get(0).message().contains("checks path / (the ELB default) while the container's own check"
        + " probes /healthz on the same port 8080"), findings.get(0).message());
    assertTrue(findings.get(1).message().contains("grace period is 60 s, shorter than the 90 s"), findings.get(1).message());
  }

  @Test
  void pattern_beforeApply_templateHasTheDefaults() {
    hasTargetGroup("PatternBefore", Map.of("HealthCheckPath", Match.absent(), "HealthCheckPort", Match.absent(),
        "Matcher", Match.absent()));
    hasService("PatternBefore", 60);
  }

  @Test
  void pattern_afterApply_pathAndGracePeriodAligned() {
    assertEquals(List.of(
        "set target group PatternAfter/Web/LB/PublicListener/ECSGroup health check path from / to /healthz",
        "set service PatternAfter/Web/Service health check grace period from 60 s to 90 s"), changes.get("PatternAfter"));
    hasTargetGroup("PatternAfter", Map.of("HealthCheckPath", "/healthz", "HealthCheckPort", Match.absent(),
        "Matcher", Match.absent()));
    hasService("PatternAfter", 90);
  }

  @Test
  void apply_isIdempotent() {
    assertEquals(2, changes.get("Idempotent").size());
    assertEquals(List.of(), secondApply);
    assertEquals(template("PatternAfter").findResources("AWS::ElasticLoadBalancingV2::TargetGroup").values().toString(),
        template("Idempotent").findResources("AWS::ElasticLoadBalancingV2::TargetGroup").values().toString());
    hasService("Idempotent", 90);
  }

  @Test
  void afterApply_aFreshInspectionFindsNothing() {
    assertEquals(8, afterAll.size());
    for (BoundService bound : afterAll) {
      assertEquals(List.of(), new TargetGroupMismatch().check(bound.binding()), bound.binding().service());
    }
  }

  @Test
  void alignedPattern_noFindingsAndNoChanges() {
    assertEquals(List.of(), findingsBefore("Aligned"));
    assertEquals(List.of(), changes.get("Aligned"));
  }

  @Test
  void noContainerCheck_bindingButNothingToAlignWith() {
    List<BoundService> bindings = before.get("NoContainerCheck");
    assertEquals(1, bindings.size());
    assertNull(bindings.get(0).binding().gracePeriod());
    assertEquals(List.of(), findingsBefore("NoContainerCheck"));
  }

  // ---- plain services attached in the other ways

  @Test
  void attached_portCodesAndPathFound_gracePeriodLongEnough() {
    List<Finding> findings = findingsBefore("AttachedBefore");
    assertEquals(3, findings.size(), findings.toString());
    assertTrue(findings.get(0).problem().startsWith("the load balancer checks port 9000, but the service receives traffic"
        + " on container port 8080 and the container's own check probes port 8080"), findings.get(0).problem());
    assertTrue(findings.get(1).problem().contains("checks path / (the ELB default)"), findings.get(1).problem());
    assertTrue(findings.get(2).problem().startsWith("the target group counts 200-499 as healthy, which includes 404"),
        findings.get(2).problem());
    assertEquals(80, before.get("AttachedBefore").get(0).binding().gracePeriod().requiredSeconds()); // 30 + 10 × 5
    hasTargetGroup("AttachedBefore", Map.of("HealthCheckPort", "9000", "Matcher", Map.of("HttpCode", "200-499"),
        "HealthCheckPath", Match.absent()));
    hasService("AttachedBefore", 120);
  }

  @Test
  void attached_afterApply_alignedAndOtherSettingsKept() {
    assertEquals(3, changes.get("AttachedAfter").size(), changes.get("AttachedAfter").toString());
    assertTrue(changes.get("AttachedAfter").contains(
        "set target group AttachedAfter/LB/Listener/AppGroup health check port from 9000 to traffic-port"));
    hasTargetGroup("AttachedAfter", Map.of("HealthCheckPort", "traffic-port", "HealthCheckPath", "/health",
        "Matcher", Map.of("HttpCode", "200-299"),
        // configureHealthCheck replaces the whole check: what the user set must survive
        "HealthCheckIntervalSeconds", 10, "HealthyThresholdCount", 2));
    hasService("AttachedAfter", 120); // long enough already: never lowered, never touched
  }

  @Test
  void bareL1_foundThroughTheStackIndex_fixedThroughL1Setters() {
    BoundService bound = before.get("BareL1Before").get(0);
    assertEquals("BareL1Before/Service", bound.binding().service());
    assertNull(bound.handles().targetGroup());
    assertNull(bound.binding().gracePeriod().configuredSeconds());
    assertEquals(2, findingsBefore("BareL1Before").size());
    template("BareL1Before").hasResourceProperties("AWS::ECS::Service",
        Map.of("HealthCheckGracePeriodSeconds", Match.absent()));
    hasTargetGroup("BareL1Before", Map.of("HealthCheckPath", Match.absent()));

    assertEquals(List.of("set target group BareL1After/Group health check path from / to /healthz",
        "set service BareL1After/Service health check grace period to 90 s"), changes.get("BareL1After"));
    hasTargetGroup("BareL1After", Map.of("HealthCheckPath", "/healthz"));
    hasService("BareL1After", 90);
  }

  @Test
  void escapeHatchOnTheL1_stillAligned() {
    assertTrue(findingsBefore("EscapeHatch").get(0).problem().contains("checks path /old"));
    hasTargetGroup("EscapeHatch", Map.of("HealthCheckPath", "/healthz"));
  }

  @Test
  void addTargetAndRegisterTargets_bound() {
    for (String name : List.of("AddTarget", "RegisterTargets")) {
      assertEquals(1, before.get(name).size(), name);
      assertNotNull(before.get(name).get(0).handles().targetGroup(), name);
      hasTargetGroup(name, Map.of("HealthCheckPath", "/health"));
    }
    assertEquals("AddTarget/Group", before.get("AddTarget").get(0).binding().targetGroup());
  }

  @Test
  void ec2Pattern_bridgeMode_pathAligned() {
    ServiceBinding binding = before.get("Ec2Pattern").get(0).binding();
    assertEquals("bridge", binding.container().networkMode());
    assertEquals(List.of("set target group Ec2Pattern/Web/LB/PublicListener/ECSGroup health check path from / to /health"),
        changes.get("Ec2Pattern"));
    hasTargetGroup("Ec2Pattern", Map.of("HealthCheckPath", "/health"));
  }

  @Test
  void inspect_leavesTheTaskOpen_aContainerAddedAfterwardsIsDeployed() {
    assertEquals(1, before.get("NoFreeze").size());
    template("NoFreeze").hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions",
        List.of(Match.objectLike(Map.of("Name", "web")), Match.objectLike(Map.of("Name", "added-later")))));
  }

  @Test
  void inspect_eachServiceOnce_otherNodesNothing() {
    Stack stack = stacks.get("Aligned");
    TreeReader reader = new TreeReader();
    IConstruct pattern = stack.getNode().findChild("Web");
    assertEquals(1, reader.services(pattern).size());
    assertEquals(List.of(), reader.services(pattern.getNode().findChild("Service"))); // already read via the pattern
    assertEquals(List.of(), reader.services(pattern.getNode().findChild("Service").getNode().getDefaultChild()));
    assertEquals(List.of(), reader.services(pattern.getNode().findChild("LB")));
    assertEquals(List.of(), reader.services(stack));
  }
}
