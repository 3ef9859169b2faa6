package dev.healthguard.ecr;

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
 *   LookupResult result = ecr.resolve(ImageReference.of("123456789012", "eu-west-1", "team/api", "v1"), Platform.LINUX_ARM64);
 * }
 * }</pre>
 *
 * <p>Credentials come from the SDK's default chain of the synth process unless given; the CDK CLI
 * does not pass its own (ecr-oci.md §1.6). IAM: {@code ecr:BatchGetImage} and {@code
 * ecr:GetDownloadUrlForLayer}. Thread-safe; close it to release the SDK client.
 */
public final class EcrLookup implements AutoCloseable {

  private final Region region;
  private final EcrClient ecr;
  private final LookupOptions options;
  private final PresignedBlobGet blobs;
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
    HttpClient http = b.blobHttpClient != null ? b.blobHttpClient : PresignedBlobGet.newHttpClient(options);
    this.blobs = new PresignedBlobGet(http, options);
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

  /** {@link #resolve(ImageReference, Platform)} for {@code linux/amd64}, what ECS runs by default. */
  public LookupResult resolve(ImageReference image) {
    return resolve(image, Platform.LINUX_AMD64);
  }

  /**
   * Reads the image's manifest for {@code wanted} and its config.
   *
   * @return the image, or {@link LookupResult.PlatformNotFound} listing the platforms it offers
   * @throws LookupException for every failure, typed by {@link LookupException.Kind}
   * @throws IllegalArgumentException when the image is in another region
   */
  public LookupResult resolve(ImageReference image, Platform wanted) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(wanted, "wanted");
    checkRegion(image);
    return new ImageResolver(ecr, blobs, options, endpointHost).resolve(image, wanted);
  }

  /**
   * Opens a layer blob of {@code image} for streaming. The stream verifies size and sha256 as it is
   * read and fails at end of stream on a mismatch (see {@link DigestVerifyingInputStream}); a pause
   * longer than {@link LookupOptions#blobTimeout()} fails it too. Failures while reading are
   * {@link LookupIOException}s. The caller closes it.
   *
   * @throws LookupException when the download cannot start
   */
  public DigestVerifyingInputStream openLayer(RemoteImage image, LayerDescriptor layer) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(layer, "layer");
    ImageReference ref = image.reference();
    checkRegion(ref);
    if (!image.layers().contains(layer)) {
      throw new IllegalArgumentException("Layer " + layer.digest() + " is not a layer of " + image.pinned());
    }
    String what = "layer " + layer.index() + " (" + layer.digest() + ")";
    URI url = new GetDownloadUrlCall(ecr, ref, options, endpointHost).downloadUrl(layer.digest(), what);
    InputStream body = blobs.openStream(url, ref.display(), what);
    return new DigestVerifyingInputStream(body, layer.digest(), layer.size(), ref.display(), what);
  }

  private void checkRegion(ImageReference image) {
    if (!image.region().equals(region.id())) {
      throw new IllegalArgumentException(
          "This EcrLookup reads " + region.id() + ", but " + image.display() + " is in " + image.region()
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
