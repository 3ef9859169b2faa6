package dev.healthguard;

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
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;

/**
 * A test as users write it: a plain {@code new App()} (no asset metadata, which only the CDK CLI
 * turns on), {@code Annotations.fromStack}. Findings on image assets keep the severity they get
 * under {@code cdk synth}, because the guard proves the asset's build parameters from its hash.
 */
class InProcessTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";

  @TempDir static Path dir;
  static App app;

  @BeforeAll
  static void synthesize() throws IOException {
    app = new App();
    Path plain = Files.createDirectories(dir.resolve("docker/api"));
    Files.writeString(plain.resolve("Dockerfile"), "FROM cgr.dev/chainguard/static\nCOPY api /api\nENTRYPOINT [\"/api\"]\n");
    Files.writeString(plain.resolve(".dockerignore"), "*.md\ntmp/\n");
    Files.writeString(plain.resolve("README.md"), "ignored by the build\n");
    service(new Stack(app, "Defaults"), ContainerImage.fromAsset(plain.toString()));

    Path staged = Files.createDirectories(dir.resolve("docker/multi"));
    Files.writeString(staged.resolve("Dockerfile.prod"), String.join("\n",
        "FROM golang:1.22 AS build",
        "RUN go build -o /out/app .",
        "FROM cgr.dev/chainguard/static AS server",
        "COPY --from=build /out/app /app",
        "FROM alpine:3.20 AS debug",
        "RUN apk add --no-cache curl",
        ""));
    Files.writeString(staged.resolve("Dockerfile"), "FROM alpine:3.20\nRUN apk add --no-cache curl\n");
    service(new Stack(app, "FileTargetPlatform"), ContainerImage.fromAsset(staged.toString(), AssetImageProps.builder()
        .file("Dockerfile.prod").target("server").platform(Platform.LINUX_ARM64).buildArgs(Map.of()).build()));

    Aspects.of(app).add(new HealthCheckGuard());
  }

  @Test
  void anAssetWithTheDefaultsIsAnErrorAsUnderTheCli() {
    Annotations.fromStack((Stack) app.getNode().findChild("Defaults")).hasError("/Defaults/Task/api",
        Match.stringLikeRegexp("^\\[HG001\\] .*docker/api/Dockerfile:1 FROM cgr.dev/chainguard/static.*"));
  }

  @Test
  void anAssetWithAFileATargetAndAPlatformIsReadWithThem() {
    // The target `server` is the shell-less stage; the last stage and the other Dockerfile have curl.
    Annotations.fromStack((Stack) app.getNode().findChild("FileTargetPlatform")).hasError("/FileTargetPlatform/Task/api",
        Match.stringLikeRegexp("^\\[HG001\\] .*docker/multi/Dockerfile.prod:3 FROM cgr.dev/chainguard/static.*"));
  }

  private static void service(Stack stack, ContainerImage image) {
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("api", ContainerDefinitionOptions.builder()
        .image(image)
        .memoryLimitMiB(256)
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", CURL)).build())
        .build());
  }
}
