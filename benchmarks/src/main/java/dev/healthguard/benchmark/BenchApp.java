package dev.healthguard.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;

/**
 * The generated app of perf-baselines.md §2: {@code n} Fargate task definitions (256 CPU, 512 MiB),
 * 50 per stack, each with an image-asset server and a registry sidecar.
 *
 * <p>The build arg {@code RUNTIME} picks the final stage's base image. With distinct contexts
 * every service has its own build context and its own Dockerfile text (as separate services do),
 * so each image asset is distinct, the cloud assembly holds one staged copy per service, and the
 * guard evaluates one Dockerfile per service. With a shared context all services build from one directory, and the
 * CDK dedupes the assets to one per build-arg value.
 *
 * <p>The first service of every stack gets {@code python:3.12-slim}, which has no curl, so its
 * {@code curl} health check is an error (HG002): one error per stack. Every other service gets a
 * runtime that ships curl, and its sidecar's busybox {@code wget} check is fine, so it is clean.
 */
final class BenchApp {

  static final int PER_STACK = 50;

  /** Final-stage images that ship curl (catalog rows python, node, amazoncorretto, nginx-alpine, eclipse-temurin). */
  private static final List<String> CLEAN_RUNTIMES =
      List.of("python:3.12", "node:20", "amazoncorretto:21", "nginx:1.27-alpine", "eclipse-temurin:21-jre");
  /** Catalog row python-slim: no curl. */
  private static final String BROKEN_RUNTIME = "python:3.12-slim";

  static final String SERVER_CHECK = "curl -f http://localhost:8080/ || exit 1";
  static final String SIDECAR_IMAGE = "public.ecr.aws/docker/library/alpine:3.20";

  private static final String DOCKERFILE = String.join("\n",
      "# syntax=docker/dockerfile:1",
      "ARG RUNTIME=python:3.12",
      "",
      "FROM golang:1.22 AS build",
      "WORKDIR /src",
      "COPY . .",
      "RUN CGO_ENABLED=0 go build -o /out/service .",
      "",
      "FROM ${RUNTIME} AS server",
      "LABEL org.opencontainers.image.title=\"%s\"",
      "COPY --from=build /out/service /usr/local/bin/service",
      "EXPOSE 8080",
      "CMD [\"/usr/local/bin/service\"]",
      "",
      "FROM server AS debug",
      "RUN apt-get update && apt-get install -y --no-install-recommends strace",
      "");

  private final int n;
  private final boolean shared;
  private final Path contexts;

  private BenchApp(int n, boolean shared, Path contexts) {
    this.n = n;
    this.shared = shared;
    this.contexts = contexts;
  }

  /**
   * An app of {@code n} task definitions, writing its build contexts under {@code contexts}: one
   * per service, or a single one when {@code shared}. Each context has Dockerfile.prod, go.mod and
   * main.go.
   */
  static BenchApp generate(int n, boolean shared, Path contexts) {
    try {
      for (int i = 0; i < (shared ? 1 : n); i++) {
        Path context = Files.createDirectories(contextOf(contexts, i));
        // Each service's Dockerfile differs (its label), as separate services' do, so no cache
        // keyed by the Dockerfile's text can skip the work.
        Files.writeString(context.resolve("Dockerfile.prod"), String.format(DOCKERFILE, shared ? "services" : "service-" + i));
        Files.writeString(context.resolve("go.mod"), "module example.com/service" + i + "\n\ngo 1.22\n");
        Files.writeString(context.resolve("main.go"), String.join("\n",
            "package main",
            "",
            "import \"net/http\"",
            "",
            "func main() {",
            "\thttp.HandleFunc(\"/\", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(\"service " + i + "\")) })",
            "\thttp.ListenAndServe(\":8080\", nil)",
            "}",
            ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BenchApp(n, shared, contexts);
  }

  /** The app of {@link #generate} whose contexts are already written under {@code contexts} (a child process's). */
  static BenchApp written(int n, boolean shared, Path contexts) {
    return new BenchApp(n, shared, contexts);
  }

  /** The same app with its first {@code size} task definitions only (the contexts are already written). */
  BenchApp first(int size) {
    return new BenchApp(Math.min(size, n), shared, contexts);
  }

  int size() {
    return n;
  }

  String shape() {
    return shared ? "one shared build context" : "one build context per service";
  }

  /** A new app writing to {@code outdir}. */
  App build(Path outdir) {
    return build(outdir, Map.of());
  }

  /** A new app writing to {@code outdir}, with more context. */
  App build(Path outdir, Map<String, Object> extraContext) {
    Map<String, Object> context = new TreeMap<>(extraContext);
    // The CDK CLI sets both: asset metadata (build target and args on the tree) and path metadata
    // (each resource's construct path in its template).
    context.put("aws:cdk:enable-asset-metadata", true);
    context.put("aws:cdk:enable-path-metadata", true);
    App app = App.Builder.create()
        .outdir(outdir.toString())
        .context(context)
        .build();
    Stack stack = null;
    for (int i = 0; i < n; i++) {
      if (i % PER_STACK == 0) {
        stack = new Stack(app, String.format("Services%02d", i / PER_STACK));
      }
      service(stack, i, contextOf(contexts, shared ? 0 : i));
    }
    return app;
  }

  /** The number of stacks for {@code n} task definitions. */
  static int stacks(int n) {
    return (n + PER_STACK - 1) / PER_STACK;
  }

  /** The number of services that are built to fail the guard: the first of each stack. */
  static int brokenServices(int n) {
    return stacks(n);
  }

  private static void service(Stack stack, int i, Path context) {
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, String.format("Service%03d", i))
        .cpu(256)
        .memoryLimitMiB(512)
        .build();
    String runtime = i % PER_STACK == 0 ? BROKEN_RUNTIME : CLEAN_RUNTIMES.get(i % CLEAN_RUNTIMES.size());
    task.addContainer("server", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromAsset(context.toString(), AssetImageProps.builder()
            .file("Dockerfile.prod")
            .target("server")
            .buildArgs(new TreeMap<>(Map.of("RUNTIME", runtime)))
            .build()))
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", SERVER_CHECK)).build())
        .build());
    task.addContainer("sidecar", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(SIDECAR_IMAGE))
        .essential(false)
        .portMappings(List.of(PortMapping.builder().containerPort(9901).build()))
        .healthCheck(HealthCheck.builder()
            .command(List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:9901/ready"))
            .build())
        .build());
  }

  private static Path contextOf(Path root, int i) {
    return root.resolve(String.format("service-%03d", i));
  }
}
