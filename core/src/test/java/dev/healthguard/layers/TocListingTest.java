package dev.healthguard.layers;

import static dev.healthguard.registry.TestImages.dir;
import static dev.healthguard.registry.TestImages.executable;
import static dev.healthguard.registry.TestImages.file;
import static dev.healthguard.registry.TestImages.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.registry.LayerDescriptor;
import dev.healthguard.registry.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TocListingTest {

  static final TestImages.Entry[] ENTRIES = {
    dir("bin"),
    executable("bin/busybox", "\u007fELF busybox, long enough to be chunked"),
    symlink("bin/sh", "/bin/busybox"),
    new TestImages.Entry("bin/wget", TarArchiveEntry.LF_LINK, "", "bin/busybox", 0755),
    dir("usr/bin"),
    file("usr/bin/.wh.curl", ""),
    file("etc/.wh..wh..opq", ""),
    file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"),
  };

  /** Byte ranges served from the blob, each checked to be closed and inside it. */
  static final class Blob implements TocListing.Ranges {
    final byte[] bytes;
    final List<long[]> asked = new ArrayList<>();

    Blob(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public byte[] read(long first, long last) {
      assertTrue(first >= 0 && first <= last && last < bytes.length, first + "-" + last + " of " + bytes.length);
      asked.add(new long[] {first, last});
      return Arrays.copyOfRange(bytes, (int) first, (int) last + 1);
    }
  }

  static LayerDescriptor descriptor(TocLayers.Layer layer) {
    return new LayerDescriptor(0, layer.mediaType(), layer.digest(), layer.bytes().length, layer.annotations());
  }

  /** What streaming the same entries as a plain gzip layer lists. */
  static LayerListing streamed() throws IOException {
    TestImages.Blob plain = TestImages.layer(TestLayers.OCI_GZIP, ENTRIES);
    return LayerReader.read(new ByteArrayInputStream(plain.bytes()), plain.mediaType(), plain.digest());
  }

  @Test
  void estargz_readsTheFooterAndTheTocOnly_andListsWhatTheTarHolds() throws IOException {
    TocLayers.Layer layer = TocLayers.estargz(ENTRIES);
    Blob blob = new Blob(layer.bytes());

    TocListing.Result result = TocListing.read(descriptor(layer), blob, Limits.DEFAULTS).orElseThrow();

    LayerListing expected = streamed();
    assertEquals(expected.entries(), result.listing().entries());
    assertEquals(List.of("/usr/bin/curl"), result.listing().whiteouts());
    assertEquals(List.of("/etc"), result.listing().opaqueDirs());
    assertEquals(layer.digest(), result.listing().digest());
    // The footer, then the TOC member up to it: two closed ranges, nothing else.
    assertEquals(2, blob.asked.size());
    assertEquals(layer.bytes().length - 51, blob.asked.get(0)[0]);
    assertEquals(layer.tocBytes(), result.bytesRead());
    assertTrue(result.bytesRead() < layer.bytes().length);
  }

  @Test
  void estargz_streamedWhole_listsTheSameFilesPlusItsTocFile() throws IOException {
    TocLayers.Layer layer = TocLayers.estargz(ENTRIES);

    LayerListing whole = LayerReader.read(new ByteArrayInputStream(layer.bytes()), layer.mediaType(), layer.digest());

    List<LayerListing.Entry> withoutToc = whole.entries().stream().filter(e -> !e.path().equals("/stargz.index.json")).toList();
    assertEquals(streamed().entries(), withoutToc);
  }

  @Test
  void zstdChunked_readsOneRange_andSkipsChunkEntries() throws IOException {
    TocLayers.Layer layer = TocLayers.zstdChunked(ENTRIES);
    Blob blob = new Blob(layer.bytes());

    TocListing.Result result = TocListing.read(descriptor(layer), blob, Limits.DEFAULTS).orElseThrow();

    assertEquals(streamed().entries(), result.listing().entries());
    assertEquals(List.of("/usr/bin/curl"), result.listing().whiteouts());
    assertEquals(1, blob.asked.size());
    assertEquals(layer.tocBytes(), result.bytesRead());
    assertEquals(LayerListing.Compression.ZSTD, result.listing().compression());
  }

  @Test
  void aLayerWithoutTocAnnotations_isNotReadThisWay() {
    TestImages.Blob plain = TestImages.layer(TestLayers.OCI_GZIP, ENTRIES);
    LayerDescriptor d = new LayerDescriptor(0, plain.mediaType(), plain.digest(), plain.size(), Map.of());
    Blob blob = new Blob(plain.bytes());

    assertFalse(TocListing.annotated(d.annotations()));
    assertEquals(Optional.empty(), TocListing.read(d, blob, Limits.DEFAULTS));
    assertEquals(0, blob.asked.size());
  }

  @Test
  void theOlderZstdChunkedKeys_areNotTrusted() {
    TocLayers.Layer layer = TocLayers.zstdChunked(ENTRIES);
    Map<String, String> old = Map.of(
        "io.containers.zstd-chunked.manifest-checksum", layer.annotations().get("io.github.containers.zstd-chunked.manifest-checksum"),
        "io.containers.zstd-chunked.manifest-position", layer.annotations().get("io.github.containers.zstd-chunked.manifest-position"));

    assertFalse(TocListing.annotated(old));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
    "wrong checksum", "position with three fields", "position past the end", "type 2", "negative field",
    "uncompressed length that lies", "zero length"})
  void zstdChunked_anyProblem_fallsBackToStreaming(String problem) {
    TocLayers.Layer good = TocLayers.zstdChunked(ENTRIES);
    String[] p = good.annotations().get(ZstdChunkedToc.POSITION).split(":");
    TocLayers.Layer bad = switch (problem) {
      case "wrong checksum" -> good.withAnnotation(ZstdChunkedToc.CHECKSUM, "sha256:" + "0".repeat(64));
      case "position with three fields" -> good.withAnnotation(ZstdChunkedToc.POSITION, p[0] + ":" + p[1] + ":" + p[2]);
      case "position past the end" -> good.withAnnotation(ZstdChunkedToc.POSITION,
          good.bytes().length + ":" + p[1] + ":" + p[2] + ":1");
      case "type 2" -> good.withAnnotation(ZstdChunkedToc.POSITION, p[0] + ":" + p[1] + ":" + p[2] + ":2");
      case "negative field" -> good.withAnnotation(ZstdChunkedToc.POSITION, "-" + p[0] + ":" + p[1] + ":" + p[2] + ":1");
      case "uncompressed length that lies" -> good.withAnnotation(ZstdChunkedToc.POSITION,
          p[0] + ":" + p[1] + ":" + (Long.parseLong(p[2]) - 1) + ":1");
      default -> good.withAnnotation(ZstdChunkedToc.POSITION, p[0] + ":0:" + p[2] + ":1");
    };

    assertEquals(Optional.empty(), TocListing.read(descriptor(bad), new Blob(bad.bytes()), Limits.DEFAULTS));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"wrong digest", "no footer", "footer offset past the TOC", "short read", "failing read",
      "too many entries"})
  void estargz_anyProblem_fallsBackToStreaming(String problem) {
    TocLayers.Layer good = TocLayers.estargz(ENTRIES);
    byte[] bytes = good.bytes().clone();
    TocLayers.Layer layer = good;
    TocListing.Ranges ranges = new Blob(bytes);
    Limits limits = Limits.DEFAULTS;
    switch (problem) {
      case "wrong digest" -> layer = good.withAnnotation(EstargzToc.TOC_DIGEST, "sha256:" + "0".repeat(64));
      case "no footer" -> bytes[bytes.length - 51 + 12] = 'X';
      case "footer offset past the TOC" -> System.arraycopy(
          String.format("%016x", bytes.length).getBytes(), 0, bytes, bytes.length - 51 + 16, 16);
      case "short read" -> ranges = (first, last) -> Arrays.copyOfRange(bytes, (int) first, (int) last);
      case "failing read" -> ranges = (first, last) -> {
        throw new IOException("connection reset");
      };
      default -> limits = Limits.DEFAULTS.withMaxEntries(3);
    }
    LayerDescriptor d = new LayerDescriptor(0, layer.mediaType(), good.digest(), bytes.length, layer.annotations());
    assertEquals(Optional.empty(), TocListing.read(d, ranges, limits));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
    "{\"version\":1,\"entries\":[{\"name\":\"bin/sh\",\"type\":\"whiteout\"}]}",
    "{\"version\":2,\"entries\":[]}",
    "{\"version\":1}",
    "{\"version\":1,\"entries\":[{\"type\":\"reg\"}]}",
    "{\"version\":1,\"entries\":[{\"name\":\"../etc/passwd\",\"type\":\"reg\"}]}",
    "{\"version\":1,\"entries\":[{\"name\":\"bin/sh\",\"type\":\"reg\",\"mode\":\"0755\"}]}",
    "{\"version\":1,\"entries\":[",
  })
  void aTocThatIsNotAValidListing_fallsBackToStreaming(String toc) {
    TocLayers.Layer layer = TocLayers.estargzWithToc(ENTRIES, toc);

    assertEquals(Optional.empty(), TocListing.read(descriptor(layer), new Blob(layer.bytes()), Limits.DEFAULTS));
  }
}
