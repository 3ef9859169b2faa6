package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.image.FileLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.Ec2TaskDefinition;
import software.amazon.awscdk.services.ecs.ExternalTaskDefinition;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;

/**
 * The guard over real CDK apps. Each app is synthesized once (a synth costs seconds) and every
 * stack in it is one case.
 */
class HealthCheckGuardTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";

  @TempDir static Path dir;
  static App app;
  static HealthCheckGuard guard;

  @BeforeAll
  static void synthesize() throws IOException {
    app = App.Builder.create()
        .context(Map.of("aws:cdk:enable-asset-metadata", true))
        .outdir(dir.resolve("cdk.out").toString())
        .build();
    guard = new HealthCheckGuard();

    fargate(stack("ShellLess"), ContainerImage.fromRegistry("cgr.dev/chainguard/static:latest"), List.of(CURL));
    fargate(stack("AlpineCurl"), ContainerImage.fromRegistry("alpine:3.20"), List.of(CURL));
    fargate(stack("AlpineWget"), ContainerImage.fromRegistry("docker.io/library/alpine:3.20"),
        List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/"));
    Stack ec2 = stack("Ec2Slim");
    container(Ec2TaskDefinition.Builder.create(ec2, "Task").build(),
        ContainerImage.fromRegistry("python:3.12-slim"), List.of(CURL), 8080);
    Stack external = stack("ExternalNode");
    container(ExternalTaskDefinition.Builder.create(external, "Task").build(),
        ContainerImage.fromRegistry("node:20-slim"),
        List.of("CMD", "node", "-e", "require('http').get('http://localhost:8080/')"), 8080);
    Stack ecr = stack("Ecr");
    fargate(ecr, ContainerImage.fromEcrRepository(Repository.fromRepositoryName(ecr, "Repo", "team/api"), "v1"), List.of(CURL));
    Stack bare = stack("BareL1");
    CfnTaskDefinition.Builder.create(bare, "Task")
        .requiresCompatibilities(List.of("FARGATE")).networkMode("awsvpc").cpu("256").memory("512")
        .containerDefinitions(List.of(CfnTaskDefinition.ContainerDefinitionProperty.builder()
            .name("web").image("gcr.io/distroless/static-debian12:nonroot")
            .healthCheck(CfnTaskDefinition.HealthCheckProperty.builder().command(List.of("CMD-SHELL", CURL)).build())
            .build()))
        .build();
    Stack acknowledged = stack("Acknowledged");
    fargate(acknowledged, ContainerImage.fromRegistry("alpine:3.20"), List.of(CURL));
    Validations.of(acknowledged).acknowledge(Acknowledgment.builder()
        .id("HG002").reason("curl is installed by the platform team's sidecar init").build());
    Stack shared = stack("SharedImage");
    for (int i = 0; i < 3; i++) {
      container(FargateTaskDefinition.Builder.create(shared, "Task" + i).build(),
          ContainerImage.fromRegistry("nginx:1.27-alpine"), List.of(CURL), 8080);
    }
    asset(stack("AssetTarget"), assetDir(), "server", Map.of("BASE", "alpine:3.20"));
    asset(stack("AssetDefaults"), assetDir(), null, Map.of());

    Stack scoped = stack("ScopedReport");
    scoped.getNode().setContext("healthguard:mode", "report");
    fargate(scoped, ContainerImage.fromRegistry("alpine:3.20"), List.of(CURL));
    fargate(stack("TokenImage"), ContainerImage.fromRegistry(Fn.importValue("SharedImageUri")), List.of(CURL));
    Path broken = dir.resolve("broken");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("Dockerfile"), "FROM alpine:3.20\nRUN <<EOF\napk add curl\n");
    fargate(stack("BrokenDockerfile"), ContainerImage.fromAsset(broken.toString()), List.of(CURL));

    Stack alb = stack("AlbMismatch");
    ApplicationLoadBalancedFargateService.Builder.create(alb, "Web")
        .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
            .image(ContainerImage.fromRegistry("nginx:1.27-alpine")).containerPort(8080).build())
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1")).build())
        .build();

    Aspects.of(app).add(guard);
    app.synth();
  }

  @Test
  void cmdShellOnAShellLessImageIsAnErrorOnTheContainer() {
    Annotations.fromStack(stack("ShellLess")).hasError("/ShellLess/Task/app",
        Match.stringLikeRegexp("^\\[HG001\\] container 'app' of ShellLess/Task, image cgr.dev/chainguard/static:latest: .*no /bin/sh.*catalog.*"));
  }

  @Test
  void curlOnAlpineIsAnErrorThatNamesBusyboxWget() {
    Annotations.fromStack(stack("AlpineCurl")).hasError("/AlpineCurl/Task/app",
        Match.stringLikeRegexp(".*\\[HG002\\].*runs curl, which the image does not have.*Fix: .*\"CMD\", \"wget\".*"));
  }

  @Test
  void wgetOnAlpineIsClean() {
    Annotations alpine = Annotations.fromStack(stack("AlpineWget"));
    alpine.hasNoError("*", Match.anyValue());
    alpine.hasNoWarning("*", Match.anyValue());
  }

  @Test
  void ec2TaskDefinitionsAreCheckedToo() {
    Annotations.fromStack(stack("Ec2Slim")).hasError("/Ec2Slim/Task/app", Match.stringLikeRegexp(".*\\[HG002\\].*\"python3\", \"-c\".*"));
  }

  @Test
  void externalTaskDefinitionWithNodeProbeIsClean() {
    Annotations.fromStack(stack("ExternalNode")).hasNoError("*", Match.anyValue());
  }

  @Test
  void anEcrImageIsUnknownAndNeverAnError() {
    Annotations ecr = Annotations.fromStack(stack("Ecr"));
    ecr.hasNoError("*", Match.anyValue());
    ecr.hasInfo("/Ecr/Task/app", Match.stringLikeRegexp(".*\\[HG008\\].*give the stack an env.*"));
  }

  @Test
  void anUnresolvableTokenIsAnInfoABrokenDockerfileAWarningAndTheSynthGoesOn() {
    Annotations token = Annotations.fromStack(stack("TokenImage"));
    token.hasNoError("*", Match.anyValue());
    token.hasInfo("/TokenImage/Task/app", Match.stringLikeRegexp(".*\\[HG008\\].*token.*"));
    Annotations broken = Annotations.fromStack(stack("BrokenDockerfile"));
    broken.hasNoError("*", Match.anyValue());
    broken.hasWarning("/BrokenDockerfile/Task/app", Match.stringLikeRegexp(".*\\[HG010\\].*Dockerfile could not be evaluated: \\S*/Dockerfile:2.*"));
  }

  @Test
  void aTargetGroupThatChecksAnotherPathIsAWarningOnTheService() {
    Annotations.fromStack(stack("AlbMismatch")).hasWarning("/AlbMismatch/Web/Service",
        Match.stringLikeRegexp("^\\[HG011\\] .*/healthz.*"));
  }

  @Test
  void theModeCanBeSetOnAnyScope() {
    Annotations scoped = Annotations.fromStack(stack("ScopedReport"));
    scoped.hasNoError("*", Match.anyValue());
    scoped.hasWarning("/ScopedReport/Task/app", Match.stringLikeRegexp(".*\\[HG002\\].*"));
  }

  @Test
  void anInvalidModeIsRejectedWithTheAcceptedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuardMode.parse("strict"));
    assertEquals("Invalid healthguard:mode 'strict': expected report, enforce or fix", e.getMessage());
  }

  @Test
  void aBareCfnTaskDefinitionIsAnnotatedOnItself() {
    Annotations.fromStack(stack("BareL1")).hasError("/BareL1/Task", Match.stringLikeRegexp(".*\\[HG001\\] container 'web' of BareL1/Task.*distroless.*"));
  }

  @Test
  void asAValidationPluginItChecksTheTemplatesAsDeployed() {
    App pluginApp = App.Builder.create().outdir(dir.resolve("plugin.out").toString()).build();
    Stack override = new Stack(pluginApp, "Override");
    FargateTaskDefinition overridden = fargate(override, ContainerImage.fromRegistry("alpine:3.20"),
        List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/"));
    // An escape hatch only shows in the template, which is what the plugin reads.
    ((CfnTaskDefinition) overridden.getNode().getDefaultChild())
        .addPropertyOverride("ContainerDefinitions.0.HealthCheck.Command", List.of("CMD-SHELL", CURL));
    asset(new Stack(pluginApp, "PluginAsset"), assetDir(), "server", Map.of("BASE", "alpine:3.20"));
    HealthCheckGuard plugin = new HealthCheckGuard();
    Validations.of(pluginApp).addPlugins(plugin);

    RuntimeException e = assertThrows(RuntimeException.class, pluginApp::synth);
    assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
    List<String> errors = plugin.findings().stream()
        .filter(f -> f.severity() == dev.healthguard.rules.Severity.ERROR)
        .map(f -> f.ruleId() + " " + f.target().taskDefinition() + " " + f.message())
        .toList();
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("HG002 Override/"), errors.toString());
    // The asset manifest gives the plugin the target and build args: FROM ${BASE} is alpine.
    assertTrue(errors.get(1).startsWith("HG002 PluginAsset/") && errors.get(1).contains("FROM ${BASE} AS server"), errors.toString());
    assertEquals(new GuardStatistics(2, 2, 2), plugin.statistics());
  }

  @Test
  void anAcknowledgedFindingBecomesAnInfoWithTheReason() {
    Annotations ack = Annotations.fromStack(stack("Acknowledged"));
    ack.hasNoError("*", Match.anyValue());
    ack.hasInfo("/Acknowledged/Task/app", Match.stringLikeRegexp(".*HG002.*acknowledged \\(curl is installed by the platform team's sidecar init\\).*"));
  }

  @Test
  void eachTaskDefinitionAndEachImageIsAnalysedOnce() {
    GuardStatistics stats = guard.statistics();
    // 17 task definitions in the app; SharedImage's three share one image.
    assertEquals(17, stats.taskDefinitions());
    assertTrue(stats.images() < stats.containers(), stats.toString());
    long nginx = guard.findings().stream().filter(f -> f.image().startsWith("nginx") && !f.ruleId().equals("HG011")).count();
    assertEquals(0, nginx, "nginx:*-alpine ships curl: " + guard.findings());
  }

  @Test
  void anAssetIsReadWithItsTargetAndBuildArgs() {
    // target `server` is FROM ${BASE} (alpine via the build arg), which has no curl.
    Annotations.fromStack(stack("AssetTarget")).hasError("/AssetTarget/Task/app",
        Match.stringLikeRegexp(".*\\[HG002\\].*Dockerfile:\\d+ FROM \\$\\{BASE\\}.*"));
    // The last stage (the default target) installs curl.
    Annotations.fromStack(stack("AssetDefaults")).hasNoError("*", Match.anyValue());
  }

  @Test
  void reportModeFromContextTurnsErrorsIntoWarnings() {
    App reportApp = App.Builder.create().context(Map.of("healthguard:mode", "report")).build();
    Stack s = new Stack(reportApp, "Report");
    fargate(s, ContainerImage.fromRegistry("alpine:3.20"), List.of(CURL));
    Aspects.of(reportApp).add(new HealthCheckGuard());
    Annotations report = Annotations.fromStack(s);
    report.hasNoError("*", Match.anyValue());
    report.hasWarning("/Report/Task/app", Match.stringLikeRegexp(".*\\[HG002\\].*"));
  }

  @Test
  void throwOnErrorsMakesAnInProcessSynthFail() {
    App throwing = new App();
    fargate(new Stack(throwing, "Throwing"), ContainerImage.fromRegistry("alpine:3.20"), List.of(CURL));
    Aspects.of(throwing).add(HealthCheckGuard.builder().throwOnErrors(true).build());
    RuntimeException e = assertThrows(RuntimeException.class, throwing::synth);
    assertTrue(e.getMessage().contains("HealthGuard found errors (throwOnErrors is on):\n  [Throwing] [HG002] container 'app' of Throwing/"),
        e.getMessage());
  }

  @Test
  void withoutAssetMetadataTheRenderedAssetManifestStillGivesTargetAndBuildArgs() {
    // Plain `app.synth()` outside the CDK CLI: the tree hides the build target and args, but the
    // asset manifest the aspect renders with the template has them, as under the CLI.
    App plain = new App();
    Stack s = new Stack(plain, "Plain");
    asset(s, assetDir(), "server", Map.of("BASE", "alpine:3.20"));
    Aspects.of(plain).add(new HealthCheckGuard());
    Annotations.fromStack(s).hasError("/Plain/Task/app", Match.stringLikeRegexp(
        ".*\\[HG002\\].*image asset " + jsRegexQuote(FileLine.appPath(dir.resolve("asset")))
            + "/Dockerfile \\(target server\\).*Dockerfile:5 FROM \\$\\{BASE\\} AS server \\(alpine:3.20\\).*"));
  }

  /** Match.stringLikeRegexp takes a JavaScript pattern, which has no \\Q…\\E. */
  static String jsRegexQuote(String text) {
    return text.replaceAll("[.*+?^${}()|\\[\\]\\\\/-]", "\\\\$0");
  }

  private static Stack stack(String name) {
    Stack existing = (Stack) app.getNode().tryFindChild(name);
    return existing != null ? existing : new Stack(app, name);
  }

  private static FargateTaskDefinition fargate(Stack stack, ContainerImage image, List<String> check) {
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task").build();
    container(task, image, check, 8080);
    return task;
  }

  private static ContainerDefinition container(TaskDefinition task, ContainerImage image, List<String> check, int port) {
    return task.addContainer("app", ContainerDefinitionOptions.builder()
        .image(image)
        .memoryLimitMiB(256)
        .portMappings(List.of(PortMapping.builder().containerPort(port).build()))
        .healthCheck(HealthCheck.builder().command(check).build())
        .build());
  }

  private static void asset(Stack stack, Path context, String target, Map<String, String> args) {
    AssetImageProps.Builder props = AssetImageProps.builder().buildArgs(new TreeMap<>(args));
    if (target != null) {
      props.target(target);
    }
    fargate(stack, ContainerImage.fromAsset(context.toString(), props.build()), List.of(CURL));
  }

  private static Path assetDir() {
    Path context = dir.resolve("asset");
    try {
      Files.createDirectories(context);
      Files.writeString(context.resolve("Dockerfile"), String.join("\n",
          "ARG BASE=nginx:1.27-alpine",
          "FROM golang:1.22 AS build",
          "RUN go build -o /out/app .",
          "",
          "FROM ${BASE} AS server",
          "COPY --from=build /out/app /usr/local/bin/app",
          "",
          "FROM server AS debug",
          "RUN apk add --no-cache curl",
          ""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return context;
  }
}
