package dev.healthguard.registry;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads images from any registry that speaks the OCI Distribution API: Docker Hub, GHCR, Quay,
 * {@code gcr.io}, {@code registry.k8s.io}, {@code mcr.microsoft.com}, {@code cgr.dev}, {@code
 * public.ecr.aws}, and private registries by host.
 *
 * <pre>{@code
 * try (RegistryClient registry = RegistryClient.builder().credentials(DockerConfig.fromEnvironment()).build()) {
 *   LookupResult result = registry.resolve(ImageAddress.of("ghcr.io", "org/app", "v1"), Platform.LINUX_AMD64);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Requests: {@code GET /v2/<name>/manifests/<reference>} asking for the OCI and Docker index
 *       and manifest types, then {@code GET /v2/<name>/blobs/<digest>} for the config and the
 *       layers, following the registry's redirect to its blob storage without the token.
 *   <li>Auth: anonymous unless {@link Builder#credentials} has a login for the registry. A 401
 *       with a {@code Bearer} challenge is answered as Docker does: a token from the challenge's
 *       realm for {@code repository:<name>:pull} (with the login, if any, as Basic auth), then the
 *       request again. Tokens live in this client's memory only.
 *   <li>Docker Hub: {@code docker.io} is served by {@code registry-1.docker.io}; its pull limit
 *       answers (429 with {@code ratelimit-*} headers) fail as {@link
 *       LookupException.Kind#RATE_LIMITED}, not retried.
 *   <li>Always https, except for hosts named in {@link Builder#insecureHosts}, which must be
 *       loopback addresses (a test registry).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class RegistryClient implements ImageSource {

  private final LookupOptions options;
  private final RegistryCredentials credentials;
  private final Set<String> insecureHosts;
  private final HttpClient http;
  private final BlobGet blobs;
  private final TokenCache tokens = new TokenCache();

  private RegistryClient(Builder b) {
    this.options = b.options;
    this.credentials = b.credentials;
    this.insecureHosts = Set.copyOf(b.insecureHosts);
    this.http = BlobGet.newHttpClient(options);
    this.blobs = new BlobGet(http, options);
  }

  public static Builder builder() {
    return new Builder();
  }

  public LookupOptions options() {
    return options;
  }

  @Override
  public LookupResult resolve(ImageAddress image, Platform wanted) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(wanted, "wanted");
    return resolver(image).resolve(image, wanted);
  }

  @Override
  public InputStream openLayer(RemoteImage image, LayerDescriptor layer) {
    return resolver(image.reference()).openLayer(image, layer);
  }

  @Override
  public byte[] readLayerRange(RemoteImage image, LayerDescriptor layer, long first, long last) {
    return resolver(image.reference()).readLayerRange(image, layer, first, last);
  }

  private ImageResolver resolver(ImageAddress image) {
    return new ImageResolver(new OciContentSource(image, endpoint(image.registry()), http, options, credentials, tokens), blobs, options);
  }

  /** {@code https://<host>}; Docker Hub's API host for {@code docker.io}; http for an insecure loopback host. */
  OciContentSource.Endpoint endpoint(String registry) {
    String host = registry.toLowerCase(Locale.ROOT);
    boolean insecure = insecureHosts.contains(host);
    String apiHost = switch (host) {
      case "docker.io", "index.docker.io" -> "registry-1.docker.io";
      default -> host;
    };
    return new OciContentSource.Endpoint(registry, URI.create((insecure ? "http://" : "https://") + apiHost), insecure);
  }

  @Override
  public void close() {
    // HttpClient in Java 17 has no close; connections end with the process or when idle.
  }

  /** Builds a {@link RegistryClient}; every setting has a default. */
  public static final class Builder {
    private LookupOptions options = LookupOptions.defaults();
    private RegistryCredentials credentials = RegistryCredentials.ANONYMOUS;
    private final Set<String> insecureHosts = new HashSet<>();

    private Builder() {}

    /**
     * Limits and timeouts.
     *
     * <p>Default: {@link LookupOptions#defaults()}.
     */
    public Builder options(LookupOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Where logins come from, e.g. {@link DockerConfig#fromEnvironment()}.
     *
     * <p>Default: {@link RegistryCredentials#ANONYMOUS}.
     */
    public Builder credentials(RegistryCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Registries to reach over plain HTTP, as {@code host:port}. Only loopback hosts are accepted
     * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}): plain HTTP is for a test registry on
     * this machine, never for a network.
     *
     * <p>Default: none; every registry is reached over https.
     *
     * @throws IllegalArgumentException for a host that is not loopback
     */
    public Builder insecureHosts(Set<String> hosts) {
      for (String host : hosts) {
        if (!isLoopback(host)) {
          throw new IllegalArgumentException(
              "insecureHosts accepts loopback registries only (localhost, 127.0.0.1, [::1]), got: '" + host + "'");
        }
        insecureHosts.add(host.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }

    static boolean isLoopback(String hostAndPort) {
      String host = hostAndPort;
      if (host.startsWith("[")) {
        int end = host.indexOf(']');
        host = end < 0 ? host : host.substring(1, end);
      } else if (host.indexOf(':') >= 0) {
        host = host.substring(0, host.indexOf(':'));
      }
      if (host.equalsIgnoreCase("localhost")) {
        return true;
      }
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false; // a name would need DNS, which could answer anything
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
