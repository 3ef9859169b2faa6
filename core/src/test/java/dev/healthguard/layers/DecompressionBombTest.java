package dev.healthguard.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** Layers that decompress to far more than they are: stopped early, by ratio or by size. */
class DecompressionBombTest {
  private static final int MIB = 1 << 20;

  /** A 512-byte tar header announcing one file of {@code size} bytes. */
  private static byte[] header(long size) {
    TarArchiveEntry e = new TarArchiveEntry("zeros");
    e.setSize(size);
    e.setMode(0100644);
    byte[] h = new byte[512];
    e.writeEntryHeader(h);
    return h;
  }

  /**
   * gzip of a tar header and then {@code mib} MiB of zeros, as concatenated members: the zero
   * member is compressed once and repeated, so building a 4 GiB bomb takes milliseconds.
   */
  private static byte[] gzipBomb(int mib) {
    byte[] zeros16 = TestLayers.gzipBytes(new byte[16 * MIB]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TestLayers.gzipBytes(header(Math.min((long) mib * MIB, 4L << 30))));
    for (int i = 0; i < mib / 16; i++) {
      out.writeBytes(zeros16);
    }
    return out.toByteArray();
  }

  /** Counts what the reader takes from the blob. */
  private static final class Counting extends FilterInputStream {
    long read;

    Counting(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }
  }

  @Test
  void sixteenGibibytesOfGzippedZerosStopAtTheRatioLimit_havingReadLittleOfTheBlob() {
    // GIVEN 16 GiB of zeros in about 16 MB of gzip (ratio about 1000:1)
    byte[] bomb = gzipBomb(16 * 1024);
    Counting in = new Counting(bomb);

    // WHEN
    LayerException e = assertThrows(LayerException.class,
        () -> LayerReader.read(in, TestLayers.OCI_GZIP, TestLayers.sha256(bomb), Limits.DEFAULTS));

    // THEN stopped just after the 64 MiB grace, with read-ahead of a few buffers at most
    assertEquals(LayerException.Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().startsWith("layer " + TestLayers.sha256(bomb)
        + " exceeds maxCompressionRatio, a likely decompression bomb: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("limit 100:1 after 67,108,864 bytes; raise it with"
        + " Limits.withMaxCompressionRatio(…)"), e.getMessage());
    assertTrue(in.read < bomb.length / 4, in.read + " of " + bomb.length);
  }

  @Test
  void theSizeLimitStopsABombTheRatioLetsThrough() {
    byte[] bomb = gzipBomb(256);

    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(bomb), TestLayers.OCI_GZIP, TestLayers.sha256(bomb),
        Limits.DEFAULTS.withMaxCompressionRatio(10_000).withMaxUncompressedBytes(32L * MIB)));

    assertEquals(LayerException.Kind.LIMIT_EXCEEDED, e.kind());
    assertEquals("layer " + TestLayers.sha256(bomb) + " exceeds maxUncompressedBytes: more than"
        + " 33,554,432 bytes of tar, limit 33,554,432; raise it with Limits.withMaxUncompressedBytes(…)",
        e.getMessage());
  }

  @Test
  void zstdBombStopsToo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(header(64L * MIB));
      byte[] zeros = new byte[MIB];
      for (int i = 0; i < 64; i++) {
        z.write(zeros);
      }
    }
    byte[] bomb = out.toByteArray();

    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(bomb), TestLayers.OCI_ZSTD, TestLayers.sha256(bomb),
        Limits.DEFAULTS.withRatioCheckAfterBytes(4 * MIB)));

    assertEquals(LayerException.Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("exceeds maxCompressionRatio"), e.getMessage());
  }

  @Test
  void anOrdinaryLayerIsWellUnderTheRatio() throws IOException {
    // A tar of empty files compresses very well but stays under the 64 MiB grace.
    TestLayers.Builder b = TestLayers.layer();
    for (int i = 0; i < 2000; i++) {
      b.file("/usr/share/empty/" + i, 0644, new byte[0]);
    }
    assertEquals(2000, b.gzip().read().entries().size());
  }

  @Test
  void inputStreamSanity() throws IOException {
    // the bomb builder itself: the header member then zero members
    try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzipBomb(32)))) {
      assertEquals(512 + 32L * MIB, in.transferTo(java.io.OutputStream.nullOutputStream()));
    }
  }
}
