package dev.healthguard.layers;

import dev.healthguard.registry.Digest;
import dev.healthguard.registry.LayerDescriptor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The table of contents of a zstd:chunked layer (containers/storage {@code
 * pkg/chunked/internal/minimal/compression.go}, registry-options.md §3.3). Only the documented
 * {@code io.github.containers.*} keys are read; an older spelling streams the layer.
 */
final class ZstdChunkedToc {

  // <offset>:<compressed length>:<uncompressed length>:<type>, type 1 being the CRFS-style TOC.
  static final String POSITION = "io.github.containers.zstd-chunked.manifest-position";
  // sha256 of the compressed TOC bytes at that position.
  static final String CHECKSUM = "io.github.containers.zstd-chunked.manifest-checksum";

  private ZstdChunkedToc() {}

  static boolean annotated(Map<String, String> annotations) {
    return annotations.containsKey(POSITION) && annotations.containsKey(CHECKSUM);
  }

  /** The TOC JSON, checked against the annotation's digest. */
  static byte[] read(LayerDescriptor layer, TocListing.Ranges ranges) throws IOException {
    String[] position = layer.annotations().get(POSITION).split(":", -1);
    if (position.length != 4 || !position[3].equals("1")) {
      throw new TocException("manifest-position is not <offset>:<length>:<uncompressed>:1");
    }
    long offset = number(position[0]);
    long length = number(position[1]);
    long uncompressed = number(position[2]);
    if (length == 0 || length > TocListing.MAX_TOC_BYTES || uncompressed > TocListing.MAX_TOC_BYTES
        || offset > layer.size() - length) {
      throw new TocException("manifest-position is outside the layer or over the TOC limit");
    }
    Digest expected = Digest.parse(layer.annotations().get(CHECKSUM));
    byte[] compressed = ranges.read(offset, offset + length - 1);
    if (!expected.withHash(expected.newHash().digest(compressed)).equals(expected)) {
      throw new TocException("the TOC does not match manifest-checksum");
    }
    byte[] json;
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
      // One byte more than announced shows a TOC that is longer than its annotation says.
      json = in.readNBytes((int) uncompressed + 1);
    }
    if (json.length != uncompressed) {
      throw new TocException("the TOC is " + json.length + " bytes, not the " + uncompressed + " announced");
    }
    return json;
  }

  private static long number(String text) {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new TocException("manifest-position has a field that is not a decimal number");
    }
    return Long.parseLong(text);
  }
}
