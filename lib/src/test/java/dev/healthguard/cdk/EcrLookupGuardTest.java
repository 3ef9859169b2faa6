package dev.healthguard.cdk;

import dev.healthguard.registry.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.HealthCheckGuard;
import dev.healthguard.ecr.FakeEcr;
import dev.healthguard.registry.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;

/**
 * ECR lookups end to end: the guard in a real CDK app, the real AWS SDK v2 ECR client, and a
 * loopback server speaking ECR's JSON 1.1 protocol that serves real OCI artifacts.
 */
class EcrLookupGuardTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";
  static final String URI = FakeEcr.ACCOUNT + ".dkr.ecr." + FakeEcr.REGION + ".amazonaws.com/";

  static FakeEcr ecr;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    // The SDK's default chain reads these; no real account is involved.
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
    ecr = FakeEcr.start();
    ecr.push("payments/api", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
    ecr.push("team/alpine", "3", TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST));
    ecr.push("team/slow", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
  }

  @AfterAll
  static void stop() {
    ecr.close();
  }

  HealthCheckGuard guard(boolean lookups) {
    return HealthCheckGuard.builder()
        .lookups(lookups)
        .cacheFile(dir.resolve("healthguard.context.json"))
        .ecrEndpoint(ecr.endpoint())
        .build();
  }

  Stack app(HealthCheckGuard guard, String name, ContainerImageFactory image, CpuArchitecture arch) {
    App app = new App();
    Stack stack = new Stack(app, name, StackProps.builder()
        .env(Environment.builder().account(FakeEcr.ACCOUNT).region(FakeEcr.REGION).build()).build());
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task")
        .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(arch).operatingSystemFamily(OperatingSystemFamily.LINUX).build())
        .build();
    task.addContainer("app", ContainerDefinitionOptions.builder()
        .image(image.make(stack))
        .healthCheck(HealthCheck.builder().command(List.of(CURL)).build())
        .build());
    Aspects.of(app).add(guard);
    return stack;
  }

  interface ContainerImageFactory {
    ContainerImage make(Stack stack);
  }

  @Test
  void aKoImageInEcrFailsTheSynthAndTheSecondSynthMakesNoRequest() throws Exception {
    ecr.resetCounts();
    Stack first = app(guard(true), "Ko", s -> ContainerImage.fromRegistry(URI + "payments/api:v1"), CpuArchitecture.X86_64);
    Annotations.fromStack(first).hasError("/Ko/Task/app",
        Match.stringLikeRegexp("^\\[HG001\\] .*ECR payments/api:v1.*no /bin/sh.*layer listing .*payments/api@sha256:.*"));
    assertTrue(ecr.total() > 0);
    assertTrue(Files.readString(dir.resolve("healthguard.context.json")).contains(URI + "payments/api:v1"));

    ecr.resetCounts();
    // Lookups off, as in CI without credentials: the committed cache still knows the image.
    Stack second = app(guard(false), "Ko", s -> ContainerImage.fromRegistry(URI + "payments/api:v1"), CpuArchitecture.X86_64);
    Annotations.fromStack(second).hasError("/Ko/Task/app", Match.stringLikeRegexp("^\\[HG001\\] .*healthguard.context.json.*"));
    assertEquals(0, ecr.total());
  }

  @Test
  void fromEcrRepositoryUsesTheStacksAccountAndRegion() {
    Stack stack = app(guard(true), "Alpine",
        s -> ContainerImage.fromEcrRepository(Repository.fromRepositoryName(s, "Repo", "team/alpine"), "3"), CpuArchitecture.X86_64);
    // alpineCurl installs curl: the check can run.
    Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
    Annotations.fromStack(stack).hasNoInfo("*", Match.stringLikeRegexp(".*HG008.*"));
  }

  @Test
  void anArmTaskOnAnAmd64OnlyImageIsAnError() {
    Stack stack = app(guard(true), "Arm", s -> ContainerImage.fromRegistry(URI + "payments/api:v1"), CpuArchitecture.ARM64);
    Annotations.fromStack(stack).hasError("/Arm/Task/app", Match.stringLikeRegexp("^\\[HG009\\] .*only for linux/amd64.*"));
  }

  @Test
  void aDeniedLookupIsAWarningNamingTheCauseAndTheSynthFinishes() {
    try (FakeEcr denying = FakeEcr.start()) {
      denying.push("team/denied", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
      denying.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.accessDenied());
      HealthCheckGuard guard = HealthCheckGuard.builder().lookups(true)
          .cacheFile(dir.resolve("denied.json")).ecrEndpoint(denying.endpoint()).build();
      Stack stack = app(guard, "Denied", s -> ContainerImage.fromRegistry(URI + "team/denied:v1"), CpuArchitecture.X86_64);
      Annotations annotations = Annotations.fromStack(stack);
      annotations.hasNoError("*", Match.anyValue());
      annotations.hasWarning("/Denied/Task/app", Match.stringLikeRegexp("^\\[HG010\\] .*team/denied:v1.*(denied|AccessDenied).*"));
    }
  }

  @Test
  void withLookupsOffAndNoCacheTheImageIsAnInfoThatSaysHowToLookItUp() {
    Stack stack = app(guard(false), "Off", s -> ContainerImage.fromRegistry(URI + "team/slow:v1"), CpuArchitecture.X86_64);
    Annotations.fromStack(stack).hasInfo("/Off/Task/app", Match.stringLikeRegexp("^\\[HG008\\] .*healthguard:lookups=true.*"));
  }
}
