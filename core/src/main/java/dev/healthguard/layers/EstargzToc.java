package dev.healthguard.layers;

import dev.healthguard.registry.Digest;
import dev.healthguard.registry.LayerDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The table of contents of an eStargz layer (containerd/stargz-snapshotter {@code
 * estargz/gzip.go}, {@code docs/estargz.md}; ecr-oci.md §3): the last 51 bytes are an empty gzip
 * member whose extra field {@code SG} holds {@code %016xSTARGZ}, the offset of the gzip member
 * that holds the tar entry {@code stargz.index.json}. The annotation is the sha256 of that JSON.
 * A layer whose TOC lives in another image ({@code --estargz-external-toc}) has another footer
 * and is streamed.
 */
final class EstargzToc {

  static final String TOC_DIGEST = "containerd.io/snapshot/stargz/toc.digest";
  static final String TOC_NAME = "stargz.index.json";
  static final int FOOTER_SIZE = 51;
  private static final int GZIP_HEADER = 10;
  private static final int EXTRA_LENGTH = 4 + 16 + 6; // 'S' 'G', LE16 length, 16 hex digits, "STARGZ"

  private EstargzToc() {}

  static boolean annotated(Map<String, String> annotations) {
    return annotations.containsKey(TOC_DIGEST);
  }

  /** The TOC JSON, checked against the annotation's digest. */
  static byte[] read(LayerDescriptor layer, TocListing.Ranges ranges) throws IOException {
    Digest expected = Digest.parse(layer.annotations().get(TOC_DIGEST));
    if (layer.size() < FOOTER_SIZE + GZIP_HEADER) {
      throw new TocException("the layer is too small for an eStargz footer");
    }
    long footerStart = layer.size() - FOOTER_SIZE;
    long tocOffset = tocOffset(ranges.read(footerStart, layer.size() - 1));
    if (tocOffset >= footerStart || footerStart - tocOffset > TocListing.MAX_TOC_BYTES) {
      throw new TocException("the footer's TOC offset is outside the layer or over the TOC limit");
    }
    byte[] member = ranges.read(tocOffset, footerStart - 1);
    byte[] json = tocJson(member);
    if (!expected.withHash(expected.newHash().digest(json)).equals(expected)) {
      throw new TocException("the TOC does not match " + TOC_DIGEST);
    }
    return json;
  }

  // RFC 1952: ID1 ID2 CM FLG MTIME(4) XFL OS, then with FLG.FEXTRA a LE16 XLEN and the subfields.
  private static long tocOffset(byte[] footer) {
    if ((footer[0] & 0xff) != 0x1f || (footer[1] & 0xff) != 0x8b || footer[2] != 8 || (footer[3] & 0x04) == 0
        || le16(footer, GZIP_HEADER) != EXTRA_LENGTH || footer[12] != 'S' || footer[13] != 'G'
        || le16(footer, 14) != EXTRA_LENGTH - 4) {
      throw new TocException("the last 51 bytes are not an eStargz footer");
    }
    String subfield = new String(footer, 16, EXTRA_LENGTH - 4, StandardCharsets.ISO_8859_1);
    String hex = subfield.substring(0, 16);
    if (!subfield.endsWith("STARGZ") || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new TocException("the eStargz footer has no STARGZ offset");
    }
    long offset = Long.parseUnsignedLong(hex, 16);
    if (offset < 0) {
      throw new TocException("the eStargz footer's offset is negative");
    }
    return offset;
  }

  private static int le16(byte[] bytes, int at) {
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
  }

  // The TOC member is a tar whose first entry is stargz.index.json; nothing else is read.
  private static byte[] tocJson(byte[] member) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(member)))) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null || !entry.getName().equals(TOC_NAME) || !entry.isFile()
          || entry.getSize() > TocListing.MAX_TOC_BYTES) {
        throw new TocException("the TOC member does not start with " + TOC_NAME);
      }
      byte[] json = tar.readNBytes((int) entry.getSize());
      if (json.length != entry.getSize()) {
        throw new TocException(TOC_NAME + " is cut short");
      }
      return json;
    }
  }
}
