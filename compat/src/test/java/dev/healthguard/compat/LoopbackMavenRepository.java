package dev.healthguard.compat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Maven repository on loopback, read-only, for a user's build run by a test: HealthGuard's own
 * artifacts come from this checkout (the poms as published, the jars from {@code target/classes}),
 * everything else from the local repository the build already filled. Nothing is downloaded and
 * nothing is written to that repository: the user's build gets a local repository of its own.
 *
 * <p>A local repository keeps no {@code maven-metadata.xml} of a remote (only per-repository
 * copies), so for version ranges the metadata is made from the versions present.
 */
final class LoopbackMavenRepository implements AutoCloseable {

  private static final String GROUP_PATH = "dev/healthguard/";

  private final HttpServer server;
  private final Path cache;
  private final String version;
  /** HealthGuard's artifact ids and where each one's pom and classes live in the checkout. */
  private final Map<String, Path> modules;
  private final ConcurrentLinkedQueue<String> served = new ConcurrentLinkedQueue<>();

  LoopbackMavenRepository(Path root, Path cache, String version) throws IOException {
    this.cache = cache;
    this.version = version;
    this.modules = Map.of(
        "healthguard-parent", root,
        "healthguard-bom", root.resolve("bom"),
        "healthguard-core", root.resolve("core"),
        "healthguard", root.resolve("lib"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** The paths requested and answered, for a failure message. */
  List<String> served() {
    return List.copyOf(served);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
      Optional<byte[]> body = path.contains("..") ? Optional.empty() : content(path);
      if (body.isEmpty()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      served.add(path);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(200, head ? -1 : body.get().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body.get());
        }
      }
    }
  }

  private Optional<byte[]> content(String path) throws IOException {
    for (String checksum : List.of(".sha1", ".md5")) {
      if (path.endsWith(checksum)) {
        return content(path.substring(0, path.length() - checksum.length()))
            .map(bytes -> hex(checksum.equals(".sha1") ? "SHA-1" : "MD5", bytes));
      }
    }
    if (path.startsWith(GROUP_PATH)) {
      return healthGuard(path.substring(GROUP_PATH.length()));
    }
    if (path.endsWith("/maven-metadata.xml")) {
      return metadata(path.substring(0, path.length() - "/maven-metadata.xml".length()));
    }
    Path file = cache.resolve(path);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  /** {@code <artifactId>/<version>/<artifactId>-<version>.<pom|jar>}, from the checkout only. */
  private Optional<byte[]> healthGuard(String path) throws IOException {
    String[] parts = path.split("/");
    if (parts.length == 2 && parts[1].equals("maven-metadata.xml") && modules.containsKey(parts[0])) {
      return Optional.of(metadataXml("dev.healthguard", parts[0], List.of(version)));
    }
    if (parts.length != 3 || !modules.containsKey(parts[0]) || !parts[1].equals(version)) {
      return Optional.empty();
    }
    Path module = modules.get(parts[0]);
    String base = parts[0] + "-" + version;
    if (parts[2].equals(base + ".pom")) {
      return Optional.of(Files.readAllBytes(module.resolve("pom.xml")));
    }
    if (parts[2].equals(base + ".jar") && Files.isDirectory(module.resolve("target/classes"))) {
      return Optional.of(jar(module.resolve("target/classes")));
    }
    return Optional.empty();
  }

  private Optional<byte[]> metadata(String artifactPath) throws IOException {
    Path dir = cache.resolve(artifactPath);
    if (!Files.isDirectory(dir) || artifactPath.indexOf('/') < 0) {
      return Optional.empty();
    }
    String artifactId = dir.getFileName().toString();
    List<String> versions;
    try (Stream<Path> children = Files.list(dir)) {
      versions = children
          .filter(v -> Files.isRegularFile(v.resolve(artifactId + "-" + v.getFileName() + ".pom")))
          .map(v -> v.getFileName().toString())
          .sorted()
          .toList();
    }
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    String groupId = artifactPath.substring(0, artifactPath.lastIndexOf('/')).replace('/', '.');
    return Optional.of(metadataXml(groupId, artifactId, versions));
  }

  private static byte[] metadataXml(String groupId, String artifactId, List<String> versions) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n")
        .append("  <groupId>").append(groupId).append("</groupId>\n")
        .append("  <artifactId>").append(artifactId).append("</artifactId>\n")
        .append("  <versioning>\n    <versions>\n");
    versions.forEach(v -> xml.append("      <version>").append(v).append("</version>\n"));
    return xml.append("    </versions>\n  </versioning>\n</metadata>\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] jar(Path classes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes))
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
