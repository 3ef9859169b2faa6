package dev.healthguard.layers;

import dev.healthguard.layers.LayerListing.EntryType;
import java.util.List;
import java.util.Objects;

/**
 * Where a path leads in an image, with the evidence: the links followed and the layer that wrote
 * the file.
 *
 * @param requested the path asked for, {@code /bin/sh}
 * @param path the canonical path it resolves to, {@code /bin/busybox}
 * @param type what is there ({@link EntryType#FILE}, {@link EntryType#DIRECTORY}, {@link
 *     EntryType#OTHER}; never a symlink, those are followed)
 * @param executable whether a regular file with an execute bit
 * @param links the symlinks followed, in order ({@code /bin -> usr/bin}, {@code /usr/bin/sh ->
 *     dash}); a hardlink shows as {@code /bin/sh = hardlink of /bin/busybox}
 * @param layerIndex the layer that wrote {@code path}, 0 for the bottom one; -1 for the root
 * @param layerDigest that layer's digest, "" for the root
 */
public record Resolved(String requested, String path, EntryType type, boolean executable,
    List<String> links, int layerIndex, String layerDigest) {

  public Resolved {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    links = List.copyOf(links);
    Objects.requireNonNull(layerDigest, "layerDigest");
  }

  /** {@code /bin/sh -> /bin/busybox}, or just the path when nothing was followed. */
  public String describe() {
    return requested.equals(path) ? path : requested + " -> " + path;
  }

  /** The evidence in one line: {@code /bin/sh -> /bin/busybox (layer 0 sha256:…)}. */
  @Override
  public String toString() {
    String via = links.isEmpty() ? "" : ", via " + String.join(", ", links);
    String where = layerIndex < 0 ? "the image root" : "layer " + layerIndex + " " + layerDigest;
    return describe() + " (" + type.name().toLowerCase(java.util.Locale.ROOT)
        + (executable ? ", executable" : "") + via + ", from " + where + ")";
  }
}
