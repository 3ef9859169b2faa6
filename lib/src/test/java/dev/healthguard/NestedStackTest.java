package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * Task definitions inside a {@code NestedStack}: the aspect checks each one from the nested
 * stack's own template, an image asset by the parent's asset manifest (where the CDK records a
 * nested stack's assets), and the findings land in the parent's artifact, as the CDK collects a
 * nested stack's metadata with its parent's.
 */
class NestedStackTest {

  static final List<String> CURL = List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1");

  @TempDir static Path dir;
  static Stack parent;
  static HealthCheckGuard guard;
  /** The same app synthesized outside the CDK CLI: no path metadata in the templates. */
  static Stack plainParent;

  @BeforeAll
  static void synthesize() throws IOException {
    guard = new HealthCheckGuard();
    parent = app(App.Builder.create().context(Map.of("aws:cdk:enable-path-metadata", true)).build(), guard);
    plainParent = app(new App(), new HealthCheckGuard());
  }

  static Stack app(App app, HealthCheckGuard guard) throws IOException {
    Stack parent = new Stack(app, "Parent");
    NestedStack nested = new NestedStack(parent, "Services");
    // GIVEN curl on alpine, once from a registry and once from a Dockerfile
    task(nested, "Pulled", ContainerImage.fromRegistry("alpine:3.20"));
    Path context = Files.createDirectories(dir.resolve("built"));  // the same files for both apps
    Files.writeString(context.resolve("Dockerfile"), "FROM alpine:3.20\nCOPY app /app\n");
    Files.writeString(context.resolve("app"), "#!/bin/sh\n");
    task(nested, "Built", ContainerImage.fromAsset(context.toString()));
    // GIVEN a clean one beside them: busybox wget on alpine
    FargateTaskDefinition.Builder.create(nested, "Clean").build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("alpine:3.20"))
        .healthCheck(HealthCheck.builder().command(List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/")).build())
        .build());
    Aspects.of(app).add(guard);
    app.synth();
    return parent;
  }

  static void task(NestedStack in, String id, ContainerImage image) {
    FargateTaskDefinition.Builder.create(in, id).build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(image)
        .healthCheck(HealthCheck.builder().command(CURL).build())
        .build());
  }

  @Test
  void aRegistryImageInANestedStackIsCheckedAndAnnotated() {
    Annotations.fromStack(parent).hasError("/Parent/Services/Pulled/app",
        Match.stringLikeRegexp("^\\[HG002\\] container 'app' of Parent/Services/Pulled, image alpine:3.20: the health check runs curl.*"));
  }

  @Test
  void anImageAssetInANestedStackIsJudgedByItsDockerfile() {
    Annotations.fromStack(parent).hasError("/Parent/Services/Built/app",
        Match.stringLikeRegexp("^\\[HG002\\] container 'app' of Parent/Services/Built, image asset .*built/Dockerfile: "
            + "the health check runs curl.*Dockerfile:1 FROM alpine:3.20.*"));
  }

  @Test
  void withoutPathMetadataTheNestedTaskDefinitionsAreFoundByLogicalId() {
    Annotations annotations = Annotations.fromStack(plainParent);
    annotations.hasError("/Parent/Services/Pulled/app", Match.stringLikeRegexp("^\\[HG002\\] container 'app' of Parent/Services/Pulled.*"));
    annotations.hasError("/Parent/Services/Built/app", Match.stringLikeRegexp("^\\[HG002\\] container 'app' of Parent/Services/Built.*"));
    annotations.hasNoError("/Parent/Services/Clean/app", Match.anyValue());
  }

  @Test
  void everyTaskDefinitionIsCheckedOnce() {
    assertEquals(3, guard.statistics().taskDefinitions());
    assertEquals(2, guard.findings().stream().filter(f -> f.ruleId().equals("HG002")).count());
  }
}
