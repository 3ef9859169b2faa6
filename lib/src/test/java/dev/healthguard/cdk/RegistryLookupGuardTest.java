package dev.healthguard.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.HealthCheckGuard;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RealRegistry;
import dev.healthguard.registry.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * Issue 9's "done when", in a real CDK synth: a {@code fromRegistry} image and a Dockerfile's base
 * image on the real distribution registry on loopback, behind its Docker Hub-style token flow, give
 * the exact answer from their layers; a second synth answers from healthguard.context.json and
 * makes no request at all.
 */
class RegistryLookupGuardTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";
  static RealRegistry registry;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    registry = RealRegistry.startWithTokenAuth(null);
    // ko's static base: no /bin/sh, no curl; the catalog does not know this registry at all.
    registry.push("demo/ko", "v1", TestImages.koMultiArch());
    registry.push("demo/alpine", "3", TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  HealthCheckGuard guard(boolean lookups) {
    return HealthCheckGuard.builder()
        .lookups(lookups)
        .cacheFile(dir.resolve("healthguard.context.json"))
        .insecureRegistries(List.of(registry.host()))
        .build();
  }

  Annotations synth(HealthCheckGuard guard, ContainerImage registryImage, ContainerImage assetImage) {
    // Asset metadata tells the guard the Dockerfile's build parameters, as the CDK CLI does.
    App app = new App(AppProps.builder().context(Map.of("aws:cdk:enable-asset-metadata", true)).build());
    Stack stack = new Stack(app, "Registry");
    FargateTaskDefinition named = FargateTaskDefinition.Builder.create(stack, "Named").build();
    named.addContainer("app", ContainerDefinitionOptions.builder().image(registryImage).memoryLimitMiB(256)
        .healthCheck(HealthCheck.builder().command(List.of(CURL)).build()).build());
    FargateTaskDefinition built = FargateTaskDefinition.Builder.create(stack, "Built").build();
    built.addContainer("app", ContainerDefinitionOptions.builder().image(assetImage).memoryLimitMiB(256)
        .healthCheck(HealthCheck.builder().command(List.of(CURL)).build()).build());
    Aspects.of(app).add(guard);
    return Annotations.fromStack(stack);
  }

  @Test
  void registryImagesAndDockerfileBasesAreReadFromTheirLayers_andTheSecondSynthMakesNoRequest() throws Exception {
    Path context = Files.createDirectories(dir.resolve("app"));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + registry.host() + "/demo/ko:v1\nCOPY app /app\n");
    Files.writeString(context.resolve("app"), "binary");
    ContainerImage named = ContainerImage.fromRegistry(registry.host() + "/demo/ko:v1");
    ContainerImage asset = ContainerImage.fromAsset(context.toString());

    registry.resetCounts();
    Annotations first = synth(guard(true), named, asset);
    String listed = ".*layer listing (healthguard\\.context\\.json: )?" + registry.host().replace(".", "\\.") + "/demo/ko@sha256:[0-9a-f]{64} linux/amd64, 2 layers.*";
    first.hasError("/Registry/Named/app", Match.stringLikeRegexp("^\\[HG001\\] .*no /bin/sh" + listed));
    first.hasError("/Registry/Built/app", Match.stringLikeRegexp("^\\[HG001\\] .*no /bin/sh" + listed));
    List<String> pulls = registry.pulls();
    assertTrue(pulls.stream().anyMatch(p -> p.startsWith("GET /v2/demo/ko/blobs/")), pulls.toString());
    // Both containers name the same image: it is read once, its config once.
    long configs = pulls.stream().filter(p -> p.startsWith("GET /v2/demo/ko/blobs/")).count();
    assertEquals(3, configs, "one config and two layers: " + pulls);
    String cache = Files.readString(dir.resolve("healthguard.context.json"));
    assertTrue(cache.contains("\"" + registry.host() + "/demo/ko:v1\" : \"sha256:"), cache);
    assertFalse(cache.contains("Bearer") || cache.contains("eyJ"), "no token in the cache: " + cache);

    registry.resetCounts();
    int tokens = registry.tokenServer().requests().size();
    Annotations second = synth(guard(false), named, asset);
    second.hasError("/Registry/Named/app", Match.stringLikeRegexp("^\\[HG001\\] .*healthguard\\.context\\.json.*"));
    second.hasError("/Registry/Built/app", Match.stringLikeRegexp("^\\[HG001\\] .*healthguard\\.context\\.json.*"));
    assertEquals(List.of(), registry.pulls());
    assertEquals(tokens, registry.tokenServer().requests().size());
  }

  @Test
  void anImageWithCurlPasses_andAMissingTagIsAWarningThatNamesIt() {
    Annotations ok = synth(guard(true), ContainerImage.fromRegistry(registry.host() + "/demo/alpine:3"),
        ContainerImage.fromRegistry(registry.host() + "/demo/alpine:missing"));
    ok.hasNoError("/Registry/Named/app", Match.anyValue());
    ok.hasWarning("/Registry/Built/app",
        Match.stringLikeRegexp("^\\[HG010\\] .*" + registry.host().replace(".", "\\.") + "/demo/alpine:missing.*"));
  }
}
