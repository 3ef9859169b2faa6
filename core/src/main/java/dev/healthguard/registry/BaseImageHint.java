package dev.healthguard.registry;

/**
 * What an image says about its base: {@code org.opencontainers.image.base.name} and {@code
 * .base.digest} (image-spec annotations.md). ko writes them as manifest annotations; .NET and
 * hand-written Dockerfiles put the name in a label; BuildKit and Jib write neither (ecr-oci.md
 * §2.5). A claim by the image's builder, not a verified fact.
 *
 * @param name e.g. {@code cgr.dev/chainguard/static:latest}, or null
 * @param digest the base manifest's digest, or null
 * @param source where the claim was found
 */
public record BaseImageHint(String name, String digest, Source source) {

  /** The annotation keys of image-spec annotations.md. */
  public static final String NAME_KEY = "org.opencontainers.image.base.name";

  public static final String DIGEST_KEY = "org.opencontainers.image.base.digest";

  /** Where a hint was found, most specific first. */
  public enum Source {
    MANIFEST_ANNOTATION,
    INDEX_ANNOTATION,
    CONFIG_LABEL
  }
}
