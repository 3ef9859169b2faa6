package dev.healthguard.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The CNCF distribution registry (Debian's {@code docker-registry} 2.8, registry-options.md §2)
 * running on a free loopback port for one test class, with a generated config:
 *
 * <ul>
 *   <li>{@link #start()}: anonymous pulls and pushes;
 *   <li>{@link #startWithTokenAuth(Login)}: the registry's own {@code auth: token:} mode, as
 *       Docker Hub and GHCR run it. An in-test token server signs RS256 JWTs with a key whose
 *       self-signed certificate (made by the JDK's {@code keytool}) is the registry's {@code
 *       rootcertbundle}; so a client gets 401 with a {@code Bearer} challenge, fetches a token and
 *       retries, and the real registry checks the token. With a login, the token server demands it
 *       as Basic auth, like a private repository.
 * </ul>
 *
 * <p>Fixtures are pushed over plain HTTP from Java with the distribution API's monolithic upload
 * (POST, PUT ?digest=, PUT manifest), which keeps every byte (registry-options.md §2.2). Requests
 * are counted from the registry's own access log.
 *
 * <p>The binary comes from the system property {@code healthguard.registry.binary} or the
 * environment variable {@code HEALTHGUARD_REGISTRY_BINARY} ({@code .ci/run} unpacks the .deb and
 * sets it); without it the tests are skipped with the reason printed.
 */
public final class RealRegistry implements AutoCloseable {

  public static final String SERVICE = "test-registry";
  private static final String ISSUER = "healthguard-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACCESS_LINE = Pattern.compile("\"(GET|HEAD) (/v2/[^ ]+) HTTP");

  private final Path dir;
  private final Process process;
  private final int port;
  private final Path log;
  private final TokenServer tokens;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private long logMark;

  private RealRegistry(Path dir, Process process, int port, Path log, TokenServer tokens) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.log = log;
    this.tokens = tokens;
  }

  /** The binary, or the test is skipped with the reason printed to stderr. */
  public static Path binary() {
    String configured = System.getProperty("healthguard.registry.binary", System.getenv("HEALTHGUARD_REGISTRY_BINARY"));
    String reason = null;
    if (configured == null || configured.isBlank()) {
      reason = "no registry binary: set -Dhealthguard.registry.binary or HEALTHGUARD_REGISTRY_BINARY"
          + " (.ci/run unpacks Debian's docker-registry and sets it)";
    } else if (!Files.isExecutable(Path.of(configured))) {
      reason = "the registry binary " + configured + " is not an executable file";
    }
    if (reason != null) {
      System.err.println("SKIPPED real-registry tests: " + reason);
    }
    Assumptions.assumeTrue(reason == null, reason);
    return Path.of(configured);
  }

  /** Anonymous pull and push. */
  public static RealRegistry start() {
    return start(null);
  }

  /**
   * Token auth as Docker Hub runs it; {@code login} null for anonymous tokens (public images),
   * else the token server demands that login.
   */
  public static RealRegistry startWithTokenAuth(Login login) {
    return start(new TokenServer(login));
  }

  private static RealRegistry start(TokenServer tokens) {
    Path binary = binary();
    try {
      Path dir = Files.createTempDirectory("healthguard-registry");
      int port = freePort();
      StringBuilder config = new StringBuilder()
          .append("version: 0.1\n")
          .append("log:\n  level: info\n  accesslog:\n    disabled: false\n")
          .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
      if (tokens != null) {
        tokens.start(dir);
        config.append("auth:\n  token:\n")
            .append("    realm: ").append(tokens.realm()).append('\n')
            .append("    service: ").append(SERVICE).append('\n')
            .append("    issuer: ").append(ISSUER).append('\n')
            .append("    rootcertbundle: ").append(dir.resolve("cert.pem")).append('\n');
      }
      Path configFile = dir.resolve("config.yml");
      Files.writeString(configFile, config.toString());
      Path log = dir.resolve("registry.log");
      Process process = new ProcessBuilder(binary.toString(), "serve", configFile.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      RealRegistry registry = new RealRegistry(dir, process, port, log, tokens);
      registry.awaitUp();
      return registry;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the registry", e);
    }
  }

  /** {@code 127.0.0.1:<port>}: the registry as an image name holds it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The token server, when started with token auth. */
  public TokenServer tokenServer() {
    return tokens;
  }

  /** Pushes an image or index under {@code repository:tag}, byte for byte; returns its digest. */
  public String push(String repository, String tag, TestImages.Artifact artifact) {
    for (TestImages.Blob blob : artifact.blobs()) {
      pushBlob(repository, blob);
    }
    for (TestImages.Blob manifest : artifact.manifests()) {
      if (manifest != artifact.top()) {
        pushManifest(repository, manifest.digest(), manifest);
      }
    }
    return pushManifest(repository, tag, artifact.top());
  }

  private void pushBlob(String repository, TestImages.Blob blob) {
    String auth = pushToken(repository);
    HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), auth);
    expect(start, 202, "upload start");
    String location = start.headers().firstValue("location").orElseThrow();
    URI put = URI.create(location.startsWith("http") ? location : "http://" + host() + location);
    String separator = put.getRawQuery() == null ? "?" : "&";
    HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(put + separator + "digest=" + blob.digest()))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())), auth);
    expect(done, 201, "blob upload");
  }

  private String pushManifest(String repository, String reference, TestImages.Blob manifest) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
        .header("Content-Type", manifest.mediaType())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())), pushToken(repository));
    expect(response, 201, "manifest push");
    String digest = response.headers().firstValue("docker-content-digest").orElseThrow();
    if (!digest.equals(manifest.digest())) {
      throw new IllegalStateException("the registry changed the manifest: " + digest + " != " + manifest.digest());
    }
    return digest;
  }

  private String pushToken(String repository) {
    return tokens == null ? null : "Bearer " + tokens.mint(repository, List.of("pull", "push"));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private URI uri(String path) {
    return URI.create("http://" + host() + path);
  }

  /** Forgets the requests so far; {@link #pulls()} counts from here. */
  public void resetCounts() {
    awaitLogQuiet();
    try {
      logMark = Files.size(log);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The GET and HEAD requests under {@code /v2/} since {@link #resetCounts()}, as {@code GET /v2/…}. */
  public List<String> pulls() {
    awaitLogQuiet();
    List<String> out = new ArrayList<>();
    try {
      byte[] all = Files.readAllBytes(log);
      String text = new String(all, (int) Math.min(logMark, all.length), (int) Math.max(0, all.length - logMark), StandardCharsets.UTF_8);
      Matcher m = ACCESS_LINE.matcher(text);
      while (m.find()) {
        out.add(m.group(1) + " " + m.group(2));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  // The access log is written after the response; wait until it stops growing.
  private void awaitLogQuiet() {
    long last = -1;
    for (int i = 0; i < 40; i++) {
      try {
        long size = Files.size(log);
        if (size == last) {
          return;
        }
        last = size;
        Thread.sleep(25);
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void awaitUp() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the registry exited: " + Files.readString(log));
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(ie);
        }
      }
    }
    throw new IllegalStateException("the registry did not start: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (tokens != null) {
      tokens.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind
    }
  }

  /**
   * The token endpoint of distribution's token auth spec: {@code GET /token?service=…&scope=…}
   * answers {@code {"token": <JWT>, "expires_in": 300}}, signed RS256 with {@code x5c}.
   */
  public static final class TokenServer implements AutoCloseable {
    private final Login login;
    private HttpServer server;
    private PrivateKey key;
    private String certificate;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    TokenServer(Login login) {
      this.login = login;
    }

    void start(Path dir) throws IOException {
      Path store = dir.resolve("keys.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(keytool, "-genkeypair", "-alias", "token", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
          "-dname", "CN=healthguard-test-token", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
          "-storepass", "changeit", "-keypass", "changeit");
      try (InputStream in = Files.newInputStream(store)) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(in, "changeit".toCharArray());
        key = (PrivateKey) ks.getKey("token", "changeit".toCharArray());
        Certificate cert = ks.getCertificate("token");
        certificate = Base64.getEncoder().encodeToString(cert.getEncoded());
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException(e);
      }
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/token", this::handle);
      server.start();
    }

    private static void run(String... command) throws IOException {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
          throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }

    public String realm() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Each token request: its query parameters and, under {@code authorization}, that header. */
    public List<Map<String, String>> requests() {
      return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
      Map<String, String> query = new java.util.TreeMap<>();
      String raw = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      Map<String, String> recorded = new java.util.TreeMap<>(query);
      if (authorization != null) {
        recorded.put("authorization", authorization);
      }
      requests.add(recorded);
      if (login != null && !login.basicHeader().equals(authorization)) {
        reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        return;
      }
      String scope = query.getOrDefault("scope", "");
      String[] parts = scope.split(":");
      if (!SERVICE.equals(query.get("service")) || parts.length != 3 || !parts[0].equals("repository")) {
        reply(exchange, 400, "{\"errors\":[{\"code\":\"DENIED\"}]}");
        return;
      }
      reply(exchange, 200, "{\"token\":\"" + mint(parts[1], List.of("pull")) + "\",\"expires_in\":300}");
    }

    /** A token for {@code repository} with {@code actions}, as the registry checks it. */
    String mint(String repository, List<String> actions) {
      try {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        header.putArray("x5c").add(certificate);
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
            .put("iss", ISSUER).put("sub", "test").put("aud", SERVICE)
            .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", Long.toHexString(System.nanoTime()));
        ArrayNode access = claims.putArray("access");
        ObjectNode grant = access.addObject().put("type", "repository").put("name", repository);
        actions.forEach(grant.putArray("actions")::add);
        String signed = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64(rsa.sign());
      } catch (java.security.GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String b64(byte[] bytes) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      if (server != null) {
        server.stop(0);
      }
    }
  }
}
