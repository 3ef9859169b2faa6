package dev.healthguard.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.LayerException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncated, corrupt, mislabelled and oversized layers, and one hostile-input test per limit. */
class HostileLayerTest {

  private static TestLayers.Builder sample() {
    byte[] random = new byte[20_000];
    new Random(7).nextBytes(random);
    return TestLayers.layer()
        .dir("/bin").file("/bin/busybox", 0755, random).symlink("/bin/sh", "/bin/busybox")
        .file("/bin/tail", 0755, random);
  }

  private static LayerException fail(TestLayers.Blob blob, Limits limits) {
    return assertThrows(LayerException.class,
        () -> LayerReader.read(blob.open(), blob.mediaType(), blob.digest(), limits));
  }

  private static LayerException fail(TestLayers.Blob blob) {
    return fail(blob, Limits.DEFAULTS);
  }

  @Test
  void digestMismatch_namesBothDigests() {
    TestLayers.Blob blob = sample().gzip();
    String other = TestLayers.sha256(new byte[] {1});

    LayerException e = assertThrows(LayerException.class,
        () -> LayerReader.read(blob.open(), blob.mediaType(), other));

    assertEquals(Kind.DIGEST_MISMATCH, e.kind());
    assertEquals(other, e.layerDigest());
    assertEquals(String.format("layer %s has digest %s, expected %s (%,d bytes read); the blob is not"
        + " the one the manifest names", other, blob.digest(), other, blob.bytes().length), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void gzipCutHalfway_isTruncated(boolean pipelined) {
    TestLayers.Blob blob = sample().gzip();
    TestLayers.Blob cut = blob.truncated(blob.bytes().length / 2);

    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(cut.open(),
        cut.mediaType(), cut.digest(), Limits.DEFAULTS, ScanOptions.DEFAULT.withPipelined(pipelined)));

    assertEquals(Kind.TRUNCATED, e.kind());
    assertTrue(e.getMessage().startsWith("truncated layer " + blob.digest() + ": the gzip stream ends after "
        + String.format("%,d", cut.bytes().length) + " bytes, before its end"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 11, 30})
  void gzipCutInItsHeaderOrTrailer_isTruncated(int keep) {
    TestLayers.Blob blob = sample().gzip();
    int length = keep == 30 ? blob.bytes().length - 4 : keep;
    assertEquals(Kind.TRUNCATED, fail(blob.truncated(length)).kind());
  }

  @Test
  void zstdCutHalfway_isTruncated() {
    TestLayers.Blob blob = sample().zstd();
    LayerException e = fail(blob.truncated(blob.bytes().length / 2));
    assertEquals(Kind.TRUNCATED, e.kind(), e.getMessage());
  }

  @Test
  void tarCutInsideAHeader_isTruncated() {
    // GIVEN an uncompressed tar cut 100 bytes into the symlink's header
    byte[] tar = sample().tarBytes();
    int symlinkHeader = 512 + 512 + (20_000 + 511) / 512 * 512;
    TestLayers.Blob cut = sample().tar().truncated(symlinkHeader + 100);

    LayerException e = fail(cut);

    assertEquals(Kind.TRUNCATED, e.kind());
    assertEquals("truncated layer " + cut.digest() + ": the tar stream ends inside a header (100 of 512"
        + " bytes) after entry '/bin/busybox'", e.getMessage());
    assertTrue(tar.length > symlinkHeader + 512);
  }

  @Test
  void tarCutInsideABody_isTruncated() {
    TestLayers.Blob cut = sample().tar().truncated(512 + 512 + 700);

    LayerException e = fail(cut);

    assertEquals(Kind.TRUNCATED, e.kind());
    assertTrue(e.getMessage().startsWith("truncated layer " + cut.digest()
        + ": the tar stream ends after 1,724 bytes, inside the entry after '/bin/busybox'"), e.getMessage());
  }

  @Test
  void gzipOfATarCutInsideAHeader_isTruncated() {
    byte[] tar = sample().tarBytes();
    byte[] cutTar = java.util.Arrays.copyOf(tar, 512 + 300);
    byte[] gz = TestLayers.gzipBytes(cutTar);
    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(gz), TestLayers.OCI_GZIP, TestLayers.sha256(gz)));
    assertEquals(Kind.TRUNCATED, e.kind());
    assertTrue(e.getMessage().contains("inside a header (300 of 512 bytes) after entry '/bin'"), e.getMessage());
  }

  @Test
  void tarWithoutEndMarkerButCutAtAnEntryBoundary_isAcceptedLikeGoArchiveTar() throws IOException {
    byte[] tar = TestLayers.layer().dir("/bin").dir("/etc").tarBytes();
    byte[] noEnd = java.util.Arrays.copyOf(tar, 1024);
    LayerListing listing = LayerReader.read(new ByteArrayInputStream(noEnd), TestLayers.OCI_TAR,
        TestLayers.sha256(noEnd));
    assertEquals(2, listing.entries().size());
  }

  @Test
  void dotDotInAnEntryName_isRejected() {
    LayerException e = fail(TestLayers.layer().dir("/etc").raw("../etc/passwd").gzip());

    assertEquals(Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().endsWith(": entry '../etc/passwd' has a '..' component, which would escape"
        + " the image root"), e.getMessage());
  }

  @Test
  void dotDotInsideAnAbsoluteName_isRejected() {
    assertEquals(Kind.MALFORMED, fail(TestLayers.layer().raw("/usr/../../etc/shadow").tar()).kind());
  }

  @Test
  void dotDotInAHardlinkTarget_isRejected() {
    LayerException e = fail(TestLayers.layer().hardlink("/bin/sh", "../../bin/busybox").gzip());
    assertEquals(Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().contains("hardlink target of /bin/sh '../../bin/busybox' has a '..'"), e.getMessage());
  }

  @Test
  void bytesThatAreNotALayer_areMalformedAndTheMediaTypeMismatchIsSaid() {
    byte[] html = "<html><body>AccessDenied</body></html>".repeat(40).getBytes(StandardCharsets.UTF_8);
    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(html), TestLayers.OCI_GZIP, TestLayers.sha256(html)));

    assertEquals(Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().contains("(the media type " + TestLayers.OCI_GZIP
        + " says gzip, the bytes are uncompressed tar)"), e.getMessage());
  }

  @Test
  void garbageAfterTheLastGzipMember_isMalformed() {
    TestLayers.Blob blob = sample().gzip();
    byte[] bytes = java.util.Arrays.copyOf(blob.bytes(), blob.bytes().length + 100);
    java.util.Arrays.fill(bytes, blob.bytes().length, bytes.length, (byte) 'x');

    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(bytes), blob.mediaType(), TestLayers.sha256(bytes)));

    assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
  }

  @Test
  void aCorruptSecondMemberIsAnError_notAShorterLayer() {
    // GIVEN a two-member layer whose second member header is broken, under its own right digest;
    // the first member ends exactly at an entry boundary, so a reader stopping there would list
    // a plausible but shorter layer (the JDK's GZIPInputStream does: "ignore any malformed").
    byte[] tar = TestLayers.layer().dir("/etc").dir("/bin").file("/bin/sh", 0755, new byte[0]).tarBytes();
    byte[] first = TestLayers.gzipBytes(java.util.Arrays.copyOf(tar, 1024));
    byte[] second = TestLayers.gzipBytes(java.util.Arrays.copyOfRange(tar, 1024, tar.length));
    second[3] = (byte) 0xe0; // reserved FLG bits set
    byte[] bytes = new byte[first.length + second.length];
    System.arraycopy(first, 0, bytes, 0, first.length);
    System.arraycopy(second, 0, bytes, first.length, second.length);

    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(bytes), TestLayers.OCI_GZIP, TestLayers.sha256(bytes)));

    assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
  }

  @Test
  void corruptDeflateData_isMalformed() {
    TestLayers.Blob blob = sample().gzip();
    byte[] bytes = blob.bytes().clone();
    for (int i = 40; i < 200; i++) {
      bytes[i] ^= 0x5a;
    }
    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(bytes), blob.mediaType(), TestLayers.sha256(bytes)));
    assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("malformed layer sha256:"), e.getMessage());
  }

  @Test
  void tooManyEntries() {
    TestLayers.Builder b = TestLayers.layer();
    for (int i = 0; i <= 100; i++) {
      b.dir("/d" + i);
    }
    LayerException e = fail(b.gzip(), Limits.DEFAULTS.withMaxEntries(100));

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().endsWith("exceeds maxEntries: more than 100 entries, limit 100; raise it with"
        + " Limits.withMaxEntries(…)"), e.getMessage());
  }

  @Test
  void tooLongAPath() {
    String name = "/" + "x".repeat(5000);
    LayerException e = fail(TestLayers.layer().file(name, 0755).gzip());

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("exceeds maxPathLength: entry 'xxxxxxxx"), e.getMessage());
    assertTrue(e.getMessage().contains("has 5,000 characters, limit 4,096"), e.getMessage());
  }

  @Test
  void tooLongASymlinkTarget() {
    LayerException e = fail(TestLayers.layer().symlink("/a", "/" + "y".repeat(300)).gzip(),
        Limits.DEFAULTS.withMaxPathLength(200));
    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void tooBigAPaxOrGnuLongNameHeader_isStoppedBeforeItIsRead(boolean gnu) {
    TestLayers.Builder b = TestLayers.layer();
    if (gnu) {
      b.gnuLongNames();
    }
    LayerException e = fail(b.file("/" + "n".repeat(3000), 0755).gzip(),
        Limits.DEFAULTS.withMaxHeaderBytes(1000));

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("exceeds maxHeaderBytes: a " + (gnu ? "GNU long-name" : "PAX")
        + " header of "), e.getMessage());
  }

  @Test
  void tooManyCompressedBytes() {
    TestLayers.Blob blob = sample().gzip();
    LayerException e = fail(blob, Limits.DEFAULTS.withMaxCompressedBytes(1000));
    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().endsWith("exceeds maxCompressedBytes: more than 1,000 bytes read, limit 1,000;"
        + " raise it with Limits.withMaxCompressedBytes(…)"), e.getMessage());
  }

  @Test
  void tooManyUncompressedBytes() {
    LayerException e = fail(sample().zstd(), Limits.DEFAULTS.withMaxUncompressedBytes(10_000));
    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("exceeds maxUncompressedBytes"), e.getMessage());
  }

  @Test
  void limitsRejectValuesThatAreNotPositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Limits.DEFAULTS.withMaxEntries(0));
    assertEquals("maxEntries must be positive, got: 0", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aFailingSourceStaysAPlainIoException_andTheHashThreadEnds(boolean pipelined) throws Exception {
    TestLayers.Blob blob = sample().gzip();
    InputStream broken = new InputStream() {
      private final InputStream in = new ByteArrayInputStream(blob.bytes(), 0, 3000);

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, 1000));
        if (n < 0) {
          throw new IOException("connection reset");
        }
        return n;
      }
    };

    IOException e = assertThrows(IOException.class, () -> LayerReader.read(broken, blob.mediaType(),
        blob.digest(), Limits.DEFAULTS, ScanOptions.DEFAULT.withPipelined(pipelined)));

    assertEquals("connection reset", e.getMessage());
    assertFalse(e instanceof LayerException);
    Thread.sleep(100);
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("healthguard-layer-hash") && t.isAlive()));
  }

  @Test
  void exceptionCarriesItsInputs() {
    LayerException e = fail(sample().gzip(), Limits.DEFAULTS.withMaxEntries(1));
    assertInstanceOf(IOException.class, e);
    assertTrue(e.detail().startsWith("exceeds maxEntries"));
  }
}
