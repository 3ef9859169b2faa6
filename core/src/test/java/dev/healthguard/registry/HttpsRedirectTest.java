package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry served over https that redirects a blob to plain http is refused: the blob is never
 * asked for over http, whatever the redirect says (issue 9). A real TLS server on loopback, with a
 * certificate made by the JDK's keytool for 127.0.0.1, which the client trusts.
 */
class HttpsRedirectTest {

  static final byte[] BLOB = "config bytes".getBytes(StandardCharsets.UTF_8);
  @TempDir static Path dir;
  static HttpsServer registry;
  static HttpServer plain;
  static SSLContext tls;
  static final List<String> plainRequests = new CopyOnWriteArrayList<>();
  static volatile String location;

  @BeforeAll
  static void start() throws Exception {
    Path store = dir.resolve("tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), out);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, "changeit".toCharArray());
    TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(keys);
    tls = SSLContext.getInstance("TLS");
    tls.init(km.getKeyManagers(), tm.getTrustManagers(), null);

    plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    plain.createContext("/", exchange -> {
      try (exchange) {
        plainRequests.add(exchange.getRequestURI().toString());
        reply(exchange, 200, BLOB);
      }
    });
    plain.start();
    registry = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.setHttpsConfigurator(new HttpsConfigurator(tls));
    registry.createContext("/", exchange -> {
      try (exchange) {
        if (exchange.getRequestURI().getPath().startsWith("/storage/")) {
          reply(exchange, exchange.getRequestHeaders().containsKey("Range") ? 206 : 200, BLOB);
          return;
        }
        exchange.getResponseHeaders().set("Location", location);
        reply(exchange, 307, new byte[0]);
      }
    });
    registry.start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.stop(0);
    }
    if (plain != null) {
      plain.stop(0);
    }
  }

  @BeforeEach
  void forget() {
    plainRequests.clear();
  }

  static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  BlobGet blobs() {
    HttpClient http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    return new BlobGet(http, Fast.OPTIONS);
  }

  static BlobRequest request() {
    URI url = URI.create("https://127.0.0.1:" + registry.getAddress().getPort() + "/v2/demo/app/blobs/sha256:x");
    return new BlobRequest(url, Map.of("Authorization", "Bearer token-123"), false);
  }

  @Test
  void anHttpsRegistryRedirectingToHttp_isRefused_andHttpIsNeverAsked() {
    location = "http://127.0.0.1:" + plain.getAddress().getPort() + "/blob";

    LookupException whole = assertThrows(LookupException.class,
        () -> blobs().openStream(request(), BLOB.length, "127.0.0.1/demo/app:v1", "config blob").close());
    LookupException range = assertThrows(LookupException.class,
        () -> blobs().readRange(request(), 0, 3, "127.0.0.1/demo/app:v1", "layer 0"));

    for (LookupException e : List.of(whole, range)) {
      assertEquals(LookupException.Kind.MALFORMED, e.kind());
      assertTrue(e.getMessage().contains("never from https to http"), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1/demo/app:v1"), e.getMessage());
    }
    assertEquals(List.of(), plainRequests, "nothing asked over plain http");
  }

  @Test
  void anHttpsRedirectToHttps_isFollowed() throws IOException {
    // The same server, so the refusal above is about the scheme and not about TLS or redirects.
    location = "https://127.0.0.1:" + registry.getAddress().getPort() + "/storage/blob";

    try (InputStream in = blobs().openStream(request(), BLOB.length, "127.0.0.1/demo/app:v1", "config blob")) {
      assertArrayEquals(BLOB, in.readAllBytes());
    }
    assertEquals(List.of(), plainRequests);
  }
}
