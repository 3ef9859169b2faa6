package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;
import dev.healthguard.registry.Fast;
import dev.healthguard.registry.TestImages;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupResult;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RemoteImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read path against {@link FakeEcr} with the real SDK client: formats and platform choice. */
class EcrLookupResolveTest {

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
  void resolve_ociIndex_choosesAmd64ByDefault() {
    // GIVEN
    TestImages.Index index = TestImages.koMultiArch();
    fake.push("team/api", "v1", index);

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/api", "v1")).orElseThrow();

    // THEN
    TestImages.Image amd64 = index.image("amd64");
    assertEquals(index.index().digest(), image.indexDigest());
    assertEquals(amd64.manifest().digest(), image.manifestDigest());
    assertEquals(Platform.LINUX_AMD64, image.chosen());
    assertEquals(List.of(Platform.LINUX_AMD64, new Platform("linux", "arm64", "v8")), image.platformsOffered());
    assertEquals("application/vnd.oci.image.manifest.v1+json", image.manifestMediaType());
    assertEquals(amd64.layers().size(), image.layers().size());
    assertEquals(amd64.layers().get(1).digest(), image.layers().get(1).digest());
    assertEquals(1, image.layers().get(1).index());
    assertEquals(index.index().digest(), image.resolvedDigest());
    assertEquals(2, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
    assertEquals(1, fake.count(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER));
    assertEquals(1, fake.count(FakeEcr.Op.BLOB));
  }

  @Test
  void resolve_ociIndex_choosesArm64V8ForArm64Task() {
    // GIVEN
    TestImages.Index index = TestImages.koMultiArch();
    fake.push("team/api", "v1", index);

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/api", "v1"), Platform.forEcsCpuArchitecture("ARM64")).orElseThrow();

    // THEN
    assertEquals(index.image("arm64").manifest().digest(), image.manifestDigest());
    assertEquals(new Platform("linux", "arm64", "v8"), image.chosen());
    assertEquals("arm64", image.config().architecture());
    assertEquals("v8", image.config().variant());
  }

  @Test
  void resolve_sendsAcceptedMediaTypesAndRegistryId() {
    // GIVEN
    fake.push("team/api", "v1", TestImages.koMultiArch());

    // WHEN
    lookup.resolve(FakeEcr.ref("team/api", "v1"));

    // THEN
    String body = fake.requests(FakeEcr.Op.BATCH_GET_IMAGE).get(0).body();
    assertTrue(body.contains("\"registryId\":\"123456789012\""), body);
    for (String type : List.of(TestImages.OCI_INDEX, TestImages.DOCKER_LIST, TestImages.OCI_MANIFEST, TestImages.DOCKER_MANIFEST)) {
      assertTrue(body.contains(type), type + " in " + body);
    }
  }

  @Test
  void resolve_dockerManifestList_choosesEachPlatform() {
    // GIVEN
    TestImages.Index list = TestImages.alpineDockerList();
    fake.push("team/web", "3", list);

    // WHEN
    RemoteImage amd64 = lookup.resolve(FakeEcr.ref("team/web", "3"), Platform.LINUX_AMD64).orElseThrow();
    RemoteImage arm64 = lookup.resolve(FakeEcr.ref("team/web", "3"), Platform.LINUX_ARM64).orElseThrow();

    // THEN
    assertEquals(list.image("amd64").manifest().digest(), amd64.manifestDigest());
    assertEquals(list.image("arm64").manifest().digest(), arm64.manifestDigest());
    assertEquals("application/vnd.docker.distribution.manifest.v2+json", arm64.manifestMediaType());
    assertEquals("application/vnd.docker.container.image.v1+json", arm64.config().mediaType());
    assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip", arm64.layers().get(0).mediaType());
  }

  @Test
  void resolve_singleOciManifest() {
    // GIVEN
    TestImages.Image image = TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST);
    fake.push("team/web", "v2", image);

    // WHEN
    RemoteImage read = lookup.resolve(FakeEcr.ref("team/web", "v2")).orElseThrow();

    // THEN
    assertNull(read.indexDigest());
    assertEquals(image.manifest().digest(), read.manifestDigest());
    assertEquals(image.manifest().digest(), read.resolvedDigest());
    assertEquals(List.of(Platform.LINUX_AMD64), read.platformsOffered());
    assertEquals(1, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
    assertTrue(read.indexAnnotations().isEmpty());
  }

  @Test
  void resolve_singleDockerV2Manifest() {
    // GIVEN
    TestImages.Image image = TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.DOCKER_MANIFEST);
    fake.push("team/web", "v2", image);

    // WHEN
    RemoteImage read = lookup.resolve(FakeEcr.ref("team/web", "v2")).orElseThrow();

    // THEN
    assertEquals(image.manifest().digest(), read.manifestDigest());
    assertEquals("application/vnd.docker.distribution.manifest.v2+json", read.manifestMediaType());
    assertEquals(image.config().digest(), read.config().digest());
  }

  @Test
  void resolve_byDigest_readsTheSameImage() {
    // GIVEN
    TestImages.Index index = TestImages.koMultiArch();
    fake.push("team/api", "v1", index);

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/api", index.index().digest()), Platform.LINUX_ARM64).orElseThrow();

    // THEN
    assertEquals(index.image("arm64").manifest().digest(), image.manifestDigest());
    assertTrue(fake.requests(FakeEcr.Op.BATCH_GET_IMAGE).get(0).body().contains(index.index().digest()));
  }

  @Test
  void resolve_indexWithoutWantedPlatform_reportsWhatItOffers() {
    // GIVEN an amd64-only index (plus its attestation, which is not a platform)
    TestImages.Index index =
        TestImages.ociIndex(List.of(TestImages.koStatic(Platform.LINUX_AMD64)), Map.of(), true);
    fake.push("team/api", "amd64-only", index);

    // WHEN
    LookupResult result = lookup.resolve(FakeEcr.ref("team/api", "amd64-only"), Platform.LINUX_ARM64);

    // THEN
    LookupResult.PlatformNotFound missing = assertInstanceOf(LookupResult.PlatformNotFound.class, result);
    assertEquals(List.of(Platform.LINUX_AMD64), missing.offered());
    assertEquals(Platform.LINUX_ARM64, missing.wanted());
    assertEquals(index.index().digest(), missing.digest());
    assertEquals(
        "Image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:amd64-only has no linux/arm64 manifest; it offers linux/amd64",
        missing.message());
    assertEquals(1, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
    assertEquals(0, fake.count(FakeEcr.Op.BLOB));
    LookupException e = assertThrows(LookupException.class, missing::orElseThrow);
    assertEquals(LookupException.Kind.PLATFORM_NOT_FOUND, e.kind());
  }

  @Test
  void resolve_singleManifestOfAnotherArchitecture_reportsIt() {
    // GIVEN
    fake.push("team/web", "arm", TestImages.alpineCurl(new Platform("linux", "arm64", "v8"), TestImages.OCI_MANIFEST));

    // WHEN
    LookupResult result = lookup.resolve(FakeEcr.ref("team/web", "arm"), Platform.LINUX_AMD64);

    // THEN
    LookupResult.PlatformNotFound missing = assertInstanceOf(LookupResult.PlatformNotFound.class, result);
    assertEquals(List.of(new Platform("linux", "arm64", "v8")), missing.offered());
  }

  @Test
  void resolve_indexEntryWithoutPlatform_isReadByItsConfig() {
    // GIVEN an index whose only entry names no platform (image-index.md: platform is OPTIONAL)
    TestImages.Image arm = TestImages.koStatic(Platform.LINUX_ARM64);
    TestImages.Index index = TestImages.rawIndex(TestImages.OCI_INDEX, List.of(arm), List.of(descriptorOnly(arm)));
    fake.push("team/api", "bare", index);

    // WHEN
    LookupResult forArm = lookup.resolve(FakeEcr.ref("team/api", "bare"), Platform.LINUX_ARM64);
    LookupResult forAmd = lookup.resolve(FakeEcr.ref("team/api", "bare"), Platform.LINUX_AMD64);

    // THEN
    assertEquals(arm.manifest().digest(), forArm.orElseThrow().manifestDigest());
    LookupResult.PlatformNotFound missing = assertInstanceOf(LookupResult.PlatformNotFound.class, forAmd);
    assertEquals(List.of(Platform.LINUX_ARM64), missing.offered());
  }

  @Test
  void resolve_imageInAnotherRegion_isRefused() {
    ImageName elsewhere = ImageName.ecr(FakeEcr.ACCOUNT, "us-east-1", "team/api", "v1");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lookup.resolve(elsewhere));

    assertTrue(e.getMessage().contains("build one lookup per region"), e.getMessage());
    assertEquals(0, fake.total());
  }

  @Test
  void resolve_attestationEntriesAreNeverChosen() {
    // GIVEN an index with only an attestation-like entry for the wanted platform's digest
    TestImages.Index index = TestImages.koMultiArch();
    fake.push("team/api", "v1", index);

    // WHEN
    RemoteImage image = lookup.resolve(FakeEcr.ref("team/api", "v1")).orElseThrow();

    // THEN
    assertFalse(image.platformsOffered().stream().anyMatch(Platform::isUnknown));
    assertFalse(index.others().stream().anyMatch(o -> o.manifest().digest().equals(image.manifestDigest())));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode descriptorOnly(TestImages.Image image) {
    com.fasterxml.jackson.databind.node.ObjectNode e = TestImages.entry(image);
    e.remove("platform");
    return e;
  }
}
