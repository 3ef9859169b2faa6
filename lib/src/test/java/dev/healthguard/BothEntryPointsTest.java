package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.rules.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;

/**
 * One app, checked by the aspect and by the validation plugin in the same synth: both entry
 * points read the same app (the tree, the synthesized templates) and run the same rules, so they
 * report the same findings, HG011 included.
 */
class BothEntryPointsTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";
  static final List<String> WGET_HEALTHZ = List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/healthz");

  @TempDir static Path dir;
  static HealthCheckGuard aspect;
  static HealthCheckGuard plugin;

  @BeforeAll
  static void synthesize() {
    // Path metadata, as the CDK CLI writes it: the plugin names resources by their construct path.
    App app = App.Builder.create()
        .context(Map.of("aws:cdk:enable-path-metadata", true))
        .outdir(dir.resolve("cdk.out").toString())
        .build();

    Stack tasks = new Stack(app, "Tasks");
    task(tasks, "ShellLess", "cgr.dev/chainguard/static:latest", List.of(CURL));
    task(tasks, "AlpineCurl", "alpine:3.20", List.of(CURL));
    task(tasks, "AlpineWget", "alpine:3.20", WGET_HEALTHZ);

    Stack pattern = new Stack(app, "Pattern");
    ApplicationLoadBalancedFargateService.Builder.create(pattern, "Web")
        .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
            .image(ContainerImage.fromRegistry("alpine:3.20")).containerPort(8080).build())
        .healthCheck(HealthCheck.builder().command(WGET_HEALTHZ).build())
        .build();

    Stack attached = new Stack(app, "Attached");
    Vpc vpc = Vpc.Builder.create(attached, "Vpc").maxAzs(2).natGateways(0)
        .subnetConfiguration(List.of(SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).build()))
        .build();
    FargateTaskDefinition task = task(attached, "Task", "python:3.12", List.of("CMD", "curl", "-fsS", "http://localhost:8080/health"));
    FargateService service = FargateService.Builder.create(attached, "Service")
        .cluster(Cluster.Builder.create(attached, "Cluster").vpc(vpc).build())
        .taskDefinition(task).assignPublicIp(true).healthCheckGracePeriod(Duration.seconds(120)).build();
    ApplicationLoadBalancer.Builder.create(attached, "LB").vpc(vpc).internetFacing(true).build()
        .addListener("Listener", BaseApplicationListenerProps.builder().port(80).build())
        .addTargets("App", AddApplicationTargetsProps.builder()
            .port(8080).protocol(ApplicationProtocol.HTTP)
            .targets(List.of(service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
                .containerName("app").containerPort(8080).build())))
            .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                .port("9000").healthyHttpCodes("200-499").build())
            .build());

    // L1 only: the service names its task definition and target group by Ref.
    Stack bare = new Stack(app, "BareL1");
    CfnTaskDefinition bareTask = CfnTaskDefinition.Builder.create(bare, "Task")
        .requiresCompatibilities(List.of("FARGATE")).networkMode("awsvpc").cpu("256").memory("512")
        .containerDefinitions(List.of(CfnTaskDefinition.ContainerDefinitionProperty.builder()
            .name("web").image("alpine:3.20")
            .portMappings(List.of(CfnTaskDefinition.PortMappingProperty.builder().containerPort(8080).build()))
            .healthCheck(CfnTaskDefinition.HealthCheckProperty.builder().command(WGET_HEALTHZ).build())
            .build()))
        .build();
    CfnTargetGroup group = CfnTargetGroup.Builder.create(bare, "Group")
        .port(8080).protocol("HTTP").targetType("ip").vpcId("vpc-12345678").build();
    CfnService.Builder.create(bare, "Service")
        .taskDefinition(bareTask.getRef()).launchType("FARGATE")
        .loadBalancers(List.of(CfnService.LoadBalancerProperty.builder()
            .containerName("web").containerPort(8080).targetGroupArn(group.getRef()).build()))
        .build();

    aspect = HealthCheckGuard.builder().mode(GuardMode.ENFORCE).build();
    plugin = HealthCheckGuard.builder().mode(GuardMode.ENFORCE).build();
    Aspects.of(app).add(aspect);
    Validations.of(app).addPlugins(plugin);
    // The plugin fails the synth on the errors, after both have reported.
    RuntimeException e = assertThrows(RuntimeException.class, app::synth);
    assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
  }

  static FargateTaskDefinition task(Stack stack, String id, String image, List<String> command) {
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, id).build();
    task.addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(image))
        .healthCheck(HealthCheck.builder().command(command).build())
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .build());
    return task;
  }

  /** What a user sees of a finding, in a stable order. */
  static List<String> seen(HealthCheckGuard guard) {
    return guard.findings().stream()
        .map(f -> f.ruleId() + " " + f.severity() + " " + f.target().describe() + " " + f.message())
        .sorted()
        .toList();
  }

  @Test
  void bothEntryPoints_sameFindings() {
    assertEquals(seen(aspect), seen(plugin));
  }

  @Test
  void bothEntryPoints_reportHg011OnEveryMisalignedService() {
    for (HealthCheckGuard guard : List.of(aspect, plugin)) {
      List<String> services = guard.findings().stream().filter(f -> f.ruleId().equals("HG011"))
          .map(f -> f.target().taskDefinition()).distinct().sorted().toList();
      assertEquals(List.of("Attached/Task", "BareL1/Task", "Pattern/Web/TaskDef"), services);
    }
    List<Finding> grace = plugin.findings().stream()
        .filter(f -> f.ruleId().equals("HG011") && f.problem().contains("grace period")).toList();
    assertEquals(2, grace.size(), grace.toString()); // the pattern's 60 s, the bare service's unset period
    assertTrue(plugin.findings().stream().anyMatch(f -> f.message().contains("Evidence: service BareL1/Service ")),
        plugin.findings().toString());
    assertTrue(plugin.findings().stream().anyMatch(f -> f.message().contains("target group Pattern/Web/LB/PublicListener/ECSGroup ")),
        plugin.findings().toString());
  }

  @Test
  void bothEntryPoints_containerRulesToo() {
    List<String> rules = seen(plugin).stream().map(s -> s.substring(0, s.indexOf(' ', 6))).distinct().toList();
    assertTrue(rules.contains("HG001 ERROR") && rules.contains("HG002 ERROR") && rules.contains("HG011 WARNING"),
        rules.toString());
  }
}
