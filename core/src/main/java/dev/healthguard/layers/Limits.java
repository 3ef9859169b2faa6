package dev.healthguard.layers;

/**
 * Bounds on the work and memory one layer listing may take, so that a hostile or broken blob (a
 * decompression bomb, a tar of a million empty files, a 100 MB file name) stops with a {@link
 * LayerException.Kind#LIMIT_EXCEEDED} instead of exhausting the synth process. Start from {@link
 * #DEFAULTS} and change one bound at a time with the {@code withX} methods; each rejects values
 * that are not positive.
 *
 * <p>The defaults are far above real base and application layers (research ecr-oci.md §6: a 236 MB
 * layer with 19,806 entries), so they only stop inputs that no image build produces.
 *
 * @param maxCompressedBytes bytes read from the blob stream, that is the download size. Default 4
 *     GiB.
 * @param maxUncompressedBytes bytes of tar stream after decompression. Default 16 GiB.
 * @param maxCompressionRatio uncompressed bytes per compressed byte consumed, checked once {@code
 *     ratioCheckAfterBytes} have been decompressed. gzip cannot exceed about 1032:1 and real layers
 *     stay under 10:1; a gigabyte of zeros reaches the 1000s. Default 100.
 * @param ratioCheckAfterBytes uncompressed bytes before the ratio is checked, because a small tar
 *     of empty files and its zero padding compresses far better than a large one. Default 64 MiB.
 * @param maxEntries tar headers in one layer, counting whiteouts and directories. Default 500,000
 *     (the listing keeps every name, about 150 bytes each).
 * @param maxPathLength characters of one entry name or hardlink target. Default 4096 (Linux
 *     {@code PATH_MAX}).
 * @param maxHeaderBytes size of one PAX extended header or GNU long-name entry, which the tar reader
 *     holds in memory whole (Commons Compress {@code setMaxPaxHeaderSize} plays this role in later
 *     versions). Default 1 MiB.
 */
public record Limits(
    long maxCompressedBytes,
    long maxUncompressedBytes,
    int maxCompressionRatio,
    long ratioCheckAfterBytes,
    int maxEntries,
    int maxPathLength,
    int maxHeaderBytes) {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  /** The bounds described on each component. */
  public static final Limits DEFAULTS =
      new Limits(4 * GIB, 16 * GIB, 100, 64 * MIB, 500_000, 4096, (int) MIB);

  /** Checks that every bound is positive. */
  public Limits {
    requirePositive("maxCompressedBytes", maxCompressedBytes);
    requirePositive("maxUncompressedBytes", maxUncompressedBytes);
    requirePositive("maxCompressionRatio", maxCompressionRatio);
    requirePositive("ratioCheckAfterBytes", ratioCheckAfterBytes);
    requirePositive("maxEntries", maxEntries);
    requirePositive("maxPathLength", maxPathLength);
    requirePositive("maxHeaderBytes", maxHeaderBytes);
  }

  /** A copy with another {@code maxCompressedBytes}. */
  public Limits withMaxCompressedBytes(long value) {
    return new Limits(value, maxUncompressedBytes, maxCompressionRatio, ratioCheckAfterBytes,
        maxEntries, maxPathLength, maxHeaderBytes);
  }

  /** A copy with another {@code maxUncompressedBytes}. */
  public Limits withMaxUncompressedBytes(long value) {
    return new Limits(maxCompressedBytes, value, maxCompressionRatio, ratioCheckAfterBytes,
        maxEntries, maxPathLength, maxHeaderBytes);
  }

  /** A copy with another {@code maxCompressionRatio}. */
  public Limits withMaxCompressionRatio(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, value, ratioCheckAfterBytes,
        maxEntries, maxPathLength, maxHeaderBytes);
  }

  /** A copy with another {@code ratioCheckAfterBytes}. */
  public Limits withRatioCheckAfterBytes(long value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio, value,
        maxEntries, maxPathLength, maxHeaderBytes);
  }

  /** A copy with another {@code maxEntries}. */
  public Limits withMaxEntries(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, value, maxPathLength, maxHeaderBytes);
  }

  /** A copy with another {@code maxPathLength}. */
  public Limits withMaxPathLength(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, value, maxHeaderBytes);
  }

  /** A copy with another {@code maxHeaderBytes}. */
  public Limits withMaxHeaderBytes(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, maxPathLength, value);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got: " + value);
    }
  }
}
