package dev.healthguard.registry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a manifest's {@code layers}, bottom first (image-spec manifest.md, descriptor.md).
 *
 * @param index the position in the manifest, 0 for the base layer
 * @param mediaType e.g. {@code application/vnd.oci.image.layer.v1.tar+gzip}; this package does not
 *     judge it, the layer reader does (ecr-oci.md §2.1)
 * @param digest {@code sha256:…} of the blob as stored (compressed)
 * @param size the blob's size in bytes as stored
 * @param annotations the descriptor's annotations, e.g. an eStargz TOC digest (ecr-oci.md §3)
 */
public record LayerDescriptor(int index, String mediaType, String digest, long size, Map<String, String> annotations) {

  public LayerDescriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (index < 0) {
      throw new IllegalArgumentException("Layer index must not be negative, got: " + index);
    }
    if (size < 0) {
      throw new IllegalArgumentException("Layer size must not be negative, got: " + size);
    }
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
