package dev.healthguard.examples;

import dev.healthguard.GuardMode;
import dev.healthguard.HealthCheckGuard;
import dev.healthguard.patterns.GuardedFargateService;
import dev.healthguard.patterns.GuardedImage;
import dev.healthguard.patterns.HealthEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;

/**
 * The real failures HealthGuard exists for, and their fixes, one stack each. {@code cdk synth} of
 * a {@code *Broken} stack fails with the rule id and the reason; the {@code *Fixed} stacks pass.
 */
public final class ExamplesApp {

  /** The check AWS's docs teach, which needs /bin/sh and curl in the image. */
  static final String CURL_CHECK = "curl -f http://localhost:8080/ || exit 1";

  private ExamplesApp() {}

  public static void main(String[] args) {
    App app = new App();
    build(app);
    app.synth();
  }

  /** Adds every example stack and the guard to {@code app}. */
  public static void build(App app) {
    Path docker = dockerDirectory();
    String ko = docker.resolve("ko-static").toString();
    String alpine = docker.resolve("go-alpine").toString();

    // Story 1: a Go service built like ko does, on cgr.dev/chainguard/static: no shell, no curl.
    service(app, "KoStaticBroken", ContainerImage.fromAsset(ko),
        List.of(CURL_CHECK), CpuArchitecture.ARM64);
    // Fixed: exec form of a static probe binary shipped in the image; no shell needed.
    service(app, "KoStaticFixed", ContainerImage.fromAsset(ko),
        List.of("CMD", "/ko-app/healthcheck", "http://localhost:8080/healthz"), CpuArchitecture.ARM64);

    // Story 2: multi-stage build whose final stage is golang:1.19.2-alpine (no curl).
    service(app, "AlpineCurlBroken", ContainerImage.fromAsset(alpine),
        List.of(CURL_CHECK), CpuArchitecture.X86_64);
    // Fixed as the story was: RUN apk --no-cache add curl in the final stage.
    service(app, "AlpineCurlFixed",
        ContainerImage.fromAsset(alpine, AssetImageProps.builder().file("Dockerfile.fixed").build()),
        List.of(CURL_CHECK), CpuArchitecture.X86_64);
    // Fixed without changing the image: busybox wget, which alpine has, in exec form.
    service(app, "AlpineWgetFixed", ContainerImage.fromAsset(alpine),
        List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/"), CpuArchitecture.X86_64);

    // Story 1 again, as most teams deploy it: ko pushes to ECR and the task names the repository.
    // The guard knows the image offline from the committed lookup cache (see the README).
    service(app, "KoEcrBroken", PAYMENTS_ENV, koInEcr(), List.of(CURL_CHECK), CpuArchitecture.X86_64);
    // Fixed: the Go binary's own health mode, in exec form.
    service(app, "KoEcrFixed", PAYMENTS_ENV, koInEcr(),
        List.of("CMD", "/ko-app/server", "-healthcheck"), CpuArchitecture.X86_64);

    // The broken stories again, in fix mode (context healthguard:mode=fix on the stack): the guard
    // repairs the task before synth and says what it changed.
    service(app, "AlpineCurlFixMode", FIX, null, stack -> ContainerImage.fromAsset(alpine), List.of(CURL_CHECK),
        CpuArchitecture.X86_64);
    // Nothing in these images can run a check: fix mode injects HealthGuard's static probe.
    service(app, "KoStaticFixMode", FIX, null, stack -> ContainerImage.fromAsset(ko), List.of(CURL_CHECK),
        CpuArchitecture.ARM64);
    service(app, "KoEcrFixMode", FIX, PAYMENTS_ENV, koInEcr(), List.of(CURL_CHECK), CpuArchitecture.X86_64);

    // The reusable L3: one health endpoint, and the container check, target group and grace period
    // all derive from it. The ko image has no tool, so the construct brings the probe.
    Stack guarded = new Stack(app, "GuardedService");
    GuardedFargateService.Builder.create(guarded, "Payments")
        .image(GuardedImage.fromAsset(ko))
        .healthEndpoint(HealthEndpoint.http(8080, "/healthz"))
        .build();

    Aspects.of(app).add(HealthCheckGuard.builder().cacheFile(root().resolve("healthguard.context.json")).build());
  }

  /** The account and region the payments team deploys to, where ko pushed payments/api:v1. */
  static final Environment PAYMENTS_ENV = Environment.builder().account("123456789012").region("eu-west-1").build();

  private static Function<Stack, ContainerImage> koInEcr() {
    return stack -> ContainerImage.fromEcrRepository(Repository.fromRepositoryName(stack, "Repo", "payments/api"), "v1");
  }

  /** The stack-scoped context that turns fix mode on (set before the stack's children exist). */
  static final Map<String, String> FIX = Map.of(GuardMode.CONTEXT_KEY, "fix");

  private static Stack service(App app, String name, ContainerImage image, List<String> check, CpuArchitecture arch) {
    return service(app, name, Map.of(), null, stack -> image, check, arch);
  }

  private static Stack service(App app, String name, Environment env, Function<Stack, ContainerImage> image,
      List<String> check, CpuArchitecture arch) {
    return service(app, name, Map.of(), env, image, check, arch);
  }

  private static Stack service(App app, String name, Map<String, String> context, Environment env,
      Function<Stack, ContainerImage> image, List<String> check, CpuArchitecture arch) {
    Stack stack = new Stack(app, name, StackProps.builder().env(env).build());
    context.forEach(stack.getNode()::setContext);
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task")
        .cpu(256)
        .memoryLimitMiB(512)
        .runtimePlatform(RuntimePlatform.builder()
            .cpuArchitecture(arch)
            .operatingSystemFamily(OperatingSystemFamily.LINUX)
            .build())
        .build();
    task.addContainer("app", ContainerDefinitionOptions.builder()
        .image(image.apply(stack))
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder()
            .command(check)
            .interval(Duration.seconds(15))
            .timeout(Duration.seconds(5))
            .retries(3)
            .startPeriod(Duration.seconds(10))
            .build())
        .build());
    return stack;
  }

  /** {@code examples/docker} in the repository. */
  static Path dockerDirectory() {
    return root().resolve("examples").resolve("docker");
  }

  /** The repository root, where cdk.json is: the working directory under the CDK CLI, the parent from examples/. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isRegularFile(here.resolve("cdk.json")) ? here : here.getParent();
  }
}
