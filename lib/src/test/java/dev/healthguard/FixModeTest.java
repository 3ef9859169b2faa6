package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;

/**
 * Fix mode over a real CDK app: each remedy visible in the synthesized template, an info saying
 * what changed, and a second guard over the fixed tree that finds nothing left to fix.
 */
class FixModeTest {

  static final String CURL = "curl -f http://localhost:8080/health || exit 1";
  static final String URL = "http://localhost:8080/health";

  @TempDir static Path dir;
  static App app;
  static HealthCheckGuard first;
  static HealthCheckGuard second;
  /** What each guard found in the synth above (a later Template.fromStack synthesizes again). */
  static List<Finding> firstFound;
  static List<Finding> secondFound;

  @BeforeAll
  static void synthesize() throws IOException {
    app = App.Builder.create()
        .context(Map.of("aws:cdk:enable-asset-metadata", true, "healthguard:mode", "fix"))
        .outdir(dir.resolve("out").toString())
        .build();
    service("Alpine", ContainerImage.fromRegistry("alpine:3.20"), List.of(CURL));
    service("PythonSlim", ContainerImage.fromRegistry("python:3.12-slim"), List.of(CURL));
    service("NodeSlim", ContainerImage.fromRegistry("node:20-slim"), List.of(CURL));
    service("DistrolessDebug", ContainerImage.fromRegistry("gcr.io/distroless/static-debian12:debug"),
        List.of("wget -q -O /dev/null " + URL));
    service("NoRemedy", ContainerImage.fromRegistry("cgr.dev/chainguard/static:latest"), List.of("/app/check.sh"));
    service("SharedVolume", ContainerImage.fromRegistry("cgr.dev/chainguard/static:latest"), List.of(CURL));
    Path context = dir.resolve("lift");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Dockerfile"),
        "FROM alpine:3.20\nHEALTHCHECK --interval=10s --retries=5 CMD wget -q -O /dev/null " + URL + " || exit 1\n");
    service("Lift", ContainerImage.fromAsset(context.toString()), null);

    Stack web = new Stack(app, "Alb");
    ApplicationLoadBalancedFargateService.Builder.create(web, "Web")
        .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
            .image(ContainerImage.fromRegistry("nginx:1.27-alpine"))
            .containerPort(8080)
            .build())
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1"))
            .interval(software.amazon.awscdk.Duration.seconds(10)).retries(3)
            .startPeriod(software.amazon.awscdk.Duration.seconds(60)).build())
        .build();

    // No check in the task: fix mode lifts the image's, which probes /health and needs 30 + 30 × 3 s.
    Path liftAlb = dir.resolve("lift-alb");
    Files.createDirectories(liftAlb);
    Files.writeString(liftAlb.resolve("Dockerfile"), "FROM alpine:3.20\nHEALTHCHECK --start-period=30s --interval=30s"
        + " --retries=3 CMD wget -q -O /dev/null http://localhost:8080/health || exit 1\n");
    ApplicationLoadBalancedFargateService.Builder.create(new Stack(app, "LiftAlb"), "Web")
        .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
            .image(ContainerImage.fromAsset(liftAlb.toString()))
            .containerPort(8080)
            .build())
        .build();

    first = new HealthCheckGuard();
    second = new HealthCheckGuard();
    Aspects.of(app).add(first);
    Aspects.of(app).add(second);
    app.synth();
    firstFound = first.findings();
    secondFound = second.findings();
  }

  static void service(String name, ContainerImage image, List<String> check) {
    Stack stack = new Stack(app, name);
    ContainerDefinitionOptions.Builder container = ContainerDefinitionOptions.builder()
        .image(image)
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()));
    if (check != null) {
      container.healthCheck(HealthCheck.builder().command(check).build());
    }
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("app", container.build());
  }

  static void assertCommand(String stack, List<String> command) {
    Template.fromStack((Stack) app.getNode().findChild(stack)).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", List.of(Match.objectLike(Map.of(
            "Name", "app",
            "HealthCheck", Match.objectLike(Map.of("Command", command)))))));
  }

  static void assertFixedWithoutErrors(String stack) {
    Annotations annotations = Annotations.fromStack((Stack) app.getNode().findChild(stack));
    annotations.hasNoError("*", Match.anyValue());
    annotations.hasInfo("/" + stack + "/Task/app", Match.stringLikeRegexp(".*fixed \\(HG00[12]\\): set the health check to .*"));
  }

  @Test
  void curlOnAlpineIsRewrittenToBusyboxWget() {
    assertCommand("Alpine", List.of("CMD", "wget", "-q", "-O", "/dev/null", URL));
    assertFixedWithoutErrors("Alpine");
  }

  @Test
  void curlOnPythonSlimIsRewrittenToPython() {
    assertCommand("PythonSlim", List.of("CMD", "python3", "-c", "import urllib.request; urllib.request.urlopen('" + URL + "', timeout=4)"));
    assertFixedWithoutErrors("PythonSlim");
  }

  @Test
  void curlOnNodeSlimIsRewrittenToNode() {
    assertCommand("NodeSlim", List.of("CMD", "node", "-e",
        "require('http').get('" + URL + "', r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"));
  }

  @Test
  void cmdShellOnDistrolessDebugBecomesExecForm() {
    assertCommand("DistrolessDebug", List.of("CMD", "wget", "-q", "-O", "/dev/null", URL));
    assertFixedWithoutErrors("DistrolessDebug");
  }

  @Test
  void theImagesHealthcheckIsLiftedIntoTheTaskDefinition() {
    Template.fromStack((Stack) app.getNode().findChild("Lift")).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", List.of(Match.objectLike(Map.of("HealthCheck", Map.of(
            "Command", List.of("CMD-SHELL", "wget -q -O /dev/null " + URL + " || exit 1"),
            "Interval", 10,
            "Retries", 5))))));
    Annotations lift = Annotations.fromStack((Stack) app.getNode().findChild("Lift"));
    lift.hasNoWarning("*", Match.stringLikeRegexp("^\\[HG003\\].*")); // the fix summary names HG003
    lift.hasInfo("/Lift/Task/app", Match.stringLikeRegexp(".*fixed \\(HG003\\): copied the image's HEALTHCHECK.*Dockerfile:2.*"));
  }

  @Test
  void aShellLessImageGetsTheProbeThroughASharedVolume() {
    Template template = Template.fromStack((Stack) app.getNode().findChild("SharedVolume"));
    template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "Volumes", List.of(Map.of("Name", "healthguard-probe")),
        "ContainerDefinitions", Match.arrayWith(List.of(
            Match.objectLike(Map.of(
                "Name", "app",
                "HealthCheck", Match.objectLike(Map.of("Command", List.of("CMD", "/healthguard/probe", "http", URL))),
                "MountPoints", List.of(Map.of("ContainerPath", "/healthguard", "ReadOnly", true, "SourceVolume", "healthguard-probe")),
                "DependsOn", List.of(Map.of("Condition", "SUCCESS", "ContainerName", "healthguard-probe-install")))),
            Match.objectLike(Map.of(
                "Name", "healthguard-probe-install",
                "Essential", false,
                "ReadonlyRootFilesystem", true,
                "MountPoints", List.of(Match.objectLike(Map.of("ContainerPath", "/healthguard", "ReadOnly", false)))))))));
    Annotations probe = Annotations.fromStack((Stack) app.getNode().findChild("SharedVolume"));
    probe.hasNoError("*", Match.anyValue());
    probe.hasInfo("/SharedVolume/Task/app", Match.stringLikeRegexp(".*fixed \\(HG001.*init container.*"));
  }

  @Test
  void inSidecarModeAnEssentialProbeCarriesTheCheck() {
    App sidecarApp = App.Builder.create().context(Map.of("healthguard:mode", "fix")).build();
    Stack stack = new Stack(sidecarApp, "Sidecar");
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("gcr.io/distroless/static-debian12:nonroot"))
        .healthCheck(HealthCheck.builder().command(List.of(CURL)).interval(software.amazon.awscdk.Duration.seconds(15)).build())
        .build());
    Aspects.of(sidecarApp).add(HealthCheckGuard.builder().probeMode(dev.healthguard.fix.ProbeMode.SIDECAR).build());
    Template.fromStack(stack).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", List.of(
            Match.objectLike(Map.of("Name", "app", "HealthCheck", Match.absent())),
            Match.objectLike(Map.of(
                "Name", "app-healthguard-probe",
                "Essential", true,
                "ReadonlyRootFilesystem", true,
                "HealthCheck", Match.objectLike(Map.of("Command", List.of("CMD", "/probe", "http", URL), "Interval", 15)))))));
    Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
  }

  @Test
  void theTargetGroupAndGracePeriodAreAlignedWithTheContainersCheck() {
    Template template = Template.fromStack((Stack) app.getNode().findChild("Alb"));
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("HealthCheckPath", "/healthz"));
    // startPeriod 60 + interval 10 × retries 3, above the CDK default of 60 s with a load balancer
    template.hasResourceProperties("AWS::ECS::Service", Map.of("HealthCheckGracePeriodSeconds", 90));
    Annotations.fromStack((Stack) app.getNode().findChild("Alb"))
        .hasInfo("/Alb/Web/Service", Match.stringLikeRegexp(".*fixed \\(HG011\\): set target group .*path from / to /healthz.*"));
  }

  @Test
  void theTargetGroupIsAlignedWithTheCheckFixModeLifted() {
    // The aspect meets the pattern before its task definition; the service's binding is read after
    // the task is fixed, with the fix record applied, so it compares the lifted check.
    Template template = Template.fromStack((Stack) app.getNode().findChild("LiftAlb"));
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("HealthCheckPath", "/health"));
    template.hasResourceProperties("AWS::ECS::Service", Map.of("HealthCheckGracePeriodSeconds", 120));
    List<String> aligned = firstFound.stream()
        .filter(f -> f.ruleId().equals("HG011") && f.target().taskDefinition().startsWith("LiftAlb/"))
        .map(Finding::problem).toList();
    assertEquals(List.of(
        "fixed (HG011): set target group LiftAlb/Web/LB/PublicListener/ECSGroup health check path from / to /health.",
        "fixed (HG011): set service LiftAlb/Web/Service health check grace period from 60 s to 120 s."), aligned);
    assertEquals(List.of(), secondFound.stream()
        .filter(f -> f.ruleId().equals("HG011") && f.target().taskDefinition().startsWith("LiftAlb/")).toList());
  }

  @Test
  void aFindingWithoutASafeRemedyStaysAnErrorWithTheReason() {
    Annotations.fromStack((Stack) app.getNode().findChild("NoRemedy")).hasError("/NoRemedy/Task/app",
        Match.stringLikeRegexp(".*\\[HG001\\].*Fix mode left it: no safe remedy \\(HealthGuard cannot tell what the check probes.*"));
  }

  @Test
  void theFixesAreRecordedInTheTemplate() {
    Template.fromStack((Stack) app.getNode().findChild("Alpine")).hasResource("AWS::ECS::TaskDefinition", Map.of(
        "Metadata", Map.of("healthguard:fixes", Map.of("app", Map.of("HealthCheck", Match.objectLike(Map.of(
            "Command", List.of("CMD", "wget", "-q", "-O", "/dev/null", URL))))))));
  }

  @Test
  void aSecondPassOverTheFixedTreeFindsNothingLeftToFix() {
    List<String> fixedByFirst = first.findings().stream().filter(f -> f.problem().startsWith("fixed")).map(Finding::image).toList();
    assertTrue(fixedByFirst.size() >= 6, first.findings().toString());
    List<Finding> secondErrorsOrFixes = second.findings().stream()
        .filter(f -> f.problem().startsWith("fixed") || (f.severity() == Severity.ERROR && !f.target().taskDefinition().startsWith("NoRemedy")))
        .toList();
    assertTrue(secondErrorsOrFixes.isEmpty(), secondErrorsOrFixes.toString());
  }
}
