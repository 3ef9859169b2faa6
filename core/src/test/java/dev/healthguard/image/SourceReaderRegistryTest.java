package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.ecr.RegistryRouter;
import dev.healthguard.layers.Limits;
import dev.healthguard.registry.Fast;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RealRegistry;
import dev.healthguard.registry.RegistryClient;
import dev.healthguard.registry.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A first lookup by tag, as a synth makes it (issue 9 item 5): through the router to the real
 * registry behind its token flow, every document is fetched once — the tag's manifest, the
 * platform's manifest by digest, the config, each layer — and nothing is resolved twice.
 */
class SourceReaderRegistryTest {

  static RealRegistry registry;
  static TestImages.Index ko = TestImages.koMultiArch();
  static TestImages.Image alpine = TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST);

  @BeforeAll
  static void start() {
    registry = RealRegistry.startWithTokenAuth(null);
    registry.push("demo/ko", "v1", ko);
    registry.push("demo/alpine", "3", alpine);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  SourceReader reader() {
    RegistryClient oci = RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(registry.host())).build();
    return new SourceReader(new RegistryRouter(null, Fast.OPTIONS, oci), Limits.DEFAULTS);
  }

  @Test
  void aFirstLookupByTag_ofAnIndex_fetchesEachDocumentOnce() {
    TestImages.Image arm = ko.image("arm64");
    registry.resetCounts();

    RegistryReader.Read read;
    try (SourceReader reader = reader()) {
      read = reader.read(ImageName.parse(registry.host() + "/demo/ko:v1"), "linux/arm64");
    }

    assertEquals(ko.index().digest(), read.digest());
    assertEquals(2, read.facts().listing().layers().size());
    List<String> expected = new ArrayList<>();
    // The first manifest GET is the token challenge; the retry is the one read.
    expected.add("GET /v2/demo/ko/manifests/v1");
    expected.add("GET /v2/demo/ko/manifests/v1");
    expected.add("GET /v2/demo/ko/manifests/" + arm.manifest().digest());
    expected.add("GET /v2/demo/ko/blobs/" + arm.config().digest());
    arm.layers().forEach(layer -> expected.add("GET /v2/demo/ko/blobs/" + layer.digest()));
    assertEquals(expected, registry.pulls());
  }

  @Test
  void aFirstLookupByTag_ofASingleManifest_readsTheConfigOnce() {
    registry.resetCounts();

    RegistryReader.Read read;
    try (SourceReader reader = reader()) {
      read = reader.read(ImageName.parse(registry.host() + "/demo/alpine:3"), "linux/amd64");
    }

    assertEquals(alpine.manifest().digest(), read.digest());
    assertEquals("/bin/busybox", read.facts().listing().shell());
    List<String> pulls = registry.pulls();
    assertEquals(1, pulls.stream().filter(p -> p.endsWith("/blobs/" + alpine.config().digest())).count(), pulls.toString());
    assertEquals(List.of(
        "GET /v2/demo/alpine/manifests/3", "GET /v2/demo/alpine/manifests/3",
        "GET /v2/demo/alpine/blobs/" + alpine.config().digest(),
        "GET /v2/demo/alpine/blobs/" + alpine.layers().get(0).digest(),
        "GET /v2/demo/alpine/blobs/" + alpine.layers().get(1).digest()), pulls);
    assertTrue(pulls.stream().noneMatch(p -> p.startsWith("HEAD")), "no separate digest request: " + pulls);
  }
}
