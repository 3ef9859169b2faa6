package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;

import dev.healthguard.registry.BlobGet;
import dev.healthguard.registry.ImageAddress;
import dev.healthguard.registry.ImageResolver;
import dev.healthguard.registry.ImageSource;
import dev.healthguard.registry.LayerDescriptor;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupOptions;
import dev.healthguard.registry.LookupResult;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RemoteImage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Reads what a pushed image in one region's ECR is, through the ECR API (ecr-oci.md §0, §1): the
 * manifest for a platform, its verified config, and its layers as verified streams.
 *
 * <pre>{@code
 * try (EcrLookup ecr = EcrLookup.builder().region("eu-west-1").build()) {
 *   LookupResult result = ecr.resolve(ImageName.ecr("123456789012", "eu-west-1", "team/api", "v1"), Platform.LINUX_ARM64);
 * }
 * }</pre>
 *
 * <p>Credentials come from the SDK's default chain of the synth process unless given; the CDK CLI
 * does not pass its own (ecr-oci.md §1.6). IAM: {@code ecr:BatchGetImage} and {@code
 * ecr:GetDownloadUrlForLayer}. Thread-safe; close it to release the SDK client.
 */
public final class EcrLookup implements ImageSource {

  private final Region region;
  private final EcrClient ecr;
  private final LookupOptions options;
  private final BlobGet blobs;
  private final String endpointHost;
  private final URI endpoint;

  private EcrLookup(Builder b) {
    this.region = b.region;
    this.options = b.options;
    this.endpoint = EndpointSetting.resolve(b.endpointOverride, b.systemProperties, b.environment).orElse(null);
    String domain = region.metadata() != null ? region.metadata().domain() : "amazonaws.com";
    this.endpointHost = endpoint != null ? endpoint.getAuthority() : "api.ecr." + region.id() + "." + domain;
    AwsCredentialsProvider credentials = b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
    this.ecr = EcrClientFactory.create(region, endpoint, credentials, options);
    HttpClient http = b.blobHttpClient != null ? b.blobHttpClient : BlobGet.newHttpClient(options);
    this.blobs = new BlobGet(http, options);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The region this lookup reads; references must be in it. */
  public Region region() {
    return region;
  }

  /** The ECR endpoint in use when overridden (builder, {@code aws.endpointUrlEcr}, {@code AWS_ENDPOINT_URL_ECR}), else null. */
  public URI endpointOverride() {
    return endpoint;
  }

  public LookupOptions options() {
    return options;
  }

  /** {@link #resolve(ImageName, Platform)} for {@code linux/amd64}, what ECS runs by default. */
  public LookupResult resolve(ImageName image) {
    return resolve(image, Platform.LINUX_AMD64);
  }

  /**
   * Reads the image's manifest for {@code wanted} and its config.
   *
   * @return the image, or {@link LookupResult.PlatformNotFound} listing the platforms it offers
   * @throws LookupException for every failure, typed by {@link LookupException.Kind}
   * @throws IllegalArgumentException when the image is in another region
   */
  public LookupResult resolve(ImageName image, Platform wanted) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(wanted, "wanted");
    return resolver(image).resolve(image.address(), wanted);
  }

  /**
   * {@link #resolve(ImageName, Platform)} for an address whose registry is a private ECR host.
   *
   * @throws IllegalArgumentException when it is not, or is in another region
   */
  @Override
  public LookupResult resolve(ImageAddress image, Platform wanted) {
    return resolve(reference(image), wanted);
  }

  /**
   * Opens a layer blob of {@code image} for streaming, checked against its size; the layer reader
   * hashes it as it lists it. A pause longer than {@link LookupOptions#blobTimeout()} fails it.
   * Failures while reading are {@code LookupIOException}s. The caller closes it.
   *
   * @throws LookupException when the download cannot start
   */
  @Override
  public InputStream openLayer(RemoteImage image, LayerDescriptor layer) {
    return resolver(reference(image.reference())).openLayer(image, layer);
  }

  @Override
  public byte[] readLayerRange(RemoteImage image, LayerDescriptor layer, long first, long last) {
    return resolver(reference(image.reference())).readLayerRange(image, layer, first, last);
  }

  private ImageResolver resolver(ImageName image) {
    checkRegion(image);
    return new ImageResolver(new EcrContentSource(ecr, image, options, endpointHost), blobs, options);
  }

  private static ImageName reference(ImageAddress image) {
    ImageName name = ImageName.of(image);
    if (!name.isEcrPrivate()) {
      throw new IllegalArgumentException(image.display() + " is not in a private ECR registry");
    }
    return name;
  }

  private void checkRegion(ImageName image) {
    if (!image.isEcrPrivate()) {
      throw new IllegalArgumentException(image.canonical() + " is not in a private ECR registry");
    }
    String imageRegion = image.ecrRegion().orElseThrow();
    if (!imageRegion.equals(region.id())) {
      throw new IllegalArgumentException(
          "This EcrLookup reads " + region.id() + ", but " + image.canonical() + " is in " + imageRegion
              + ": build one lookup per region");
    }
  }

  @Override
  public void close() {
    ecr.close();
  }

  /** Builds an {@link EcrLookup}; only the region is required. */
  public static final class Builder {
    private Region region;
    private URI endpointOverride;
    private AwsCredentialsProvider credentials;
    private LookupOptions options = LookupOptions.defaults();
    private UnaryOperator<String> systemProperties = System::getProperty;
    private UnaryOperator<String> environment = System::getenv;
    private HttpClient blobHttpClient;

    private Builder() {}

    /** The region of the registries read, e.g. {@code eu-west-1}. Required. */
    public Builder region(String region) {
      return region(Region.of(Objects.requireNonNull(region, "region")));
    }

    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Where ECR API calls go instead of AWS (a VPC endpoint, a fake).
     *
     * <p>Default: system property {@code aws.endpointUrlEcr}, else environment variable {@code
     * AWS_ENDPOINT_URL_ECR}, else the SDK's own resolution.
     */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = endpoint;
      return this;
    }

    /**
     * The credentials for ECR API calls.
     *
     * <p>Default: the SDK's default credentials chain.
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Limits and timeouts.
     *
     * <p>Default: {@link LookupOptions#defaults()}.
     */
    public Builder options(LookupOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    // Test seams: where the endpoint settings are read from, instead of the process's.
    Builder settings(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
      this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    Builder blobHttpClient(HttpClient client) {
      this.blobHttpClient = client;
      return this;
    }

    /**
     * @throws IllegalStateException without a region
     * @throws IllegalArgumentException when an endpoint setting is not an http(s) URL
     */
    public EcrLookup build() {
      if (region == null) {
        throw new IllegalStateException("EcrLookup needs a region: call region(\"eu-west-1\") before build()");
      }
      return new EcrLookup(this);
    }
  }
}
