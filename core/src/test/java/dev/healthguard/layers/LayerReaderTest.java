package dev.healthguard.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.LayerListing.Compression;
import dev.healthguard.layers.LayerListing.Entry;
import dev.healthguard.layers.LayerListing.EntryType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerReaderTest {

  private static TestLayers.Builder alpine() {
    return TestLayers.layer()
        .dir("/bin").file("/bin/busybox", 0755).symlink("/bin/sh", "/bin/busybox")
        .dir("/usr").dir("/usr/bin").symlink("/usr/bin/wget", "/bin/busybox")
        .dir("/etc").file("/etc/passwd", 0644);
  }

  private static final List<Entry> ALPINE_ENTRIES = List.of(
      new Entry("/bin", EntryType.DIRECTORY, "", 0755),
      new Entry("/bin/busybox", EntryType.FILE, "", 0755),
      new Entry("/bin/sh", EntryType.SYMLINK, "/bin/busybox", 0777),
      new Entry("/usr", EntryType.DIRECTORY, "", 0755),
      new Entry("/usr/bin", EntryType.DIRECTORY, "", 0755),
      new Entry("/usr/bin/wget", EntryType.SYMLINK, "/bin/busybox", 0777),
      new Entry("/etc", EntryType.DIRECTORY, "", 0755),
      new Entry("/etc/passwd", EntryType.FILE, "", 0644));

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void read_gzipLayer_listsEveryEntryWithTypeModeAndTarget(boolean pipelined) throws IOException {
    // GIVEN
    TestLayers.Blob blob = alpine().gzip();

    // WHEN
    LayerListing listing = LayerReader.read(blob.open(), blob.mediaType(), blob.digest(), Limits.DEFAULTS,
        ScanOptions.DEFAULT.withPipelined(pipelined));

    // THEN
    assertEquals(ALPINE_ENTRIES, listing.entries());
    assertEquals(Compression.GZIP, listing.compression());
    assertEquals(blob.digest(), listing.digest());
    assertEquals(blob.bytes().length, listing.compressedBytes());
    assertEquals(alpine().tarBytes().length, listing.uncompressedBytes());
    assertTrue(listing.entries().get(1).executable());
  }

  @Test
  void read_zstdLayer() throws IOException {
    TestLayers.Blob blob = alpine().zstd();

    LayerListing listing = blob.read();

    assertEquals(ALPINE_ENTRIES, listing.entries());
    assertEquals(Compression.ZSTD, listing.compression());
  }

  @Test
  void read_uncompressedLayer() throws IOException {
    TestLayers.Blob blob = alpine().tar();

    LayerListing listing = blob.read();

    assertEquals(ALPINE_ENTRIES, listing.entries());
    assertEquals(Compression.NONE, listing.compression());
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/octet-stream", "", TestLayers.OCI_TAR, TestLayers.OCI_ZSTD,
      TestLayers.DOCKER_GZIP, "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"})
  void read_compressionComesFromTheBytesWhateverTheMediaTypeSays(String mediaType) throws IOException {
    for (TestLayers.Blob blob : List.of(alpine().gzip(), alpine().zstd(), alpine().tar())) {
      LayerListing listing = blob.withMediaType(mediaType).read();
      assertEquals(ALPINE_ENTRIES, listing.entries());
      assertEquals(mediaType, listing.mediaType());
    }
  }

  @Test
  void read_nullMediaType() throws IOException {
    TestLayers.Blob blob = alpine().gzip();
    assertEquals(ALPINE_ENTRIES, LayerReader.read(blob.open(), null, blob.digest()).entries());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipelined", "inline", "pipelined-jdk", "inline-jdk"})
  void read_multiMemberGzipFromASourceWhoseAvailableIsZeroAtMemberEnds(String variant) throws IOException {
    // GIVEN 5 members, each read ending exactly at a member end, available() always 0
    TestLayers.Blob blob = alpine().multiMemberGzip(5);

    // THEN the JDK's GZIPInputStream alone stops after the first member (ecr-oci.md §0.6) …
    byte[] jdk = new GZIPInputStream(blob.openEndingReadsAtMemberEnds()).readAllBytes();
    assertTrue(jdk.length < alpine().tarBytes().length / 4, "JDK read " + jdk.length);

    // … and the reader sees every entry and every byte
    LayerListing listing = LayerReader.read(blob.openEndingReadsAtMemberEnds(), blob.mediaType(),
        blob.digest(), Limits.DEFAULTS, ScanOptions.DEFAULT.withPipelined(variant.startsWith("pipelined"))
            .withJdkGzip(variant.endsWith("jdk")).withChunkSize(4096));
    assertEquals(ALPINE_ENTRIES, listing.entries());
    assertEquals(alpine().tarBytes().length, listing.uncompressedBytes());
  }

  @Test
  void read_normalizesNames() throws IOException {
    TestLayers.Blob blob = TestLayers.layer()
        .raw("./").raw("./usr//bin/").raw("/etc/./hosts").raw("opt/app/").tar();

    List<String> paths = blob.read().entries().stream().map(Entry::path).toList();

    assertEquals(List.of("/", "/usr/bin", "/etc/hosts", "/opt/app"), paths);
  }

  @Test
  void read_longNamesAsPaxAndGnu() throws IOException {
    String deep = "/opt/" + "d".repeat(120) + "/" + "e".repeat(120) + "/tool";
    String target = "/" + "t".repeat(150);
    for (TestLayers.Builder b : List.of(TestLayers.layer(), TestLayers.layer().gnuLongNames())) {
      LayerListing listing = b.file(deep, 0755).symlink("/bin/long", target).hardlink("/bin/h", deep).gzip().read();
      assertEquals(List.of(
          new Entry(deep, EntryType.FILE, "", 0755),
          new Entry("/bin/long", EntryType.SYMLINK, target, 0777),
          new Entry("/bin/h", EntryType.HARDLINK, deep, 0755)), listing.entries());
    }
  }

  @Test
  void read_whiteoutsAndOpaqueMarkersAreKeptApart() throws IOException {
    LayerListing listing = TestLayers.layer()
        .dir("/usr/share/doc").file("/usr/share/doc/new", 0644)
        .whiteout("/usr/bin/curl")
        .opaque("/usr/share/doc")
        .raw(".wh..wh.plnk/123.456").raw("etc/.wh..wh.aufs")
        .charDevice("/dev/null")
        .gzip().read();

    assertEquals(List.of("/usr/bin/curl"), listing.whiteouts());
    assertEquals(List.of("/usr/share/doc"), listing.opaqueDirs());
    assertEquals(List.of(
        new Entry("/usr/share/doc", EntryType.DIRECTORY, "", 0755),
        new Entry("/usr/share/doc/new", EntryType.FILE, "", 0644),
        new Entry("/dev/null", EntryType.OTHER, "", 0666)), listing.entries());
  }

  @Test
  void read_emptyTarAndEmptyBlob() throws IOException {
    assertEquals(List.of(), TestLayers.layer().gzip().read().entries());
    byte[] nothing = new byte[0];
    assertEquals(List.of(), LayerReader.read(new ByteArrayInputStream(nothing), TestLayers.OCI_TAR,
        TestLayers.sha256(nothing)).entries());
  }

  @Test
  void read_leavesTheCallersStreamOpen() throws IOException {
    TestLayers.Blob blob = alpine().gzip();
    boolean[] closed = {false};
    InputStream in = new java.io.FilterInputStream(blob.open()) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    LayerReader.read(in, blob.mediaType(), blob.digest());
    assertEquals(false, closed[0]);
  }

  @Test
  void read_rejectsAnInvalidDigestAsTheCallersMistake() {
    TestLayers.Blob blob = alpine().gzip();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerReader.read(blob.open(), blob.mediaType(), "sha256:XYZ"));
    assertEquals("Invalid digest: 'sha256:XYZ' (expected sha256:<64 lowercase hex> or sha512:<128>)",
        e.getMessage());
  }

  @Test
  void read_sha512Digest() throws Exception {
    TestLayers.Blob blob = alpine().gzip();
    String d = "sha512:" + java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-512").digest(blob.bytes()));
    assertEquals(d, LayerReader.read(blob.open(), blob.mediaType(), d).digest());
  }
}
