package dev.healthguard.layers;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Test-scope access to the reading choices {@link ScanOptions} keeps package-private, so the
 * benchmark in {@code layers.bench} can measure the alternatives it chose between.
 */
public final class ScanVariants {
  /** Variant names the benchmark prints. */
  public static final List<String> NAMES = List.of("default", "inline-hash", "jdk-gzip", "inline-jdk-gzip");

  private ScanVariants() {}

  /** Reads a layer as the named variant does. */
  public static LayerListing read(String variant, InputStream in, String mediaType, String digest)
      throws IOException {
    ScanOptions options = switch (variant) {
      case "default" -> ScanOptions.DEFAULT;
      case "inline-hash" -> ScanOptions.DEFAULT.withPipelined(false).withChunkSize(64 * 1024);
      case "jdk-gzip" -> ScanOptions.DEFAULT.withJdkGzip(true);
      case "inline-jdk-gzip" -> ScanOptions.DEFAULT.withPipelined(false).withJdkGzip(true)
          .withChunkSize(64 * 1024);
      default -> throw new IllegalArgumentException("unknown variant " + variant + ", one of " + NAMES);
    };
    return LayerReader.read(in, mediaType, digest, Limits.DEFAULTS, options);
  }
}
