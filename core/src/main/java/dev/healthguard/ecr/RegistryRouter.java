package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;

import dev.healthguard.registry.DockerConfig;
import dev.healthguard.registry.ImageAddress;
import dev.healthguard.registry.ImageSource;
import dev.healthguard.registry.LayerDescriptor;
import dev.healthguard.registry.LookupOptions;
import dev.healthguard.registry.LookupResult;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RegistryClient;
import dev.healthguard.registry.RemoteImage;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every registry behind one {@link ImageSource}: a private ECR host goes to an {@link EcrLookup}
 * of its region (the ECR API, AWS credentials), any other registry to the {@link RegistryClient}
 * (the OCI Distribution API, Docker config credentials). The clients are made on first use, so a
 * synth that reads only Docker Hub never builds an AWS SDK client.
 */
public final class RegistryRouter implements ImageSource {

  private final URI ecrEndpoint;
  private final LookupOptions options;
  private final RegistryClient oci;
  private final Map<String, EcrLookup> ecr = new HashMap<>();

  /**
   * @param ecrEndpoint an ECR endpoint override, or null for the SDK's (which honours
   *     {@code AWS_ENDPOINT_URL_ECR})
   * @param options limits and timeouts of both paths
   * @param oci the client for every registry that is not private ECR
   */
  public RegistryRouter(URI ecrEndpoint, LookupOptions options, RegistryClient oci) {
    this.ecrEndpoint = ecrEndpoint;
    this.options = options;
    this.oci = oci;
  }

  /**
   * The router the library and the command line both use: default limits and timeouts, and the
   * Docker config's logins for every registry that is not private ECR.
   *
   * @param ecrEndpoint an ECR endpoint override, or null for the SDK's
   * @param insecureHosts loopback registries to reach over plain HTTP (tests); empty otherwise
   */
  public static RegistryRouter withDockerLogins(URI ecrEndpoint, Set<String> insecureHosts) {
    LookupOptions options = LookupOptions.defaults();
    RegistryClient oci = RegistryClient.builder()
        .options(options)
        .credentials(DockerConfig.fromEnvironment())
        .insecureHosts(insecureHosts)
        .build();
    return new RegistryRouter(ecrEndpoint, options, oci);
  }

  @Override
  public LookupResult resolve(ImageAddress image, Platform wanted) {
    return source(image).resolve(image, wanted);
  }

  @Override
  public InputStream openLayer(RemoteImage image, LayerDescriptor layer) {
    return source(image.reference()).openLayer(image, layer);
  }

  @Override
  public byte[] readLayerRange(RemoteImage image, LayerDescriptor layer, long first, long last) {
    return source(image.reference()).readLayerRange(image, layer, first, last);
  }

  private synchronized ImageSource source(ImageAddress image) {
    Optional<String> region = ecrRegion(image);
    if (region.isEmpty()) {
      return oci;
    }
    return ecr.computeIfAbsent(region.get(), r -> {
      EcrLookup.Builder builder = EcrLookup.builder().region(r).options(options);
      if (ecrEndpoint != null) {
        builder.endpointOverride(ecrEndpoint);
      }
      return builder.build();
    });
  }

  // Which host is ECR is ImageName's to say; an address it does not accept is no ECR image.
  private static Optional<String> ecrRegion(ImageAddress image) {
    try {
      return ImageName.of(image).ecrRegion();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void close() {
    ecr.values().forEach(EcrLookup::close);
    oci.close();
  }
}
