package dev.healthguard.image;

import static dev.healthguard.registry.TestImages.dir;
import static dev.healthguard.registry.TestImages.executable;
import static dev.healthguard.registry.TestImages.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.Limits;
import dev.healthguard.layers.TocLayers;
import dev.healthguard.registry.Fast;
import dev.healthguard.registry.ImageAddress;
import dev.healthguard.registry.ImageSource;
import dev.healthguard.registry.LayerDescriptor;
import dev.healthguard.registry.LookupResult;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RealRegistry;
import dev.healthguard.registry.RegistryClient;
import dev.healthguard.registry.RemoteImage;
import dev.healthguard.registry.TestImages;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layers whose annotations name a table of contents are listed from it, by closed byte ranges
 * against the real registry, and streamed whole when the TOC cannot be used (issue 9 item 5).
 */
class TocRegistryTest {

  static RealRegistry registry;
  static final TocLayers.Layer BASE = TocLayers.estargz(
      dir("bin"), executable("bin/busybox", "\u007fELF busybox"), symlink("bin/sh", "/bin/busybox"),
      dir("usr/bin"), symlink("usr/bin/wget", "/bin/busybox"));
  static final TocLayers.Layer CURL = TocLayers.zstdChunked(dir("usr/bin"), executable("usr/bin/curl", "\u007fELF curl"));

  @BeforeAll
  static void start() {
    registry = RealRegistry.start();
    registry.push("demo/toc", "v1", image(BASE, CURL));
    registry.push("demo/toc", "bad-digest", image(BASE.withAnnotation("containerd.io/snapshot/stargz/toc.digest",
        "sha256:" + "0".repeat(64)), CURL));
    registry.push("demo/toc", "bad-position", image(BASE, CURL.withAnnotation(
        "io.github.containers.zstd-chunked.manifest-position", "0:10:10:1")));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  static TestImages.Image image(TocLayers.Layer... layers) {
    List<TestImages.Blob> blobs = new ArrayList<>();
    List<Map<String, String>> annotations = new ArrayList<>();
    for (TocLayers.Layer layer : layers) {
      blobs.add(layer.blob());
      annotations.add(layer.annotations());
    }
    TestImages.Blob config = TestImages.config(Platform.LINUX_AMD64)
        .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .build(TestImages.OCI_CONFIG, blobs);
    return TestImages.ociImage(config, blobs, annotations);
  }

  /** The router's view, counting what is streamed and what is read by range. */
  static final class Counting implements ImageSource {
    final ImageSource source;
    final List<String> streamed = new ArrayList<>();
    long rangeBytes;

    Counting(ImageSource source) {
      this.source = source;
    }

    @Override
    public LookupResult resolve(ImageAddress image, Platform wanted) {
      return source.resolve(image, wanted);
    }

    @Override
    public InputStream openLayer(RemoteImage image, LayerDescriptor layer) {
      streamed.add(layer.digest());
      return source.openLayer(image, layer);
    }

    @Override
    public byte[] readLayerRange(RemoteImage image, LayerDescriptor layer, long first, long last) {
      byte[] bytes = source.readLayerRange(image, layer, first, last);
      rangeBytes += bytes.length;
      return bytes;
    }

    @Override
    public void close() {
      source.close();
    }
  }

  Counting counting() {
    return new Counting(RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(registry.host())).build());
  }

  @Test
  void tocLayers_areListedFromTheirTables_byClosedRanges_withoutStreaming() {
    Counting source = counting();
    registry.resetCounts();

    RegistryFacts facts;
    try (SourceReader reader = new SourceReader(source, Limits.DEFAULTS)) {
      facts = reader.read(ImageName.parse(registry.host() + "/demo/toc:v1"), "linux/amd64").facts();
    }

    assertEquals("/bin/busybox", facts.listing().shell());
    assertEquals(Map.of("/bin/busybox", 0, "/bin/sh", 0, "/usr/bin/wget", 0, "/usr/bin/curl", 1), executables(facts));
    assertEquals(List.of(), source.streamed, "no layer streamed");
    assertEquals(BASE.tocBytes() + CURL.tocBytes(), source.rangeBytes);
    assertTrue(source.rangeBytes < BASE.bytes().length + CURL.bytes().length);
    // The eStargz footer and TOC, then the zstd:chunked TOC, each a GET of the blob with a range.
    List<String> layerGets = registry.pulls().stream().filter(p -> p.endsWith(BASE.digest()) || p.endsWith(CURL.digest())).toList();
    assertEquals(List.of(
        "GET /v2/demo/toc/blobs/" + BASE.digest(), "GET /v2/demo/toc/blobs/" + BASE.digest(),
        "GET /v2/demo/toc/blobs/" + CURL.digest()), layerGets);
  }

  @Test
  void aTocThatDoesNotMatchItsDigest_isNotUsed_andTheLayerIsStreamed() {
    Counting source = counting();

    RegistryFacts facts;
    try (SourceReader reader = new SourceReader(source, Limits.DEFAULTS)) {
      facts = reader.read(ImageName.parse(registry.host() + "/demo/toc:bad-digest"), "linux/amd64").facts();
    }

    assertEquals(List.of(BASE.digest()), source.streamed);
    assertEquals("/bin/busybox", facts.listing().shell());
    assertEquals(Map.of("/bin/busybox", 0, "/bin/sh", 0, "/usr/bin/wget", 0, "/usr/bin/curl", 1), executables(facts));
  }

  static Map<String, Integer> executables(RegistryFacts facts) {
    return facts.listing().executables();
  }

  @Test
  void aZstdChunkedTocThatCannotBeRead_streamsTheLayer_skippingItsSkippableFrames() {
    Counting source = counting();

    RegistryFacts facts;
    try (SourceReader reader = new SourceReader(source, Limits.DEFAULTS)) {
      facts = reader.read(ImageName.parse(registry.host() + "/demo/toc:bad-position"), "linux/amd64").facts();
    }

    assertEquals(List.of(CURL.digest()), source.streamed);
    assertEquals(Map.of("/bin/busybox", 0, "/bin/sh", 0, "/usr/bin/wget", 0, "/usr/bin/curl", 1), executables(facts));
  }
}
