package dev.healthguard.layers;

import dev.healthguard.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Lists an image layer blob as it streams: tar headers only, file bodies skipped, nothing written
 * to disk, memory bounded by the number of names and not by the layer's size. The digest of the
 * compressed bytes is computed as they pass (as Jib's {@code BlobPuller} does) and checked at the
 * end, so the listing is proof of what the content-addressed layer holds.
 *
 * <pre>{@code
 * LayerListing listing = LayerReader.read(in, descriptor.mediaType(), descriptor.digest(), Limits.DEFAULTS);
 * }</pre>
 *
 * <p>Compression is found from the first bytes (gzip {@code 1f 8b}, zstd {@code 28 b5 2f fd},
 * else tar), so a generic or wrong media type still works; every gzip member is read (the JDK's
 * {@code GZIPInputStream} alone can stop after the first, research ecr-oci.md §0.6). The caller's
 * stream is read to its end and left open.
 */
public final class LayerReader {
  private LayerReader() {}

  /**
   * Reads one layer blob.
   *
   * @param compressed the blob as downloaded; read to its end, not closed
   * @param mediaType the descriptor's media type, or null; used only to explain a mismatch
   * @param expectedDigest the descriptor's digest, {@code sha256:<64 hex>} (or {@code sha512:})
   * @param limits bounds on work and memory; {@link Limits#DEFAULTS} for real layers
   * @return the verified listing
   * @throws LayerException if the digest differs, the stream is truncated or malformed, or a limit
   *     is reached
   * @throws IOException if reading {@code compressed} fails
   * @throws IllegalArgumentException if {@code expectedDigest} is not a valid digest
   */
  public static LayerListing read(InputStream compressed, String mediaType, String expectedDigest,
      Limits limits) throws IOException {
    return read(compressed, mediaType, expectedDigest, limits, ScanOptions.DEFAULT);
  }

  /** {@link #read(InputStream, String, String, Limits)} with {@link Limits#DEFAULTS}. */
  public static LayerListing read(InputStream compressed, String mediaType, String expectedDigest)
      throws IOException {
    return read(compressed, mediaType, expectedDigest, Limits.DEFAULTS);
  }

  static LayerListing read(InputStream compressed, String mediaType, String expectedDigest,
      Limits limits, ScanOptions options) throws IOException {
    Objects.requireNonNull(compressed, "compressed");
    Objects.requireNonNull(limits, "limits");
    Digest.parse(expectedDigest); // a bad digest is the caller's mistake, not the layer's
    return LayerScan.scan(compressed, mediaType, expectedDigest, limits, options);
  }
}
