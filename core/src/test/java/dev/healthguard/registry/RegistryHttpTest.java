package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real registry cannot be made to do, on loopback servers: a redirect to another host
 * (blob storage), Docker Hub's pull-limit answer; and the Docker config's ways to hold a login.
 */
class RegistryHttpTest {

  @TempDir Path dir;
  final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  final List<String> seen = new CopyOnWriteArrayList<>();

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  HttpServer serve(Handler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        handler.handle(exchange);
      }
    });
    server.start();
    servers.add(server);
    return server;
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Test
  void aRedirectToBlobStorage_dropsTheToken_andTheBlobIsStillChecked() throws IOException {
    byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
    HttpServer storage = serve(exchange -> {
      seen.add("storage " + exchange.getRequestHeaders().getFirst("Authorization"));
      reply(exchange, 200, blob);
    });
    // "localhost" and "127.0.0.1" are different authorities, as a registry and its storage are.
    String storageUrl = "http://localhost:" + storage.getAddress().getPort() + "/blob?X-Amz-Signature=secret";
    HttpServer registry = serve(exchange -> {
      seen.add("registry " + exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.getResponseHeaders().set("Location", storageUrl);
      reply(exchange, 307, new byte[0]);
    });
    BlobGet get = new BlobGet(BlobGet.newHttpClient(Fast.OPTIONS), Fast.OPTIONS);
    URI url = URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/v2/demo/blobs/x");
    BlobRequest request = new BlobRequest(url, Map.of("Authorization", "Bearer token-123"), true);

    try (InputStream in = get.openStream(request, blob.length, "img", "layer 0")) {
      assertArrayEquals(blob, in.readAllBytes());
    }
    assertEquals(List.of("registry Bearer token-123", "storage null"), seen);
    assertTrue(request.toString().contains("127.0.0.1") && !request.toString().contains("token"), request.toString());
  }

  @Test
  void dockerHubsPullLimit_isRateLimited_namingTheLimit_andIsNotRetried() throws IOException {
    HttpServer hub = serve(exchange -> {
      seen.add(exchange.getRequestURI().getPath());
      exchange.getResponseHeaders().set("ratelimit-limit", "100;w=21600");
      exchange.getResponseHeaders().set("ratelimit-remaining", "0;w=21600");
      exchange.getResponseHeaders().set("docker-ratelimit-source", "203.0.113.7");
      reply(exchange, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}"
          .getBytes(StandardCharsets.UTF_8));
    });
    String host = "127.0.0.1:" + hub.getAddress().getPort();
    RegistryClient client = RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(host)).build();

    LookupException e = assertThrows(LookupException.class,
        () -> client.resolve(ImageAddress.of(host, "library/alpine", "3.20"), Platform.LINUX_AMD64));
    assertEquals(LookupException.Kind.RATE_LIMITED, e.kind());
    assertTrue(e.getMessage().contains("limit 100 per 21600 s, remaining 0 per 21600 s"), e.getMessage());
    assertTrue(e.getMessage().contains(host + "/library/alpine:3.20"), e.getMessage());
    assertEquals(List.of("/v2/library/alpine/manifests/3.20"), seen, "a used-up limit is not retried");
  }

  @Test
  void plain429_isThrottled_andRetried() throws IOException {
    HttpServer busy = serve(exchange -> {
      seen.add(exchange.getRequestURI().getPath());
      reply(exchange, 429, new byte[0]);
    });
    String host = "127.0.0.1:" + busy.getAddress().getPort();
    RegistryClient client = RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(host)).build();
    LookupException e = assertThrows(LookupException.class,
        () -> client.resolve(ImageAddress.of(host, "app", "v1"), Platform.LINUX_AMD64));
    assertEquals(LookupException.Kind.THROTTLED, e.kind());
    assertEquals(Fast.OPTIONS.blobMaxAttempts(), seen.size());
  }

  @Test
  void aTokenServiceOverPlainHttpOnAnotherHost_isRefused() throws IOException {
    HttpServer registry = serve(exchange -> {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://auth.example.com/token\",service=\"x\"");
      reply(exchange, 401, new byte[0]);
    });
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    RegistryClient client = RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(host)).build();
    LookupException e = assertThrows(LookupException.class,
        () -> client.resolve(ImageAddress.of(host, "app", "v1"), Platform.LINUX_AMD64));
    assertEquals(LookupException.Kind.ACCESS_DENIED, e.kind());
    assertTrue(e.getMessage().contains("only https"), e.getMessage());
  }

  @Test
  void challengesAreReadAsTheTokenSpecWritesThem() {
    Challenge hub = Challenge.parse(
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"")
        .orElseThrow();
    assertTrue(hub.isBearer());
    assertEquals("https://auth.docker.io/token", hub.realm());
    assertEquals("registry.docker.io", hub.parameters().get("service"));
    assertEquals("repository:library/alpine:pull", hub.parameters().get("scope"));
    Challenge basic = Challenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();
    assertTrue(basic.isBasic());
    assertEquals(Optional.empty(), Challenge.parse("Negotiate abc"));
    assertEquals(Optional.empty(), Challenge.parse(null));
  }

  @Test
  void dockerConfig_authsEntries_underAnyOfTheirNames() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:hub-pass") + "\"},"
        + "\"ghcr.io\":{\"username\":\"gh\",\"password\":\"gh-pass\"},"
        + "\"https://quay.io\":{\"auth\":\"" + b64("q:quay-pass") + "\"},"
        + "\"azure.example.com\":{\"identitytoken\":\"refresh\"}}}");
    DockerConfig config = DockerConfig.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString()));
    assertEquals(Optional.of(new Login("hub", "hub-pass")), config.forRegistry("docker.io"));
    assertEquals(Optional.of(new Login("gh", "gh-pass")), config.forRegistry("ghcr.io"));
    assertEquals(Optional.of(new Login("q", "quay-pass")), config.forRegistry("quay.io"));
    assertEquals(Optional.empty(), config.forRegistry("azure.example.com"), "identity tokens are not used");
    assertEquals(Optional.empty(), config.forRegistry("gcr.io"));
    assertFalse(config.forRegistry("ghcr.io").orElseThrow().toString().contains("gh-pass"));
  }

  @Test
  void dockerConfig_underHome_andAMissingFileMeansAnonymous() throws IOException {
    Path docker = Files.createDirectories(dir.resolve("home/.docker"));
    Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("u:p") + "\"}}}");
    assertEquals(Optional.of(new Login("u", "p")),
        DockerConfig.fromEnvironment(Map.of("HOME", dir.resolve("home").toString())).forRegistry("ghcr.io"));
    assertEquals(Optional.empty(), DockerConfig.fromEnvironment(Map.of("HOME", dir.resolve("nobody").toString())).forRegistry("ghcr.io"));
  }

  @Test
  void dockerConfig_credentialHelpers_areRun_andTheirOutputNeverReachesAMessage() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    helper(bin, "docker-credential-pass", "read server; if [ \"$server\" = https://index.docker.io/v1/ ]; then "
        + "echo '{\"ServerURL\":\"'$server'\",\"Username\":\"hubuser\",\"Secret\":\"hub-helper-secret\"}'; "
        + "else echo 'credentials not found in native keychain'; exit 1; fi");
    helper(bin, "docker-credential-ecr-login", "read server; echo '{\"Username\":\"AWS\",\"Secret\":\"ecr-token-'$server'\"}'");
    helper(bin, "docker-credential-broken", "echo 'not json hub-helper-secret'");
    Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"pass\",\"credHelpers\":{"
        + "\"123456789012.dkr.ecr.eu-west-1.amazonaws.com\":\"ecr-login\",\"broken.example.com\":\"broken\","
        + "\"missing.example.com\":\"nothere\"},\"auths\":{\"docker.io\":{}}}");
    DockerConfig config = DockerConfig.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString(), "PATH", bin.toString()));

    assertEquals(Optional.of(new Login("hubuser", "hub-helper-secret")), config.forRegistry("docker.io"));
    assertEquals(Optional.of(new Login("AWS", "ecr-token-123456789012.dkr.ecr.eu-west-1.amazonaws.com")),
        config.forRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
    assertEquals(Optional.empty(), config.forRegistry("ghcr.io"), "the store has nothing for it");
    RegistryCredentials.CredentialsException broken =
        assertThrows(RegistryCredentials.CredentialsException.class, () -> config.forRegistry("broken.example.com"));
    assertFalse(broken.getMessage().contains("hub-helper-secret"), broken.getMessage());
    assertTrue(broken.getMessage().contains("docker-credential-broken"), broken.getMessage());
    RegistryCredentials.CredentialsException missing =
        assertThrows(RegistryCredentials.CredentialsException.class, () -> config.forRegistry("missing.example.com"));
    assertTrue(missing.getMessage().contains("not on the PATH"), missing.getMessage());
  }

  @Test
  void aBrokenDockerConfigFailsTheLookupSayingWhich_notSilently() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{ not json \"auth\":\"c2VjcmV0\"");
    DockerConfig config = DockerConfig.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString()));
    RegistryCredentials.CredentialsException e =
        assertThrows(RegistryCredentials.CredentialsException.class, () -> config.forRegistry("ghcr.io"));
    assertTrue(e.getMessage().contains(dir.resolve("config.json").toString()), e.getMessage());
    assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
  }

  private static void helper(Path bin, String name, String script) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
