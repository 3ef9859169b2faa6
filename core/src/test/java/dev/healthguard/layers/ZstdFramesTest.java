package dev.healthguard.layers;

import static dev.healthguard.registry.TestImages.dir;
import static dev.healthguard.registry.TestImages.executable;
import static dev.healthguard.registry.TestImages.symlink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.healthguard.registry.TestImages;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZstdFramesTest {

  static byte[] decode(byte[] stream) throws IOException {
    try (InputStream in = new ZstdInputStream(new ZstdFrames(new ByteArrayInputStream(stream)))) {
      return in.readAllBytes();
    }
  }

  @Test
  void skippableFrames_anywhere_areLeftOut_andTheFramesDecodeWhole() throws IOException {
    byte[] big = new byte[1_000_000];
    new SplittableRandom(7).nextBytes(big);
    Arrays.fill(big, 200_000, 600_000, (byte) 'x'); // compressed and RLE-friendly blocks beside raw ones
    byte[] stream = TocLayers.concat(TocLayers.skippable(new byte[] {1, 2, 3}), TocLayers.zstd(big),
        TocLayers.skippable(new byte[0]), TocLayers.zstd("tail".getBytes()), TocLayers.skippable(new byte[64]));

    byte[] decoded = decode(stream);

    assertArrayEquals(TocLayers.concat(big, "tail".getBytes()), decoded);
  }

  @Test
  void withoutTheFilter_theDecoderRejectsASkippableFrame() {
    byte[] stream = TocLayers.concat(TocLayers.zstd("a".getBytes()), TocLayers.skippable(new byte[] {9}));

    assertThrows(RuntimeException.class, () -> {
      try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(stream))) {
        in.readAllBytes();
      }
    });
  }

  @Test
  void aZstdChunkedLayer_streamsLikeAnyZstdLayer() throws IOException {
    TestImages.Entry[] entries = {dir("bin"), executable("bin/busybox", "\u007fELF"), symlink("bin/sh", "/bin/busybox")};
    TocLayers.Layer layer = TocLayers.zstdChunked(entries);
    TestImages.Blob plain = TestImages.layer(TestLayers.OCI_GZIP, entries);

    LayerListing streamed = LayerReader.read(new ByteArrayInputStream(layer.bytes()), layer.mediaType(), layer.digest());

    assertEquals(LayerReader.read(new ByteArrayInputStream(plain.bytes()), plain.mediaType(), plain.digest()).entries(),
        streamed.entries());
    assertEquals(LayerListing.Compression.ZSTD, streamed.compression());
  }

  @Test
  void aStreamCutInsideAFrame_staysCutForTheDecoder() {
    byte[] data = new byte[100_000];
    new SplittableRandom(3).nextBytes(data);
    byte[] whole = TocLayers.zstd(data);
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    assertThrows(Exception.class, () -> decode(cut));
  }

  @Test
  void aCutSkippableFrame_isAnEndOfFileError() {
    byte[] stream = TocLayers.concat(TocLayers.zstd("a".getBytes()), Arrays.copyOf(TocLayers.skippable(new byte[10]), 12));

    assertThrows(IOException.class, () -> decode(stream));
  }
}
