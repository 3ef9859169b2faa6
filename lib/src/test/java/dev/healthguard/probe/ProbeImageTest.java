package dev.healthguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;

class ProbeImageTest {

  static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  static final String MESSAGE = "pin the probe image by digest so a tag move cannot change what runs in every task";

  @Test
  void fromRegistryRejectsATag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProbeImage.fromRegistry("public.ecr.aws/acme/probe:1.0"));
    assertTrue(e.getMessage().contains("got 'public.ecr.aws/acme/probe:1.0' with no digest"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains(MESSAGE), e.getMessage());
  }

  @Test
  void fromRegistryRejectsANameWithoutTagOrDigest() {
    assertThrows(IllegalArgumentException.class, () -> ProbeImage.fromRegistry("acme/probe"));
  }

  @Test
  void fromRegistryRejectsAMalformedDigest() {
    IllegalArgumentException upper = assertThrows(IllegalArgumentException.class,
        () -> ProbeImage.fromRegistry("acme/probe@" + DIGEST.toUpperCase()));
    assertTrue(upper.getMessage().contains("that is not sha256: followed by 64 lowercase hex digits"), upper.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProbeImage.fromRegistry("acme/probe@sha256:abc"));
    assertThrows(IllegalArgumentException.class, () -> ProbeImage.fromRegistry("acme/probe@sha512:" + "ab".repeat(64)));
  }

  @Test
  void fromRegistryRejectsBlankAndNull() {
    assertThrows(IllegalArgumentException.class, () -> ProbeImage.fromRegistry(" "));
    assertThrows(IllegalArgumentException.class, () -> ProbeImage.fromRegistry(null));
  }

  @Test
  void fromRegistryAcceptsADigest() {
    String reference = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/healthguard-probe@" + DIGEST;
    ProbeImage probe = ProbeImage.fromRegistry(reference);
    assertEquals(reference, probe.description());
    assertTrue(probe.buildContext().isEmpty());
  }

  @Test
  void fromRegistryAcceptsATagPinnedByDigest() {
    ProbeImage probe = ProbeImage.fromRegistry("acme/probe:1.0@" + DIGEST);
    assertEquals("acme/probe:1.0@" + DIGEST, probe.description());
  }

  @Test
  void ofNeedsADescription() {
    ContainerImage image = ContainerImage.fromRegistry("acme/probe@" + DIGEST);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeImage.of(image, " "));
    assertTrue(e.getMessage().startsWith("ProbeImage.of: description must name the image"), e.getMessage());
    ProbeImage probe = ProbeImage.of(image, " platform team probe ");
    assertEquals("platform team probe", probe.description());
    assertSame(image, probe.containerImage());
  }

  @Test
  void bundledIsAnAssetOfTheProbeSourcesWithAStableHash() throws Exception {
    // GIVEN: two calls, each used by a container of its own stack
    ProbeImage first = ProbeImage.bundled();
    ProbeImage second = ProbeImage.bundled();
    Path dir = first.buildContext().orElseThrow();
    App app = new App();
    String hashOne = assetHash(app, "One", first);
    String hashTwo = assetHash(app, "Two", second);

    // THEN: the asset's directory holds the probe's build context
    assertEquals(dir, second.buildContext().orElseThrow());
    assertTrue(dir.getFileName().toString().matches("healthguard-probe-[0-9a-f]{12}"), dir.toString());
    assertTrue(Files.isRegularFile(dir.resolve("Dockerfile")));
    assertTrue(Files.isRegularFile(dir.resolve("main.go")));
    assertTrue(Files.isRegularFile(dir.resolve("go.mod")));
    // and its content hash is the same for both calls
    assertEquals(hashOne, hashTwo);
    assertTrue(first.description().startsWith("the bundled HealthGuard probe"), first.description());
  }

  static String assetHash(App app, String id, ProbeImage probe) {
    Stack stack = new Stack(app, id);
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, "Task").build();
    task.addContainer("probe", ContainerDefinitionOptions.builder().image(probe.containerImage()).build());
    DockerImageAsset asset = (DockerImageAsset) task.getNode().findChild("probe").getNode().findChild("AssetImage");
    return asset.getAssetHash();
  }
}
