package dev.healthguard.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.LayerException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile layers of issue 10: header chains, gzip header fields, total name length and
 * directory depth. Each is stopped by a named limit, as a {@link LayerException}, never an Error.
 */
class LayerBudgetTest {

  private static LayerException fail(byte[] blob, Limits limits) {
    return assertThrows(LayerException.class, () -> LayerReader.read(new ByteArrayInputStream(blob),
        TestLayers.OCI_GZIP, TestLayers.sha256(blob), limits));
  }

  private static LayerException fail(RawTar.Generated tar, Limits limits) {
    String digest = tar.digest();
    return assertThrows(LayerException.class,
        () -> LayerReader.read(tar.open(), TestLayers.OCI_TAR, digest, limits));
  }

  /** {@code count} copies of a metadata header, then one file and the end of the archive. */
  private static RawTar.Generated chain(byte[] header, int count) {
    return new RawTar.Generated(() -> Stream.concat(
        IntStream.range(0, count).mapToObj(i -> header),
        Stream.of(RawTar.header("bin/sh", '0', 0), RawTar.end())).iterator());
  }

  @ParameterizedTest
  @ValueSource(chars = {'x', 'g', 'L', 'K'})
  void aChainOf100000MetadataHeaders_isALimitNotAStackOverflow(char type) {
    // GIVEN 100,000 PAX, global PAX or GNU long-name headers in a row before one entry; Commons
    // Compress recursed once per header and a StackOverflowError escaped
    byte[] header = type == 'x' || type == 'g'
        ? RawTar.pax(type, "comment", "hostile")
        : RawTar.gnuLong(type, "bin/sh");
    byte[] gz = RawTar.gzip(chain(header, 100_000));

    LayerException e = fail(gz, Limits.DEFAULTS);

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().endsWith("exceeds maxHeaderChain: more than 16 PAX or GNU long-name headers in"
        + " a row, limit 16; raise it with Limits.withMaxHeaderChain(…)"), e.getMessage());
  }

  @Test
  void theChainsRealToolsWrite_areRead() throws IOException {
    // GIVEN global PAX, PAX, GNU long link and long name before one symlink: four in a row
    String longName = "usr/" + "n".repeat(150);
    String longTarget = "/opt/" + "t".repeat(150);
    byte[] tar = RawTar.concat(RawTar.pax('g', "comment", "git archive"),
        RawTar.pax('x', "mtime", "1704067200.5"), RawTar.gnuLong('K', longTarget),
        RawTar.gnuLong('L', longName), RawTar.header("short", '2', 0), RawTar.end());

    LayerListing listing = LayerReader.read(new ByteArrayInputStream(tar), TestLayers.OCI_TAR,
        TestLayers.sha256(tar), Limits.DEFAULTS.withMaxHeaderChain(4));

    assertEquals(List.of(new LayerListing.Entry("/" + longName, LayerListing.EntryType.SYMLINK, longTarget,
        0755)), listing.entries());
  }

  @Test
  void globalPaxHeadersAddUp_andAreBoundedTogether() {
    // GIVEN global headers of 600 bytes each, each before its own entry (no chain): Commons merges
    // every one into the next entries, so they are held together
    List<byte[]> parts = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      parts.add(RawTar.pax('g', "k" + i, "v".repeat(580)));
      parts.add(RawTar.header("f" + i, '0', 0));
    }
    parts.add(RawTar.end());
    RawTar.Generated tar = new RawTar.Generated(parts::iterator);

    LayerException e = fail(tar, Limits.DEFAULTS.withMaxHeaderBytes(3000));

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("exceeds maxHeaderBytes: the global PAX header of "), e.getMessage());
  }

  private static byte[] gzipHeader(int flags) {
    return new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, 3};
  }

  @ParameterizedTest
  @ValueSource(ints = {0x08, 0x10})
  void aGzipNameOrCommentWithoutItsNul_isALimitNotReadWhole(int flag) {
    // GIVEN FNAME (0x08) or FCOMMENT (0x10) set and 4 MiB after the fixed header without a NUL:
    // the gzip reader collected it all in memory before failing at the end
    byte[] blob = Arrays.copyOf(gzipHeader(flag), 10 + (4 << 20));
    Arrays.fill(blob, 10, blob.length, (byte) 'a');

    LayerException e = fail(blob, Limits.DEFAULTS);

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().endsWith("exceeds maxHeaderBytes: a gzip member header of 1,048,577 bytes,"
        + " limit 1,048,576; raise it with Limits.withMaxHeaderBytes(…)"), e.getMessage());
  }

  @Test
  void aLaterGzipMemberIsBoundedToo() {
    // GIVEN a good first member, then a member whose comment never ends
    byte[] first = TestLayers.gzipBytes(TestLayers.layer().dir("/bin").tarBytes());
    byte[] second = Arrays.copyOf(gzipHeader(0x10), 10 + 200_000);
    Arrays.fill(second, 10, second.length, (byte) 'c');
    byte[] blob = RawTar.concat(first, second);

    LayerException e = fail(blob, Limits.DEFAULTS.withMaxHeaderBytes(100_000));

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("exceeds maxHeaderBytes: a gzip member header of 100,001 bytes"),
        e.getMessage());
  }

  @Test
  void gzipMembersWithNamesAndComments_areRead() throws IOException {
    // GIVEN three members, each with FNAME and FCOMMENT as some tools write them
    byte[] tar = TestLayers.layer().dir("/bin").file("/bin/sh", 0755, new byte[3000]).dir("/etc").tarBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] cuts = {0, 1024, 2560, tar.length};
    for (int i = 0; i < 3; i++) {
      byte[] member = TestLayers.gzipBytes(Arrays.copyOfRange(tar, cuts[i], cuts[i + 1]));
      member[3] = 0x18;
      out.write(member, 0, 10);
      out.writeBytes(("layer" + i + ".tar\0a comment\0").getBytes(StandardCharsets.ISO_8859_1));
      out.write(member, 10, member.length - 10);
    }
    byte[] blob = out.toByteArray();

    LayerListing listing = LayerReader.read(new ByteArrayInputStream(blob), TestLayers.OCI_GZIP,
        TestLayers.sha256(blob), Limits.DEFAULTS.withMaxHeaderBytes(64));

    assertEquals(List.of("/bin", "/bin/sh", "/etc"), listing.entries().stream().map(LayerListing.Entry::path).toList());
  }

  /** Entries with random-letter names of {@code length} characters, as GNU long names. */
  private static RawTar.Generated longNames(int entries, int length) {
    return new RawTar.Generated(() -> new Iterator<>() {
      private final Random random = new Random(10);
      private int i;

      @Override
      public boolean hasNext() {
        return i <= entries;
      }

      @Override
      public byte[] next() {
        if (i++ == entries) {
          return RawTar.end();
        }
        char[] name = new char[length];
        for (int c = 0; c < length; c++) {
          name[c] = (char) ('a' + random.nextInt(26));
        }
        return RawTar.concat(RawTar.gnuLong('L', new String(name)), RawTar.header("x", '0', 0));
      }
    });
  }

  @Test
  void incompressibleLongNames_areBoundedInTotal() throws IOException {
    // GIVEN 17,000 names of 4,000 random letters: each within maxPathLength, 68 M characters in all
    // (maxEntries of them would be 2 GB)
    byte[] tar;
    try (java.io.InputStream in = longNames(17_000, 4_000).open()) {
      tar = in.readAllBytes();
    }

    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(
        new ByteArrayInputStream(tar), TestLayers.OCI_TAR, TestLayers.sha256(tar), Limits.DEFAULTS));

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().endsWith("exceeds maxTotalNameLength: more than 67,108,864 characters of names in"
        + " 16,774 entries, limit 67,108,864; raise it with Limits.withMaxTotalNameLength(…)"), e.getMessage());
  }

  @Test
  void totalNameLengthCountsLinkTargets() {
    TestLayers.Builder b = TestLayers.layer();
    for (int i = 0; i < 10; i++) {
      b.symlink("/l" + i, "/" + "t".repeat(200));
    }
    LayerException e = assertThrows(LayerException.class, () -> LayerReader.read(b.tar().open(),
        TestLayers.OCI_TAR, b.tar().digest(), Limits.DEFAULTS.withMaxTotalNameLength(1500)));

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("more than 1,500 characters of names in 8 entries"), e.getMessage());
  }

  /** {@code d/}, {@code d/d/}, … {@code depth} levels, then a file at the bottom. */
  private static byte[] nested(int depth) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      path.append("d/");
      out.writeBytes(RawTar.gnuLong('L', path.toString()));
      out.writeBytes(RawTar.header("d/", '5', 0));
    }
    out.writeBytes(RawTar.gnuLong('L', path + "sh"));
    out.writeBytes(RawTar.header("sh", '0', 0));
    out.writeBytes(RawTar.end());
    return TestLayers.gzipBytes(out.toByteArray());
  }

  @Test
  void twoThousandNestedDirectories_areALimit() {
    // GIVEN 2,000 nested directories (names up to 4,003 characters, within maxPathLength): read,
    // they made ImageFileSystem.of hang, each step of each walk rebuilding the whole path
    byte[] blob = nested(2_000);

    LayerException e = fail(blob, Limits.DEFAULTS);

    assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
    assertTrue(e.getMessage().endsWith("exceeds maxPathDepth: entry '/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d…'"
        + " has 257 components, limit 256; raise it with Limits.withMaxPathDepth(…)"), e.getMessage());
  }

  @Test
  void deepSymlinkTargets_areALimitToo() {
    TestLayers.Blob blob = TestLayers.layer().symlink("/l", "a/".repeat(300)).tar();
    LayerException e = assertThrows(LayerException.class, blob::read);
    assertTrue(e.getMessage().contains("exceeds maxPathDepth: symlink target of /l 'a/a/a/"), e.getMessage());
  }

  @Test
  void deepTreesWithinTheLimit_mergeAndResolve() throws IOException {
    // GIVEN 2,000 levels allowed: merging and lookups walk each path once, step by step
    byte[] blob = nested(2_000);
    LayerListing listing = LayerReader.read(new ByteArrayInputStream(blob), TestLayers.OCI_GZIP,
        TestLayers.sha256(blob), Limits.DEFAULTS.withMaxPathDepth(2_001));

    ImageFileSystem fs = ImageFileSystem.of(List.of(listing));

    String deepest = "/d".repeat(2_000) + "/sh";
    assertTrue(fs.resolve(deepest).orElseThrow().executable());
  }

  @Test
  void symlinkChainsEveryEntryMustFollow_spendTheWalkBudget() throws IOException {
    // GIVEN 40 symlinks, each a 255-component detour to the next, and 2,000 entries under the
    // first: each entry's walk takes 10,000 steps, where real images take one to three a component
    TestLayers.Builder b = TestLayers.layer().dir("/x");
    for (int i = 0; i < 40; i++) {
      b.symlink("/l" + i, "x/../".repeat(127) + (i == 39 ? "x" : "l" + (i + 1)));
    }
    for (int i = 0; i < 2_000; i++) {
      b.file("/l0/f" + i, 0755, new byte[0]);
    }
    LayerListing listing = b.tar().read();

    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> ImageFileSystem.of(List.of(listing)));

    LayerException cause = (LayerException) e.getCause();
    assertEquals(Kind.LIMIT_EXCEEDED, cause.kind());
    assertEquals(e.getMessage(), cause.getMessage());
    assertTrue(e.getMessage().startsWith("layer " + listing.digest() + " exceeds the path-walk budget of the"
        + " image: more than 1,"), e.getMessage());
  }
}
