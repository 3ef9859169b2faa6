package dev.healthguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One repository of an OCI Distribution registry (distribution spec, "Pulling manifests" and
 * "Pulling blobs"): manifests by {@code GET /v2/<name>/manifests/<reference>}, blobs at {@code
 * /v2/<name>/blobs/<digest>}, and the bearer-token dance when the registry answers 401.
 */
final class OciContentSource implements ContentSource {

  /**
   * @param registry the registry as the image names it
   * @param base {@code https://registry-1.docker.io}, {@code http://127.0.0.1:5000}
   * @param insecure plain HTTP allowed (a loopback test registry)
   */
  record Endpoint(String registry, URI base, boolean insecure) {
    String apiHost() {
      return base.getRawAuthority();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT = String.join(", ", ManifestTypes.ACCEPTED);
  private static final int MAX_SMALL_BODY = 64 * 1024;

  private final ImageAddress image;
  private final Endpoint endpoint;
  private final HttpClient http;
  private final LookupOptions options;
  private final RegistryCredentials credentials;
  private final TokenCache tokens;

  OciContentSource(
      ImageAddress image, Endpoint endpoint, HttpClient http, LookupOptions options, RegistryCredentials credentials, TokenCache tokens) {
    this.image = image;
    this.endpoint = endpoint;
    this.http = http;
    this.options = options;
    this.credentials = credentials;
    this.tokens = tokens;
  }

  @Override
  public String image() {
    return image.display();
  }

  @Override
  public FetchedManifest manifest(String reference, String what) {
    URI url = endpoint.base().resolve("/v2/" + image.repository() + "/manifests/" + reference);
    return Retrying.run(options, image(), () -> fetchManifest(url, reference, what));
  }

  @Override
  public BlobRequest blob(String digest, String what) {
    URI url = endpoint.base().resolve("/v2/" + image.repository() + "/blobs/" + digest);
    Map<String, String> headers =
        tokens.header(endpoint.apiHost(), image.repository()).map(h -> Map.of("Authorization", h)).orElse(Map.of());
    return new BlobRequest(url, headers, endpoint.insecure());
  }

  private FetchedManifest fetchManifest(URI url, String reference, String what) {
    HttpResponse<InputStream> response = authorized(url, Map.of("Accept", ACCEPT), what);
    int status = response.statusCode();
    String subject = what.equals("manifest") ? image() : "the " + what + " of " + image();
    if (status != 200) {
      byte[] error = status == 404 ? readQuietly(response.body()) : close(response.body());
      if (status == 404 && new String(error, StandardCharsets.UTF_8).contains("NAME_UNKNOWN")) {
        throw new LookupException(
            LookupException.Kind.REPOSITORY_NOT_FOUND,
            image(),
            "The registry " + endpoint.registry() + " has no repository " + image.repository() + " (HTTP 404 from "
                + endpoint.base().getHost() + "): check the image name",
            null);
      }
      throw Answers.failure(
          status,
          response.headers(),
          endpoint.base().getHost(),
          image(),
          "Reading " + subject,
          "The registry " + endpoint.registry() + " has no " + (what.equals("manifest") ? "image " + image() : subject)
              + ": push it, or check the tag or digest");
    }
    byte[] bytes;
    try (InputStream in = new BodyGuard(response.body(), options.blobTimeout(), options.blobTimeout(), image(), what)) {
      bytes = readAtMost(in, options.maxManifestBytes());
    } catch (LookupIOException e) {
      throw e.failure();
    } catch (IOException e) {
      throw new LookupException(LookupException.Kind.NETWORK, image(), "Reading " + subject + " failed (" + e.getClass().getSimpleName() + ")", null);
    }
    if (bytes == null) {
      throw new LookupException(
          LookupException.Kind.TOO_LARGE,
          image(),
          "The " + what + " of " + image() + " is over the limit of " + options.maxManifestBytes()
              + " bytes (LookupOptions.maxManifestBytes)",
          null);
    }
    String actual = Digest.sha256(bytes).toString();
    Optional<String> reported = response.headers().firstValue("docker-content-digest");
    if (reported.isPresent() && Digest.isSha256(reported.get()) && !reported.get().equals(actual)) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          image(),
          "The " + what + " of " + image() + " has digest " + actual + ", but the registry reports " + reported.get()
              + ": retry, and report it if it persists",
          null);
    }
    if (Digest.isWellFormed(reference) && reference.contains(":") && !reference.equals(actual)) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          image(),
          "The registry answered " + reference + " of " + image() + " with a document whose digest is " + actual
              + ": the bytes are not the manifest that digest names; retry, and report it if it persists",
          null);
    }
    String mediaType = response.headers().firstValue("content-type").map(OciContentSource::bareType).orElse(null);
    // Some registries answer application/json or octet-stream; the document's own field decides then.
    if (mediaType != null && !mediaType.startsWith("application/vnd.")) {
      mediaType = null;
    }
    return new FetchedManifest(actual, mediaType, bytes);
  }

  /** GET with the cached token; on a 401 with a challenge, earn a token (or use Basic) and try once more. */
  private HttpResponse<InputStream> authorized(URI url, Map<String, String> headers, String what) {
    Optional<String> cached = tokens.header(endpoint.apiHost(), image.repository());
    HttpResponse<InputStream> response = send(url, headers, cached.orElse(null), what);
    if (response.statusCode() != 401) {
      return response;
    }
    Optional<Challenge> challenge = response.headers().firstValue("www-authenticate").flatMap(Challenge::parse);
    if (challenge.isEmpty()) {
      return response;
    }
    close(response.body());
    Optional<Login> login = login();
    String header;
    if (challenge.get().isBearer()) {
      header = "Bearer " + token(challenge.get(), login);
    } else if (login.isPresent()) {
      header = login.get().basicHeader();
    } else {
      throw new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image(),
          "The registry " + endpoint.registry() + " wants a login for " + image() + " (HTTP 401, Basic): "
              + "log in with docker login so that the Docker config holds one",
          null);
    }
    tokens.put(endpoint.apiHost(), image.repository(), header);
    return send(url, headers, header, what);
  }

  private Optional<Login> login() {
    try {
      return credentials.forRegistry(endpoint.registry());
    } catch (RegistryCredentials.CredentialsException e) {
      throw new LookupException(LookupException.Kind.ACCESS_DENIED, image(), e.getMessage(), null);
    }
  }

  /** A token from the challenge's realm for pulling this repository (distribution's token spec). */
  private String token(Challenge challenge, Optional<Login> login) {
    URI realm;
    try {
      realm = URI.create(challenge.realm());
    } catch (RuntimeException e) {
      realm = null;
    }
    boolean https = realm != null && "https".equals(realm.getScheme());
    boolean allowedHttp = realm != null && "http".equals(realm.getScheme()) && endpoint.insecure()
        && RegistryClient.Builder.isLoopback(realm.getRawAuthority());
    if (realm == null || realm.getHost() == null || !(https || allowedHttp)) {
      throw new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image(),
          "The registry " + endpoint.registry() + " names a token service HealthGuard does not use (only https): "
              + "the lookup of " + image() + " is refused",
          null);
    }
    StringBuilder query = new StringBuilder();
    String service = challenge.parameters().get("service");
    if (service != null) {
      query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
    }
    query.append("scope=").append(URLEncoder.encode("repository:" + image.repository() + ":pull", StandardCharsets.UTF_8));
    String separator = realm.getRawQuery() == null ? "?" : "&";
    URI url = URI.create(realm + separator + query);
    HttpResponse<InputStream> response = send(url, Map.of(), login.map(Login::basicHeader).orElse(null), "token");
    String doing = "Getting a pull token for " + image() + " from " + realm.getHost();
    if (response.statusCode() != 200) {
      close(response.body());
      throw Answers.failure(response.statusCode(), response.headers(), realm.getHost(), image(), doing, doing + " found no token service");
    }
    byte[] body;
    try (InputStream in = new BodyGuard(response.body(), options.blobTimeout(), options.blobTimeout(), image(), "token")) {
      body = readAtMost(in, MAX_SMALL_BODY);
    } catch (IOException e) {
      throw new LookupException(LookupException.Kind.NETWORK, image(), doing + " failed (" + e.getClass().getSimpleName() + ")", null);
    }
    String token = null;
    try {
      JsonNode node = body == null ? null : JSON.readTree(body);
      if (node != null && node.isObject()) {
        token = node.hasNonNull("token") ? node.get("token").asText() : node.path("access_token").asText(null);
      }
    } catch (IOException e) {
      // no token: reported below, without the body
    }
    if (token == null || token.isBlank() || !token.matches("[A-Za-z0-9._~+/=-]+")) {
      throw new LookupException(LookupException.Kind.MALFORMED, image(), doing + " gave no usable token", null);
    }
    return token;
  }

  private HttpResponse<InputStream> send(URI url, Map<String, String> headers, String authorization, String what) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET().timeout(options.blobTimeout());
    headers.forEach(builder::header);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new LookupException(
          LookupException.Kind.TIMEOUT,
          image(),
          url.getHost() + " did not answer within " + LookupOptions.human(options.blobTimeout()) + " for the " + what + " of "
              + image() + ": retry, or raise LookupOptions.blobTimeout",
          null);
    } catch (IOException e) {
      throw new LookupException(
          LookupException.Kind.NETWORK,
          image(),
          "Could not reach " + url.getHost() + " for the " + what + " of " + image() + " (" + e.getClass().getSimpleName()
              + "): check network access to it and proxy settings",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LookupException(LookupException.Kind.NETWORK, image(), "The lookup of " + image() + " was interrupted", null);
    }
  }

  private static String bareType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
  }

  /** The whole stream, or null when it is longer than {@code limit}. */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if ((long) out.size() + n > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] readQuietly(InputStream in) {
    try (in) {
      byte[] bytes = readAtMost(in, MAX_SMALL_BODY);
      return bytes == null ? new byte[0] : bytes;
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static byte[] close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // an error body we do not read
    }
    return new byte[0];
  }
}
