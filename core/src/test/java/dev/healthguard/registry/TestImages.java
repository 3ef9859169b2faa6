package dev.healthguard.registry;

import dev.healthguard.registry.BaseImageHint;
import dev.healthguard.registry.Platform;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Real OCI and Docker artifacts built in the test: gzip layer tarballs, config JSON, manifests,
 * indexes and manifest lists, each digest the sha256 of the exact bytes (image-spec
 * descriptor.md). Tiny, deterministic, and servable by {@link FakeEcr}.
 */
public final class TestImages {

  private static final ObjectMapper JSON = new ObjectMapper();

  // image-spec media-types.md; Docker Image Manifest V2, Schema 2
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Bytes with their media type; the digest is computed from the bytes. */
  public record Blob(String mediaType, byte[] bytes) {
    public String digest() {
      return Digest.sha256(bytes).toString();
    }

    public long size() {
      return bytes.length;
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    ObjectNode descriptor() {
      ObjectNode d = JSON.createObjectNode();
      d.put("mediaType", mediaType);
      d.put("digest", digest());
      d.put("size", size());
      return d;
    }
  }

  /** Something {@link FakeEcr#push} stores: the tagged document, every manifest, every blob. */
  public sealed interface Artifact permits Image, Index {
    Blob top();

    List<Blob> manifests();

    List<Blob> blobs();
  }

  /** One platform's image. */
  public record Image(Blob manifest, Blob config, List<Blob> layers) implements Artifact {
    @Override
    public Blob top() {
      return manifest;
    }

    @Override
    public List<Blob> manifests() {
      return List.of(manifest);
    }

    @Override
    public List<Blob> blobs() {
      List<Blob> out = new ArrayList<>(layers);
      out.add(0, config);
      return out;
    }
  }

  /** An index or manifest list, with the manifests and blobs it reaches. */
  public record Index(Blob index, List<Image> images, List<Image> others) implements Artifact {
    @Override
    public Blob top() {
      return index;
    }

    @Override
    public List<Blob> manifests() {
      List<Blob> out = new ArrayList<>(List.of(index));
      images.forEach(i -> out.add(i.manifest()));
      others.forEach(i -> out.add(i.manifest()));
      return out;
    }

    @Override
    public List<Blob> blobs() {
      List<Blob> out = new ArrayList<>();
      images.forEach(i -> out.addAll(i.blobs()));
      others.forEach(i -> out.addAll(i.blobs()));
      return out;
    }

    /** The image for an architecture. */
    public Image image(String architecture) {
      return images.stream()
          .filter(i -> architecture.equals(configJson(i).path("architecture").asText()))
          .findFirst()
          .orElseThrow();
    }
  }

  // ---- layers ----

  /** A tar entry to put in a layer. */
  public record Entry(String name, byte type, String content, String linkName, int mode) {}

  public static Entry file(String name, String content) {
    return new Entry(name, TarArchiveEntry.LF_NORMAL, content, null, 0644);
  }

  public static Entry executable(String name, String content) {
    return new Entry(name, TarArchiveEntry.LF_NORMAL, content, null, 0755);
  }

  public static Entry dir(String name) {
    return new Entry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR, "", null, 0755);
  }

  public static Entry symlink(String name, String target) {
    return new Entry(name, TarArchiveEntry.LF_SYMLINK, "", target, 0777);
  }

  /** A gzip-compressed tar layer (Commons Compress), with fixed times so the digest is stable. */
  public static Blob layer(String mediaType, Entry... entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type());
        t.setMode(e.mode());
        t.setModTime(new Date(0));
        if (e.linkName() != null) {
          t.setLinkName(e.linkName());
        }
        byte[] content = e.content().getBytes(StandardCharsets.UTF_8);
        if (e.type() == TarArchiveEntry.LF_NORMAL) {
          t.setSize(content.length);
        }
        tar.putArchiveEntry(t);
        if (e.type() == TarArchiveEntry.LF_NORMAL) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Blob(mediaType, bytes.toByteArray());
  }

  // ---- configs ----

  /** A config JSON under construction; fields appear in the order set. */
  public static final class Config {
    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode config = JSON.createObjectNode();
    private final ArrayNode history = JSON.createArrayNode();
    private final ArrayNode diffIds = JSON.createArrayNode();

    private Config(String os, String architecture, String variant) {
      root.put("architecture", architecture);
      root.put("os", os);
      if (variant != null) {
        root.put("variant", variant);
      }
      root.put("created", "2024-01-01T00:00:00Z");
    }

    public Config env(String... entries) {
      array("Env", entries);
      return this;
    }

    public Config entrypoint(String... args) {
      array("Entrypoint", args);
      return this;
    }

    public Config cmd(String... args) {
      array("Cmd", args);
      return this;
    }

    public Config shell(String... args) {
      array("Shell", args);
      return this;
    }

    public Config user(String user) {
      config.put("User", user);
      return this;
    }

    public Config workingDir(String dir) {
      config.put("WorkingDir", dir);
      return this;
    }

    public Config label(String key, String value) {
      config.withObject("Labels").put(key, value);
      return this;
    }

    /** Durations in integer nanoseconds, as Docker writes them. */
    public Config healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries) {
      ObjectNode h = config.putObject("Healthcheck");
      ArrayNode t = h.putArray("Test");
      test.forEach(t::add);
      h.put("Interval", intervalNanos);
      h.put("Timeout", timeoutNanos);
      h.put("StartPeriod", startPeriodNanos);
      h.put("Retries", retries);
      return this;
    }

    public Config history(String createdBy, boolean emptyLayer) {
      ObjectNode h = history.addObject();
      h.put("created", "2024-01-01T00:00:00Z");
      h.put("created_by", createdBy);
      h.put("comment", "buildkit.dockerfile.v0");
      if (emptyLayer) {
        h.put("empty_layer", true);
      }
      return this;
    }

    /** A raw field on the config object, for hostile-input tests. */
    public Config raw(String field, Object value) {
      config.set(field, JSON.valueToTree(value));
      return this;
    }

    private void array(String field, String... values) {
      ArrayNode a = config.putArray(field);
      for (String v : values) {
        a.add(v);
      }
    }

    /** The config blob; {@code layers} give the diff_ids (their compressed digests stand in). */
    public Blob build(String mediaType, List<Blob> layers) {
      layers.forEach(l -> diffIds.add(l.digest()));
      root.set("config", config);
      ObjectNode rootfs = root.putObject("rootfs");
      rootfs.put("type", "layers");
      rootfs.set("diff_ids", diffIds);
      root.set("history", history);
      return new Blob(mediaType, write(root));
    }
  }

  public static Config config(Platform platform) {
    return new Config(platform.os(), platform.architecture(), platform.variant());
  }

  // ---- manifests ----

  public static Image ociImage(Blob config, List<Blob> layers, Map<String, String> annotations) {
    return image(OCI_MANIFEST, config, layers, annotations);
  }

  public static Image dockerImage(Blob config, List<Blob> layers) {
    return image(DOCKER_MANIFEST, config, layers, Map.of());
  }

  /** An OCI image whose layer descriptors carry annotations, e.g. a TOC's position and digest. */
  public static Image ociImage(Blob config, List<Blob> layers, List<Map<String, String>> layerAnnotations) {
    return image(OCI_MANIFEST, config, layers, Map.of(), layerAnnotations);
  }

  private static Image image(String mediaType, Blob config, List<Blob> layers, Map<String, String> annotations) {
    return image(mediaType, config, layers, annotations, layers.stream().map(b -> Map.<String, String>of()).toList());
  }

  private static Image image(String mediaType, Blob config, List<Blob> layers, Map<String, String> annotations,
      List<Map<String, String>> layerAnnotations) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", mediaType);
    m.set("config", config.descriptor());
    ArrayNode l = m.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      ObjectNode d = layers.get(i).descriptor();
      if (!layerAnnotations.get(i).isEmpty()) {
        ObjectNode a = d.putObject("annotations");
        layerAnnotations.get(i).forEach(a::put);
      }
      l.add(d);
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = m.putObject("annotations");
      annotations.forEach(a::put);
    }
    return new Image(new Blob(mediaType, write(m)), config, List.copyOf(layers));
  }

  /** An OCI index over {@code images}, with a BuildKit attestation entry per image when asked. */
  public static Index ociIndex(List<Image> images, Map<String, String> annotations, boolean attestations) {
    ObjectNode idx = JSON.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", OCI_INDEX);
    ArrayNode manifests = idx.putArray("manifests");
    List<Image> others = new ArrayList<>();
    for (Image image : images) {
      manifests.add(entry(image));
    }
    if (attestations) {
      for (Image image : images) {
        Image att = attestation(image);
        others.add(att);
        ObjectNode e = att.manifest().descriptor();
        ObjectNode a = e.putObject("annotations");
        // BuildKit attestation-storage.md: unknown/unknown plus these annotations.
        a.put("vnd.docker.reference.digest", image.manifest().digest());
        a.put("vnd.docker.reference.type", "attestation-manifest");
        ObjectNode p = e.putObject("platform");
        p.put("architecture", "unknown");
        p.put("os", "unknown");
        manifests.add(e);
      }
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = idx.putObject("annotations");
      annotations.forEach(a::put);
    }
    return new Index(new Blob(OCI_INDEX, write(idx)), List.copyOf(images), others);
  }

  /** A Docker manifest list over {@code images} (which should be Docker v2 manifests). */
  public static Index dockerList(List<Image> images) {
    ObjectNode idx = JSON.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", DOCKER_LIST);
    ArrayNode manifests = idx.putArray("manifests");
    images.forEach(i -> manifests.add(entry(i)));
    return new Index(new Blob(DOCKER_LIST, write(idx)), List.copyOf(images), List.of());
  }

  /** An index whose entries are given as JSON, for entries the builders above do not make. */
  public static Index rawIndex(String mediaType, List<Image> images, List<ObjectNode> entries) {
    ObjectNode idx = JSON.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", mediaType);
    idx.putArray("manifests").addAll(entries);
    return new Index(new Blob(mediaType, write(idx)), List.copyOf(images), List.of());
  }

  /** An index entry for {@code image} with the platform its config declares. */
  public static ObjectNode entry(Image image) {
    ObjectNode e = image.manifest().descriptor();
    ObjectNode c = configJson(image);
    ObjectNode p = e.putObject("platform");
    p.put("architecture", c.path("architecture").asText());
    p.put("os", c.path("os").asText());
    if (c.has("variant")) {
      p.put("variant", c.path("variant").asText());
    }
    return e;
  }

  private static Image attestation(Image subject) {
    Blob statement =
        new Blob(IN_TOTO, ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"digest\":{\"sha256\":\""
            + subject.manifest().digest().substring(7) + "\"}}]}").getBytes(StandardCharsets.UTF_8));
    String unknown = "{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    Blob config = new Blob(OCI_CONFIG, unknown.getBytes(StandardCharsets.UTF_8));
    return ociImage(config, List.of(statement), Map.of());
  }

  static ObjectNode configJson(Image image) {
    try {
      return (ObjectNode) JSON.readTree(image.config().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- ready-made images ----

  public static final String KO_BASE = "cgr.dev/chainguard/static:latest";
  public static final String KO_BASE_DIGEST = "sha256:" + "5".repeat(64);

  /**
   * What ko builds on its default base: no shell, the Go binary at {@code /ko-app/server}, PATH
   * with {@code /ko-app}, nonroot user, base annotations on the manifest (ecr-oci.md §2.5).
   */
  public static Image koStatic(Platform platform) {
    Blob base =
        layer(
            OCI_LAYER_GZIP,
            dir("etc"),
            file(
                "etc/passwd",
                "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"),
            dir("etc/ssl/certs"),
            file("etc/ssl/certs/ca-certificates.crt", "-----BEGIN CERTIFICATE-----\n"));
    Blob app = layer(OCI_LAYER_GZIP, dir("ko-app"), executable("ko-app/server", "\u007fELF " + platform.architecture()));
    Blob config =
        config(platform)
            .env(
                "PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:/ko-app",
                "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
                "KO_DATA_PATH=/var/run/ko")
            .entrypoint("/ko-app/server")
            .user("65532")
            .history("apko", false)
            .history("ko build ./cmd/server", false)
            .build(OCI_CONFIG, List.of(base, app));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(BaseImageHint.NAME_KEY, KO_BASE);
    annotations.put(BaseImageHint.DIGEST_KEY, KO_BASE_DIGEST);
    return ociImage(config, List.of(base, app), annotations);
  }

  /** ko's multi-platform push: an OCI index over amd64 and arm64, base annotations on it too. */
  public static Index koMultiArch() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(BaseImageHint.NAME_KEY, KO_BASE);
    annotations.put(BaseImageHint.DIGEST_KEY, KO_BASE_DIGEST);
    return ociIndex(List.of(koStatic(Platform.LINUX_AMD64), koStatic(new Platform("linux", "arm64", "v8"))), annotations, true);
  }

  /**
   * An alpine-based service built by BuildKit: busybox shell, {@code apk add curl} in its history,
   * a HEALTHCHECK with nanosecond durations, labels (ecr-oci.md §2.3, §2.4).
   */
  public static Image alpineCurl(Platform platform, String manifestMediaType) {
    String layerType = manifestMediaType.equals(DOCKER_MANIFEST) ? DOCKER_LAYER_GZIP : OCI_LAYER_GZIP;
    Blob base =
        layer(
            layerType,
            dir("bin"),
            executable("bin/busybox", "\u007fELF busybox"),
            symlink("bin/sh", "/bin/busybox"),
            dir("usr/bin"),
            symlink("usr/bin/wget", "/bin/busybox"));
    Blob curl = layer(layerType, dir("usr/bin"), executable("usr/bin/curl", "\u007fELF curl"));
    Blob config =
        config(platform)
            .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_PORT=8080")
            .cmd("/bin/sh")
            .user("app:app")
            .workingDir("/srv")
            .healthcheck(
                List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"),
                30_000_000_000L,
                5_000_000_000L,
                10_000_000_000L,
                3)
            .label("org.opencontainers.image.base.name", "docker.io/library/alpine:3.20")
            .label("maintainer", "team@example.com")
            .history("/bin/sh -c #(nop) ADD file:abc in / ", false)
            .history("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", true)
            .history("RUN /bin/sh -c apk add --no-cache curl # buildkit", false)
            .history(
                "HEALTHCHECK &{[\"CMD-SHELL\" \"curl -f http://localhost:8080/health || exit 1\"]"
                    + " \"30s\" \"5s\" \"10s\" \"0s\" '\\x03'}",
                true)
            .history("USER app:app", true)
            .build(manifestMediaType.equals(DOCKER_MANIFEST) ? DOCKER_CONFIG : OCI_CONFIG, List.of(base, curl));
    return manifestMediaType.equals(DOCKER_MANIFEST)
        ? dockerImage(config, List.of(base, curl))
        : ociImage(config, List.of(base, curl), Map.of());
  }

  /** A Docker manifest list over amd64 and arm64/v8 alpine images. */
  public static Index alpineDockerList() {
    return dockerList(
        List.of(
            alpineCurl(Platform.LINUX_AMD64, DOCKER_MANIFEST),
            alpineCurl(new Platform("linux", "arm64", "v8"), DOCKER_MANIFEST)));
  }

  private TestImages() {}
}
