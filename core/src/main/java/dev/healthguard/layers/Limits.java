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
 * @param maxHeaderBytes size of one header that a reader holds in memory whole: a PAX extended
 *     header or GNU long-name entry (Commons Compress {@code setMaxPaxHeaderSize} plays this role in
 *     later versions), the header records of one old-GNU sparse entry, all global PAX headers of a
 *     layer together (Commons merges them into every later entry), and the header of one gzip
 *     member with its name and comment (read up to a NUL that may never come). Default 1 MiB.
 * @param maxHeaderChain metadata headers (PAX, global PAX, GNU long name or long link) in a row
 *     before one entry. Commons Compress reads each by calling itself again, so a chain of 100,000
 *     would overflow the stack; real tools write at most four (global, PAX, long link, long name).
 *     Default 16.
 * @param maxTotalNameLength characters of all the entry names and link targets one listing keeps.
 *     Bounds the listing's memory: without it, {@code maxEntries} names of {@code maxPathLength}
 *     would be 2 GB. Default 64 Mi: 500,000 names of 134 characters, or 16,384 of 4,096.
 * @param maxPathDepth components of one entry name or link target. Merging and lookups walk paths
 *     component by component, so depth is work; real layers stay under 40. Default 256.
 */
public record Limits(
    long maxCompressedBytes,
    long maxUncompressedBytes,
    int maxCompressionRatio,
    long ratioCheckAfterBytes,
    int maxEntries,
    int maxPathLength,
    int maxHeaderBytes,
    int maxHeaderChain,
    long maxTotalNameLength,
    int maxPathDepth) {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  /** The bounds described on each component. */
  public static final Limits DEFAULTS =
      new Limits(4 * GIB, 16 * GIB, 100, 64 * MIB, 500_000, 4096, (int) MIB, 16, 64 * MIB, 256);

  /** Checks that every bound is positive. */
  public Limits {
    requirePositive("maxCompressedBytes", maxCompressedBytes);
    requirePositive("maxUncompressedBytes", maxUncompressedBytes);
    requirePositive("maxCompressionRatio", maxCompressionRatio);
    requirePositive("ratioCheckAfterBytes", ratioCheckAfterBytes);
    requirePositive("maxEntries", maxEntries);
    requirePositive("maxPathLength", maxPathLength);
    requirePositive("maxHeaderBytes", maxHeaderBytes);
    requirePositive("maxHeaderChain", maxHeaderChain);
    requirePositive("maxTotalNameLength", maxTotalNameLength);
    requirePositive("maxPathDepth", maxPathDepth);
  }

  /** A copy with another {@code maxCompressedBytes}. */
  public Limits withMaxCompressedBytes(long value) {
    return new Limits(value, maxUncompressedBytes, maxCompressionRatio, ratioCheckAfterBytes,
        maxEntries, maxPathLength, maxHeaderBytes, maxHeaderChain, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code maxUncompressedBytes}. */
  public Limits withMaxUncompressedBytes(long value) {
    return new Limits(maxCompressedBytes, value, maxCompressionRatio, ratioCheckAfterBytes,
        maxEntries, maxPathLength, maxHeaderBytes, maxHeaderChain, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code maxCompressionRatio}. */
  public Limits withMaxCompressionRatio(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, value, ratioCheckAfterBytes,
        maxEntries, maxPathLength, maxHeaderBytes, maxHeaderChain, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code ratioCheckAfterBytes}. */
  public Limits withRatioCheckAfterBytes(long value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio, value,
        maxEntries, maxPathLength, maxHeaderBytes, maxHeaderChain, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code maxEntries}. */
  public Limits withMaxEntries(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, value, maxPathLength, maxHeaderBytes, maxHeaderChain,
        maxTotalNameLength, maxPathDepth);
  }

  /** A copy with another {@code maxPathLength}. */
  public Limits withMaxPathLength(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, value, maxHeaderBytes, maxHeaderChain, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code maxHeaderBytes}. */
  public Limits withMaxHeaderBytes(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, maxPathLength, value, maxHeaderChain, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code maxHeaderChain}. */
  public Limits withMaxHeaderChain(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, maxPathLength, maxHeaderBytes, value, maxTotalNameLength,
        maxPathDepth);
  }

  /** A copy with another {@code maxTotalNameLength}. */
  public Limits withMaxTotalNameLength(long value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, maxPathLength, maxHeaderBytes, maxHeaderChain, value,
        maxPathDepth);
  }

  /** A copy with another {@code maxPathDepth}. */
  public Limits withMaxPathDepth(int value) {
    return new Limits(maxCompressedBytes, maxUncompressedBytes, maxCompressionRatio,
        ratioCheckAfterBytes, maxEntries, maxPathLength, maxHeaderBytes, maxHeaderChain,
        maxTotalNameLength, value);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got: " + value);
    }
  }
}
