package dev.healthguard.registry;

/**
 * How one repository's manifests and blobs are reached: through the ECR API, or through the OCI
 * Distribution API. The resolution above it ({@code ImageResolver}: index, platform, config) and
 * the blob download below it ({@link BlobGet}) are the same for every registry.
 */
public interface ContentSource {

  /**
   * The manifest or index {@code reference} names, verified: its bytes hash to the digest the
   * registry reports, and to {@code reference} itself when that is a digest.
   *
   * @param reference a tag or a digest
   * @param what the document in messages, e.g. {@code manifest} or {@code linux/arm64 manifest sha256:…}
   * @throws LookupException for every failure
   */
  FetchedManifest manifest(String reference, String what);

  /**
   * Where to download the blob {@code digest}.
   *
   * @param what the blob in messages, e.g. {@code config blob sha256:…}
   * @throws LookupException when the registry will not say
   */
  BlobRequest blob(String digest, String what);

  /** The image as displayed in messages. */
  String image();
}
