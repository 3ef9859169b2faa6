package dev.healthguard.registry;

import java.io.InputStream;

/**
 * Reads pushed images: their manifest for a platform, verified config, and layer blobs. {@code
 * ecr.EcrLookup} reads private ECR through the ECR API; {@link RegistryClient} reads any OCI
 * Distribution registry. Both resolve through {@link ImageResolver}, so what they return and how
 * they fail is the same.
 */
public interface ImageSource extends AutoCloseable {

  /**
   * Reads the image's manifest for {@code wanted} and its config.
   *
   * @return the image, or {@link LookupResult.PlatformNotFound} listing the platforms it offers
   * @throws LookupException for every failure, typed by {@link LookupException.Kind}
   * @throws IllegalArgumentException when this source cannot address the image's registry
   */
  LookupResult resolve(ImageAddress image, Platform wanted);

  /**
   * Opens a layer blob for streaming, checked against its size but not hashed: the layer reader
   * hashes it as it lists it (or wrap it in a {@link DigestVerifyingInputStream}).
   *
   * @throws LookupException when the download cannot start
   */
  InputStream openLayer(RemoteImage image, LayerDescriptor layer);

  /** Bytes {@code first} to {@code last} (inclusive) of a layer, by one closed range request. */
  byte[] readLayerRange(RemoteImage image, LayerDescriptor layer, long first, long last);

  @Override
  void close();
}
