package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;
import dev.healthguard.registry.Digest;
import dev.healthguard.registry.TestImages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A loopback fake of the ECR API that the real SDK client accepts (ecr-oci.md §1.1, §7): a JDK
 * {@code HttpServer} on 127.0.0.1, routing on {@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Operation>}, answering {@code application/x-amz-json-1.1},
 * errors as HTTP 400 {@code {"__type": …}}. {@code GetDownloadUrlForLayer} hands out URLs on the
 * same server ({@code /blobs/<digest>?X-Amz-…} with a fake signature) that serve the blob.
 * Signatures are not checked. Requests are counted per operation and blob requests recorded, and
 * faults can be injected per operation or per blob.
 *
 * <pre>{@code
 * try (FakeEcr ecr = FakeEcr.start()) {
 *   ecr.push("team/api", "v1", TestImages.koMultiArch());
 *   try (EcrLookup lookup = ecr.lookupBuilder().build()) { … }
 * }
 * }</pre>
 */
public final class FakeEcr implements AutoCloseable {

  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "eu-west-1";
  private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The ECR operations served, and blob GETs. */
  public enum Op {
    BATCH_GET_IMAGE("BatchGetImage"),
    GET_DOWNLOAD_URL_FOR_LAYER("GetDownloadUrlForLayer"),
    DESCRIBE_IMAGES("DescribeImages"),
    BATCH_CHECK_LAYER_AVAILABILITY("BatchCheckLayerAvailability"),
    BLOB("(blob GET)");

    private final String operation;

    Op(String operation) {
      this.operation = operation;
    }

    public String operation() {
      return operation;
    }

    static Op of(String target) {
      for (Op op : values()) {
        if (target.equals(TARGET_PREFIX + op.operation)) {
          return op;
        }
      }
      return null;
    }
  }

  /** A request as received: headers (lower-case names), query and body. */
  public record Request(Op op, Map<String, List<String>> headers, String query, String body) {
    public boolean hasHeader(String name) {
      return headers.containsKey(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<Op, AtomicInteger> counts = new EnumMap<>(Op.class);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<Op, List<Fault>> opFaults = new ConcurrentHashMap<>();
  private final Map<String, List<Fault>> blobFaults = new ConcurrentHashMap<>();
  private final Map<String, List<Fault>> manifestFaults = new ConcurrentHashMap<>();

  private static final class Repository {
    final Map<String, String> tags = new ConcurrentHashMap<>();
    final Map<String, TestImages.Blob> manifests = new ConcurrentHashMap<>();
    final Map<String, Boolean> blobs = new ConcurrentHashMap<>();
  }

  private FakeEcr() throws IOException {
    for (Op op : Op.values()) {
      counts.put(op, new AtomicInteger());
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // One thread per exchange, so a delayed answer does not hold up the others; daemon, and
    // interrupted on close so that delays end with the test.
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-ecr");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeEcr start() {
    try {
      return new FakeEcr();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
  }

  /** A lookup builder aimed at this fake: region {@link #REGION}, static credentials. */
  public EcrLookup.Builder lookupBuilder() {
    return EcrLookup.builder()
        .region(REGION)
        .endpointOverride(endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "fake-secret")));
  }

  /** An image reference in this fake's account and region. */
  public static ImageName ref(String repository, String tagOrDigest) {
    return ImageName.ecr(ACCOUNT, REGION, repository, tagOrDigest);
  }

  /** Creates an empty repository. */
  public FakeEcr createRepository(String name) {
    repositories.computeIfAbsent(name, n -> new Repository());
    return this;
  }

  /** Stores the artifact's manifests and blobs in {@code repository} and points {@code tag} at it. */
  public FakeEcr push(String repository, String tag, TestImages.Artifact artifact) {
    Repository repo = repositories.computeIfAbsent(repository, n -> new Repository());
    for (TestImages.Blob m : artifact.manifests()) {
      repo.manifests.put(m.digest(), m);
    }
    for (TestImages.Blob b : artifact.blobs()) {
      repo.blobs.put(b.digest(), true);
      blobs.put(b.digest(), b.bytes());
    }
    if (tag != null) {
      repo.tags.put(tag, artifact.top().digest());
    }
    return this;
  }

  /** Stores a manifest document as is, for documents the builders do not make. */
  public FakeEcr pushManifest(String repository, String tag, TestImages.Blob manifest) {
    Repository repo = repositories.computeIfAbsent(repository, n -> new Repository());
    repo.manifests.put(manifest.digest(), manifest);
    if (tag != null) {
      repo.tags.put(tag, manifest.digest());
    }
    return this;
  }

  /** Injects a fault into every request of {@code op} ({@link Op#BLOB} for all blobs). */
  public FakeEcr fault(Op op, Fault fault) {
    opFaults.computeIfAbsent(op, o -> new CopyOnWriteArrayList<>()).add(fault);
    return this;
  }

  /** Injects a fault into the GETs of one blob. */
  public FakeEcr faultBlob(String digest, Fault fault) {
    blobFaults.computeIfAbsent(digest, d -> new CopyOnWriteArrayList<>()).add(fault);
    return this;
  }

  /** Injects a fault into BatchGetImage answers that return one manifest (by its digest). */
  public FakeEcr faultManifest(String digest, Fault fault) {
    manifestFaults.computeIfAbsent(digest, d -> new CopyOnWriteArrayList<>()).add(fault);
    return this;
  }

  public int count(Op op) {
    return counts.get(op).get();
  }

  /** Every request of every kind. */
  public int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public List<Request> requests(Op op) {
    return requests.stream().filter(r -> r.op() == op).toList();
  }

  public void resetCounts() {
    counts.values().forEach(c -> c.set(0));
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- faults ----

  /** What goes wrong, and for how many requests; then the fake answers normally again. */
  public static final class Fault {
    enum Type {
      ERROR,
      DELAY,
      TRUNCATE,
      STALL_BODY,
      CORRUPT,
      OVERSIZE
    }

    final Type type;
    final int status;
    final String errorType;
    final Duration delay;
    final int size;
    private final AtomicInteger remaining;

    private Fault(Type type, int status, String errorType, Duration delay, int size, int times) {
      this.type = type;
      this.status = status;
      this.errorType = errorType;
      this.delay = delay;
      this.size = size;
      this.remaining = new AtomicInteger(times);
    }

    /** HTTP 400 {@code ThrottlingException} for the API; HTTP 429 for blobs. */
    public static Fault throttle(int times) {
      return new Fault(Type.ERROR, 400, "ThrottlingException", null, 0, times);
    }

    /** HTTP 500 {@code ServerException}. */
    public static Fault serverError(int times) {
      return new Fault(Type.ERROR, 500, "ServerException", null, 0, times);
    }

    /** HTTP 400 {@code AccessDeniedException} for the API; HTTP 403 for blobs. Always. */
    public static Fault accessDenied() {
      return new Fault(Type.ERROR, 400, "AccessDeniedException", null, 0, Integer.MAX_VALUE);
    }

    /** Any error: an API {@code __type} with its status; for blobs only the status counts. */
    public static Fault error(int status, String type, int times) {
      return new Fault(Type.ERROR, status, type, null, 0, times);
    }

    /** Waits before answering (API, or blob headers). */
    public static Fault delay(Duration delay, int times) {
      return new Fault(Type.DELAY, 0, null, delay, 0, times);
    }

    /** Blob: announces the full Content-Length, sends half, and drops the connection. */
    public static Fault truncate(int times) {
      return new Fault(Type.TRUNCATE, 0, null, null, 0, times);
    }

    /** Blob: sends headers and half the body, then nothing for {@code delay}. */
    public static Fault stallBody(Duration delay, int times) {
      return new Fault(Type.STALL_BODY, 0, null, delay, 0, times);
    }

    /**
     * Blob: the same number of bytes, one flipped (a digest mismatch). BatchGetImage: the manifest
     * text gains a trailing space but keeps the stored digest.
     */
    public static Fault corrupt(int times) {
      return new Fault(Type.CORRUPT, 0, null, null, 0, times);
    }

    /** BatchGetImage: the manifest padded with spaces to {@code bytes}, under its new digest. */
    public static Fault oversize(int bytes) {
      return new Fault(Type.OVERSIZE, 0, null, null, bytes, Integer.MAX_VALUE);
    }

    boolean take() {
      return remaining.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
    }
  }

  private Fault takeFault(Op op, String digest) {
    if (digest != null) {
      for (Fault f : blobFaults.getOrDefault(digest, List.of())) {
        if (f.take()) {
          return f;
        }
      }
    }
    for (Fault f : opFaults.getOrDefault(op, List.of())) {
      if (f.take()) {
        return f;
      }
    }
    return null;
  }

  // ---- HTTP ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.startsWith("/blobs/")) {
        blob(ex, path.substring("/blobs/".length()));
        return;
      }
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      Op op = target == null ? null : Op.of(target);
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (op == null || op == Op.BLOB) {
        error(ex, 400, "UnknownOperationException", "Unknown operation " + target);
        return;
      }
      counts.get(op).incrementAndGet();
      requests.add(new Request(op, headers(ex), ex.getRequestURI().getRawQuery(), body));
      Fault fault = takeFault(op, null);
      if (fault != null && fault.type == Fault.Type.DELAY) {
        sleep(fault.delay);
        fault = null;
      }
      if (fault != null && fault.type == Fault.Type.ERROR) {
        error(ex, fault.status, fault.errorType, "Injected " + fault.errorType);
        return;
      }
      JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
      switch (op) {
        case BATCH_GET_IMAGE -> batchGetImage(ex, request, fault);
        case GET_DOWNLOAD_URL_FOR_LAYER -> getDownloadUrl(ex, request);
        case DESCRIBE_IMAGES -> describeImages(ex, request);
        case BATCH_CHECK_LAYER_AVAILABILITY -> checkLayers(ex, request);
        default -> error(ex, 400, "UnknownOperationException", "Unknown operation " + target);
      }
    }
  }

  private Repository repository(HttpExchange ex, JsonNode request) throws IOException {
    String name = request.path("repositoryName").asText();
    Repository repo = repositories.get(name);
    if (repo == null) {
      error(
          ex,
          400,
          "RepositoryNotFoundException",
          "The repository with name '" + name + "' does not exist in the registry with id '"
              + request.path("registryId").asText(ACCOUNT) + "'");
    }
    return repo;
  }

  private void batchGetImage(HttpExchange ex, JsonNode request, Fault fault) throws IOException {
    Repository repo = repository(ex, request);
    if (repo == null) {
      return;
    }
    List<String> accepted = new ArrayList<>();
    request.path("acceptedMediaTypes").forEach(n -> accepted.add(n.asText()));
    ObjectNode response = JSON.createObjectNode();
    ArrayNode images = response.putArray("images");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode id : request.path("imageIds")) {
      String tag = id.hasNonNull("imageTag") ? id.get("imageTag").asText() : null;
      String digest = id.hasNonNull("imageDigest") ? id.get("imageDigest").asText() : null;
      String resolved = digest != null ? digest : repo.tags.get(tag);
      TestImages.Blob manifest = resolved == null ? null : repo.manifests.get(resolved);
      if (manifest == null) {
        failure(failures, id, "ImageNotFound", "Requested image not found");
        continue;
      }
      if (tag != null && digest != null && !digest.equals(repo.tags.get(tag))) {
        failure(failures, id, "ImageTagDoesNotMatchDigest", "Tag does not match digest");
        continue;
      }
      if (!accepted.isEmpty() && !accepted.contains(manifest.mediaType())) {
        failure(failures, id, "UnsupportedImageType", "Manifest media type not accepted");
        continue;
      }
      String text = manifest.text();
      String reported = manifest.digest();
      for (Fault f : manifestFaults.getOrDefault(resolved, List.of())) {
        if (fault == null && f.take()) {
          fault = f;
        }
      }
      if (fault != null && fault.type == Fault.Type.CORRUPT) {
        text = text + " ";
      } else if (fault != null && fault.type == Fault.Type.OVERSIZE) {
        text = text + " ".repeat(Math.max(0, fault.size - text.length()));
        reported = Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).toString();
      }
      ObjectNode image = images.addObject();
      image.put("registryId", request.path("registryId").asText(ACCOUNT));
      image.put("repositoryName", request.path("repositoryName").asText());
      ObjectNode imageId = image.putObject("imageId");
      imageId.put("imageDigest", reported);
      if (tag != null) {
        imageId.put("imageTag", tag);
      }
      image.put("imageManifest", text);
      image.put("imageManifestMediaType", manifest.mediaType());
    }
    json(ex, 200, response);
  }

  private static void failure(ArrayNode failures, JsonNode id, String code, String reason) {
    ObjectNode f = failures.addObject();
    f.set("imageId", id);
    f.put("failureCode", code);
    f.put("failureReason", reason);
  }

  private void getDownloadUrl(HttpExchange ex, JsonNode request) throws IOException {
    Repository repo = repository(ex, request);
    if (repo == null) {
      return;
    }
    String digest = request.path("layerDigest").asText();
    if (!repo.blobs.containsKey(digest)) {
      error(ex, 400, "LayersNotFoundException", "The specified layers could not be found");
      return;
    }
    byte[] signature = new byte[32];
    ThreadLocalRandom.current().nextBytes(signature);
    String url =
        endpoint() + "/blobs/" + digest + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=FAKE%2F20240101%2F" + REGION
            + "%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="
            + HexFormat.of().formatHex(signature);
    ObjectNode response = JSON.createObjectNode();
    response.put("downloadUrl", url);
    response.put("layerDigest", digest);
    json(ex, 200, response);
  }

  private void describeImages(HttpExchange ex, JsonNode request) throws IOException {
    Repository repo = repository(ex, request);
    if (repo == null) {
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    ArrayNode details = response.putArray("imageDetails");
    List<String> digests = new ArrayList<>();
    if (request.has("imageIds")) {
      for (JsonNode id : request.get("imageIds")) {
        String d = id.hasNonNull("imageDigest") ? id.get("imageDigest").asText() : repo.tags.get(id.path("imageTag").asText());
        if (d == null || !repo.manifests.containsKey(d)) {
          error(ex, 400, "ImageNotFoundException", "The image with imageId " + id + " does not exist within the repository");
          return;
        }
        digests.add(d);
      }
    } else {
      digests.addAll(repo.tags.values());
    }
    for (String d : digests) {
      TestImages.Blob m = repo.manifests.get(d);
      ObjectNode detail = details.addObject();
      detail.put("registryId", ACCOUNT);
      detail.put("repositoryName", request.path("repositoryName").asText());
      detail.put("imageDigest", d);
      ArrayNode tags = detail.putArray("imageTags");
      repo.tags.forEach((t, td) -> {
        if (td.equals(d)) {
          tags.add(t);
        }
      });
      detail.put("imageSizeInBytes", m.size());
      detail.put("imagePushedAt", 1.7E9);
      detail.put("imageManifestMediaType", m.mediaType());
    }
    json(ex, 200, response);
  }

  private void checkLayers(HttpExchange ex, JsonNode request) throws IOException {
    Repository repo = repository(ex, request);
    if (repo == null) {
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    ArrayNode layers = response.putArray("layers");
    for (JsonNode d : request.path("layerDigests")) {
      ObjectNode l = layers.addObject();
      l.put("layerDigest", d.asText());
      boolean there = repo.blobs.containsKey(d.asText());
      l.put("layerAvailability", there ? "AVAILABLE" : "UNAVAILABLE");
      if (there) {
        l.put("layerSize", blobs.get(d.asText()).length);
      }
    }
    response.putArray("failures");
    json(ex, 200, response);
  }

  private void blob(HttpExchange ex, String digest) throws IOException {
    counts.get(Op.BLOB).incrementAndGet();
    requests.add(new Request(Op.BLOB, headers(ex), ex.getRequestURI().getRawQuery(), ""));
    byte[] bytes = blobs.get(digest);
    Fault fault = takeFault(Op.BLOB, digest);
    if (fault != null && fault.type == Fault.Type.DELAY) {
      sleep(fault.delay);
      fault = null;
    }
    if (fault != null && fault.type == Fault.Type.ERROR) {
      int status = switch (fault.errorType) {
        case "ThrottlingException" -> 429;
        case "AccessDeniedException" -> 403;
        default -> fault.status;
      };
      ex.sendResponseHeaders(status, -1);
      return;
    }
    String query = ex.getRequestURI().getRawQuery();
    if (bytes == null || query == null || !query.contains("X-Amz-Signature=")) {
      ex.sendResponseHeaders(bytes == null ? 404 : 403, -1);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    if (fault != null && fault.type == Fault.Type.CORRUPT) {
      bytes = Arrays.copyOf(bytes, bytes.length);
      bytes[bytes.length / 2] ^= 0x01;
    }
    ex.sendResponseHeaders(200, bytes.length);
    OutputStream out = ex.getResponseBody();
    if (fault != null && (fault.type == Fault.Type.TRUNCATE || fault.type == Fault.Type.STALL_BODY)) {
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      if (fault.type == Fault.Type.STALL_BODY) {
        sleep(fault.delay);
      }
      // The JDK server keeps a short body's connection open; a handler that throws makes it
      // close the connection, which is what a cut-off download looks like to the client.
      throw new IOException("fake: connection dropped mid-body");
    }
    out.write(bytes);
  }

  private static Map<String, List<String>> headers(HttpExchange ex) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    ex.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
    return out;
  }

  private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    json(ex, status, body);
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", JSON_11);
    ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FakeEcr" + Objects.toString(endpoint());
  }
}
