package dev.healthguard.examples;

import dev.healthguard.HealthCheckGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
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

    Aspects.of(app).add(new HealthCheckGuard());
  }

  private static void service(App app, String name, ContainerImage image, List<String> check, CpuArchitecture arch) {
    Stack stack = new Stack(app, name);
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task")
        .cpu(256)
        .memoryLimitMiB(512)
        .runtimePlatform(RuntimePlatform.builder()
            .cpuArchitecture(arch)
            .operatingSystemFamily(OperatingSystemFamily.LINUX)
            .build())
        .build();
    task.addContainer("app", ContainerDefinitionOptions.builder()
        .image(image)
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder()
            .command(check)
            .interval(Duration.seconds(15))
            .timeout(Duration.seconds(5))
            .retries(3)
            .startPeriod(Duration.seconds(10))
            .build())
        .build());
  }

  /** {@code examples/docker} from the repository root (where cdk.json is), or {@code docker} from examples/. */
  static Path dockerDirectory() {
    Path fromRoot = Path.of("examples", "docker");
    return (Files.isDirectory(fromRoot) ? fromRoot : Path.of("docker")).toAbsolutePath();
  }
}
