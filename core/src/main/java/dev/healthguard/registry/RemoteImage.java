package dev.healthguard.registry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a pushed image is, for one platform: its manifest, verified config and layer
 * descriptors. Every digest here was checked against the bytes read.
 *
 * @param reference the image as asked for
 * @param indexDigest the digest of the index or manifest list the reference named, or null when it
 *     named a single manifest
 * @param manifestDigest the digest of the platform's image manifest
 * @param manifestMediaType OCI or Docker v2 manifest media type
 * @param platformsOffered the image platforms of the index (attestations left out), or the one
 *     platform of a single manifest
 * @param chosen the platform read, as its config declares it
 * @param config the parsed config blob
 * @param layers the layer descriptors, bottom first
 * @param annotations the manifest's annotations
 * @param indexAnnotations the index's own annotations; empty for a single manifest
 */
public record RemoteImage(
    ImageAddress reference,
    String indexDigest,
    String manifestDigest,
    String manifestMediaType,
    List<Platform> platformsOffered,
    Platform chosen,
    ImageConfig config,
    List<LayerDescriptor> layers,
    Map<String, String> annotations,
    Map<String, String> indexAnnotations) {

  public RemoteImage {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(config, "config");
    platformsOffered = List.copyOf(platformsOffered);
    layers = List.copyOf(layers);
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    indexAnnotations = Collections.unmodifiableMap(new TreeMap<>(indexAnnotations));
  }

  public String registry() {
    return reference.registry();
  }

  public String repository() {
    return reference.repository();
  }

  /** The digest the tag pointed at when read: the index's, or the manifest's for a single one. */
  public String resolvedDigest() {
    return indexDigest != null ? indexDigest : manifestDigest;
  }

  /** {@code <registry>/<repository>@<manifest digest>}: this platform's content, immutably. */
  public String pinned() {
    return registry() + "/" + repository() + "@" + manifestDigest;
  }

  /**
   * The base image the image claims: manifest annotations first, then the index's, then config
   * labels (ecr-oci.md §2.5). Empty when none names a base.
   */
  public Optional<BaseImageHint> baseImage() {
    return hint(annotations, BaseImageHint.Source.MANIFEST_ANNOTATION)
        .or(() -> hint(indexAnnotations, BaseImageHint.Source.INDEX_ANNOTATION))
        .or(() -> hint(config.labels(), BaseImageHint.Source.CONFIG_LABEL));
  }

  private static Optional<BaseImageHint> hint(Map<String, String> values, BaseImageHint.Source source) {
    String name = blankToNull(values.get(BaseImageHint.NAME_KEY));
    String digest = blankToNull(values.get(BaseImageHint.DIGEST_KEY));
    return name == null && digest == null ? Optional.empty() : Optional.of(new BaseImageHint(name, digest, source));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
