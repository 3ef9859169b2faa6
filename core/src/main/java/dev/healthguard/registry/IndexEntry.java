package dev.healthguard.registry;

import java.util.Map;

/**
 * One {@code manifests[]} entry of an OCI index or Docker manifest list (image-spec
 * image-index.md).
 *
 * @param mediaType the manifest's media type
 * @param digest {@code sha256:…}
 * @param size bytes
 * @param platform the stated platform, or null when the entry states none
 * @param artifactType set on non-image entries such as SOCI v2 indexes, else null
 * @param annotations the entry's annotations
 */
record IndexEntry(
    String mediaType, String digest, long size, Platform platform, String artifactType, Map<String, String> annotations) {

  // BuildKit attestation-storage.md: attestation manifests carry this annotation.
  static final String REFERENCE_TYPE = "vnd.docker.reference.type";

  IndexEntry {
    annotations = Map.copyOf(annotations);
  }

  /**
   * True for a runnable image's manifest. Left out: BuildKit attestations ({@code unknown/unknown}
   * and {@code vnd.docker.reference.type}), SOCI v2 indexes and other artifacts (an {@code
   * artifactType}), and nested indexes (ecr-oci.md §2.2).
   */
  boolean isImage() {
    return ManifestTypes.isManifest(mediaType)
        && artifactType == null
        && !annotations.containsKey(REFERENCE_TYPE)
        && (platform == null || !platform.isUnknown());
  }
}
