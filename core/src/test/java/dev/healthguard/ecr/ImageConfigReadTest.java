package dev.healthguard.ecr;

import dev.healthguard.registry.Fast;
import dev.healthguard.registry.TestImages;
import dev.healthguard.registry.BaseImageHint;
import dev.healthguard.registry.ConfigHealthcheck;
import dev.healthguard.registry.ImageConfig;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RemoteImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The config fields and base-image hints of real images, read through {@link FakeEcr}. */
class ImageConfigReadTest {

  FakeEcr fake;
  EcrLookup lookup;

  @BeforeEach
  void start() {
    fake = FakeEcr.start();
    lookup = fake.lookupBuilder().options(Fast.OPTIONS).build();
  }

  @AfterEach
  void stop() {
    lookup.close();
    fake.close();
  }

  @Test
  void alpineImage_config() {
    // GIVEN
    fake.push("team/web", "v1", TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST));

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/web", "v1")).orElseThrow();
    ImageConfig config = image.config();

    // THEN
    assertEquals(Optional.of("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), config.path());
    assertEquals(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"), config.pathEntries());
    assertEquals(Optional.of("8080"), config.env("APP_PORT"));
    assertEquals("app:app", config.user());
    assertEquals("/srv", config.workingDir());
    assertEquals(List.of(), config.entrypoint());
    assertEquals(List.of("/bin/sh"), config.cmd());
    assertEquals(List.of(), config.shell());
    assertEquals("linux", config.os());
    assertEquals("amd64", config.architecture());
    assertEquals(
        new ConfigHealthcheck(List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), 30, 5, 10, null, 3),
        config.healthcheck());
    assertEquals("team@example.com", config.labels().get("maintainer"));
    assertTrue(config.createdBy().contains("RUN /bin/sh -c apk add --no-cache curl # buildkit"), config.createdBy().toString());
    assertEquals(5, config.history().size());
    assertTrue(config.history().get(1).emptyLayer());
    assertEquals("buildkit.dockerfile.v0", config.history().get(2).comment());
    assertEquals(2, config.diffIds().size());
    assertEquals(
        Optional.of(new BaseImageHint("docker.io/library/alpine:3.20", null, BaseImageHint.Source.CONFIG_LABEL)), image.baseImage());
  }

  @Test
  void koImage_configAndBaseAnnotations() {
    // GIVEN
    fake.push("team/api", "v1", TestImages.koMultiArch());

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/api", "v1"), Platform.LINUX_ARM64).orElseThrow();
    ImageConfig config = image.config();

    // THEN
    assertEquals(List.of("/ko-app/server"), config.entrypoint());
    assertEquals(List.of(), config.cmd());
    assertTrue(config.pathEntries().contains("/ko-app"), config.pathEntries().toString());
    assertEquals("65532", config.user());
    assertNull(config.healthcheck());
    assertEquals(TestImages.KO_BASE, image.annotations().get(BaseImageHint.NAME_KEY));
    assertEquals(TestImages.KO_BASE, image.indexAnnotations().get(BaseImageHint.NAME_KEY));
    assertEquals(
        Optional.of(new BaseImageHint(TestImages.KO_BASE, TestImages.KO_BASE_DIGEST, BaseImageHint.Source.MANIFEST_ANNOTATION)),
        image.baseImage());
    assertTrue(image.pinned().endsWith("/team/api@" + image.manifestDigest()), image.pinned());
  }

  @Test
  void baseHint_fromIndexAnnotations_whenTheManifestHasNone() {
    // GIVEN
    TestImages.Image plain = TestImages.ociImage(
        TestImages.koStatic(Platform.LINUX_AMD64).config(), TestImages.koStatic(Platform.LINUX_AMD64).layers(), java.util.Map.of());
    fake.push("team/api", "v1", TestImages.ociIndex(List.of(plain), java.util.Map.of(BaseImageHint.NAME_KEY, TestImages.KO_BASE), false));

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/api", "v1")).orElseThrow();

    // THEN
    assertEquals(
        Optional.of(new BaseImageHint(TestImages.KO_BASE, null, BaseImageHint.Source.INDEX_ANNOTATION)), image.baseImage());
  }
}
