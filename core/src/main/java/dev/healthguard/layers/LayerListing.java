package dev.healthguard.layers;

import java.util.List;
import java.util.Objects;

/**
 * The names in one image layer, read from its tar headers without the file bodies, and verified
 * against the layer's digest. A listing depends only on the digest, so it can be cached by it and
 * shared across images (research ecr-oci.md §2.6.5).
 *
 * <p>Paths are normalized to absolute form ({@code ./usr/bin/} and {@code usr//bin} are both
 * {@code /usr/bin}). Whiteouts and opaque markers are not entries: they are kept apart because
 * they act on lower layers, and an opaque marker acts before the layer's own entries wherever it
 * sits in the tar (image-spec {@code layer.md}).
 *
 * @param digest the verified digest of the compressed blob, {@code sha256:…}
 * @param mediaType the media type the manifest declared, as given ({@code ""} if none)
 * @param compression the compression found in the bytes, which wins over the media type
 * @param compressedBytes size of the blob as read
 * @param uncompressedBytes size of the tar stream
 * @param entries files, directories and links in tar order; a path may repeat (the later wins)
 * @param whiteouts paths deleted from lower layers, from {@code .wh.<name>} entries
 * @param opaqueDirs directories whose lower-layer children are hidden, from {@code .wh..wh..opq}
 */
public record LayerListing(
    String digest,
    String mediaType,
    Compression compression,
    long compressedBytes,
    long uncompressedBytes,
    List<Entry> entries,
    List<String> whiteouts,
    List<String> opaqueDirs) {

  /** Copies the lists, so a listing never changes. */
  public LayerListing {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(compression, "compression");
    entries = List.copyOf(entries);
    whiteouts = List.copyOf(whiteouts);
    opaqueDirs = List.copyOf(opaqueDirs);
  }

  /** How the layer's tar stream is compressed. */
  public enum Compression {
    /** Starts with {@code 1f 8b}; possibly several members (eStargz, pigz, some tools). */
    GZIP,
    /** Starts with {@code 28 b5 2f fd}. */
    ZSTD,
    /** A plain tar stream. */
    NONE
  }

  /** What a tar entry is. Devices and FIFOs are {@link #OTHER}. */
  public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK,
    /** Tar type {@code 1}: another name for an earlier path (the {@code linkTarget}). */
    HARDLINK,
    OTHER
  }

  /**
   * One tar entry.
   *
   * @param path normalized absolute path, {@code /bin/sh}
   * @param type what the entry is
   * @param linkTarget for a symlink its target as written ({@code busybox}, {@code /bin/busybox},
   *     {@code ../lib}); for a hardlink the normalized path it links to; otherwise {@code ""}
   * @param mode permission bits, {@code 0755}
   */
  public record Entry(String path, EntryType type, String linkTarget, int mode) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(linkTarget, "linkTarget");
    }

    /** Whether any execute bit is set (root may run a file with any of them). */
    public boolean executable() {
      return (mode & 0111) != 0;
    }
  }
}
