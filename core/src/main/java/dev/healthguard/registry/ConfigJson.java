package dev.healthguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an image config blob: OCI fields of image-spec config.md and the Docker extensions {@code
 * Shell} and {@code Healthcheck} (moby/docker-image-spec {@code specs-go/v1/image.go}; ecr-oci.md
 * §2.3). Docker capitalizes the {@code config} fields ({@code Env}, {@code Cmd}); OCI uses the same
 * names.
 */
final class ConfigJson {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /**
   * @param bytes the config blob, already verified against {@code descriptor}
   * @throws Json.MalformedException naming the field at fault
   */
  static ImageConfig parse(byte[] bytes, Descriptor descriptor) {
    JsonNode root = Json.parseObject(bytes);
    String architecture = Json.requiredText(root, "architecture", "");
    String os = Json.requiredText(root, "os", "");
    JsonNode c = Json.object(root, "config", "");
    if (c == null) {
      // config.md: "config" is OPTIONAL; absent means no runtime defaults.
      c = JsonNodeFactory.instance.objectNode();
    }
    List<HistoryEntry> history = new ArrayList<>();
    List<JsonNode> entries = Json.array(root, "history", "");
    for (int i = 0; i < entries.size(); i++) {
      JsonNode h = entries.get(i);
      String path = "history[" + i + "].";
      if (!h.isObject()) {
        throw new Json.MalformedException("history[" + i + "] must be an object");
      }
      history.add(
          new HistoryEntry(
              Json.text(h, "created", path),
              Json.text(h, "created_by", path),
              Json.text(h, "comment", path),
              Json.bool(h, "empty_layer", path)));
    }
    JsonNode rootfs = Json.object(root, "rootfs", "");
    List<String> diffIds = rootfs == null ? List.of() : Json.strings(rootfs, "diff_ids", "rootfs.");
    String user = Json.text(c, "User", "config.");
    String workingDir = Json.text(c, "WorkingDir", "config.");
    Map<String, String> labels = Json.stringMap(c, "Labels", "config.");
    return new ImageConfig(
        descriptor.digest(),
        descriptor.mediaType(),
        architecture,
        os,
        emptyToNull(Json.text(root, "variant", "")),
        Json.strings(c, "Entrypoint", "config."),
        Json.strings(c, "Cmd", "config."),
        Json.strings(c, "Env", "config."),
        emptyToNull(user),
        Json.strings(c, "Shell", "config."),
        emptyToNull(workingDir),
        healthcheck(Json.object(c, "Healthcheck", "config.")),
        labels,
        history,
        diffIds);
  }

  private static ConfigHealthcheck healthcheck(JsonNode h) {
    if (h == null) {
      return null;
    }
    String path = "config.Healthcheck.";
    long retries = Json.integer(h, "Retries", path, 0);
    if (retries < 0 || retries > Integer.MAX_VALUE) {
      throw new Json.MalformedException(path + "Retries must be a non-negative integer, got " + retries);
    }
    return new ConfigHealthcheck(
        Json.strings(h, "Test", path),
        seconds(h, "Interval"),
        seconds(h, "Timeout"),
        seconds(h, "StartPeriod"),
        seconds(h, "StartInterval"),
        retries == 0 ? null : (int) retries);
  }

  // Integer nanoseconds; 0 means inherit (docker-image-spec spec.md v1.3). Rounded up so that
  // 500ms stays visible instead of reading as 0.
  private static Integer seconds(JsonNode h, String field) {
    String path = "config.Healthcheck.";
    long nanos = Json.integer(h, field, path, 0);
    if (nanos < 0) {
      throw new Json.MalformedException(path + field + " must not be negative, got " + nanos);
    }
    if (nanos == 0) {
      return null;
    }
    long seconds = nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1);
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private ConfigJson() {}
}
