package dev.healthguard.layers;

import dev.healthguard.layers.LayerListing.Compression;
import java.util.Locale;
import java.util.Optional;

/**
 * Layer media types and magic bytes. The bytes decide: a registry or tool that mislabels a layer,
 * or labels it {@code application/octet-stream}, still gets it read; the declared type only
 * improves the message when the two disagree.
 */
final class MediaTypes {
  private MediaTypes() {}

  /**
   * What the media type says about compression, empty when it says nothing (absent, generic, or
   * not a layer type). Covers research ecr-oci.md §2.1: OCI {@code …layer.v1.tar[+gzip|+zstd]} and
   * the deprecated {@code …layer.nondistributable.v1.tar…}; Docker {@code
   * …rootfs.diff.tar[.gzip]}, containerd's {@code …diff.tar.zstd} and the foreign {@code
   * …rootfs.foreign.diff.tar.gzip}.
   */
  static Optional<Compression> declared(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    String type = mediaType.strip().toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    if (semicolon >= 0) {
      type = type.substring(0, semicolon).strip();
    }
    boolean layerType = type.startsWith("application/vnd.oci.image.layer.")
        || type.startsWith("application/vnd.docker.image.rootfs.");
    if (!layerType) {
      return Optional.empty();
    }
    if (type.endsWith("+gzip") || type.endsWith(".tar.gzip")) {
      return Optional.of(Compression.GZIP);
    }
    if (type.endsWith("+zstd") || type.endsWith(".tar.zstd")) {
      return Optional.of(Compression.ZSTD);
    }
    if (type.endsWith(".tar")) {
      return Optional.of(Compression.NONE);
    }
    return Optional.empty();
  }

  /** What the first bytes are: gzip {@code 1f 8b}, zstd {@code 28 b5 2f fd}, else tar. */
  static Compression sniff(byte[] head) {
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
      return Compression.ZSTD;
    }
    return Compression.NONE;
  }

  /** "declared gzip by media type …" when the declaration and the bytes disagree, else "". */
  static String disagreement(String mediaType, Compression found) {
    return declared(mediaType)
        .filter(d -> d != found)
        .map(d -> " (the media type " + mediaType + " says " + name(d) + ", the bytes are " + name(found) + ")")
        .orElse("");
  }

  static String name(Compression c) {
    return switch (c) {
      case GZIP -> "gzip";
      case ZSTD -> "zstd";
      case NONE -> "uncompressed tar";
    };
  }
}
