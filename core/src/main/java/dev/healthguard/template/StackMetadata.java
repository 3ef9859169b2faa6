package dev.healthguard.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud assembly records about the constructs of one stack: the construct metadata the CDK
 * collects into the stack's artifact when it builds the assembly, inline in {@code manifest.json}
 * or, since about aws-cdk-lib 2.25x, in the file its {@code additionalMetadataFile} names
 * ({@code <stack>.metadata.json}). Every construct of the stack with metadata has an entry by its
 * absolute path ({@code /Stack/Service/TaskDef/Resource}), nested stacks' constructs included.
 *
 * <p>Two kinds are kept: each L1's {@code aws:cdk:logicalId}, which names a resource of a template
 * that carries no {@code aws:cdk:path} (an app synthesized outside the CDK CLI), and
 * {@code aws:cdk:acknowledged-rules}, which {@code Validations.of(scope).acknowledge} records.
 * Reading them from the assembly costs the validation plugin no round trip to node; every call to
 * node inside the plugin's one callback deepens node's stack, and a few thousand overflow it.
 */
public final class StackMetadata {

  static final String LOGICAL_ID = "aws:cdk:logicalId";
  static final String ACKNOWLEDGED = "aws:cdk:acknowledged-rules";

  /** The assembly's files are the CDK's own; a bound still keeps a broken one from costing the synth its memory. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> pathsByLogicalId;
  private final Map<String, Map<String, Object>> acknowledged;

  private StackMetadata(Map<String, String> pathsByLogicalId, Map<String, Map<String, Object>> acknowledged) {
    this.pathsByLogicalId = Map.copyOf(pathsByLogicalId);
    this.acknowledged = Map.copyOf(acknowledged);
  }

  /** Nothing recorded: a template read on its own. */
  public static StackMetadata none() {
    return new StackMetadata(Map.of(), Map.of());
  }

  /**
   * The metadata of the stack whose template is {@code template}, from the {@code manifest.json}
   * beside it; none when the manifest is missing, unreadable or does not name the template.
   */
  public static StackMetadata beside(Path template) {
    Path manifest = template.resolveSibling("manifest.json");
    try {
      if (!Files.isRegularFile(manifest) || Files.size(manifest) > MAX_BYTES) {
        return none();
      }
      Map<?, ?> document = JSON.readValue(manifest.toFile(), Map.class);
      if (!(document.get("artifacts") instanceof Map<?, ?> artifacts)) {
        return none();
      }
      String file = template.getFileName().toString();
      for (Object value : artifacts.values()) {
        if (value instanceof Map<?, ?> artifact && artifact.get("properties") instanceof Map<?, ?> properties
            && file.equals(properties.get("templateFile"))) {
          return read(artifact, template);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an assembly that cannot be read names nothing; the template still is checked
    }
    return none();
  }

  /**
   * The metadata of one stack's artifact, already read from {@code manifest.json}; {@code template}
   * is the stack's template, beside which the {@code additionalMetadataFile} lies.
   */
  public static StackMetadata of(Map<?, ?> artifact, Path template) {
    try {
      return read(artifact, template);
    } catch (IOException | RuntimeException e) {
      return none(); // an assembly that cannot be read names nothing; the template still is checked
    }
  }

  private static StackMetadata read(Map<?, ?> artifact, Path template) throws IOException {
    Builder builder = new Builder();
    if (artifact.get("metadata") instanceof Map<?, ?> inline) {
      inline.forEach((path, entries) -> {
        if (entries instanceof Iterable<?> list) {
          list.forEach(entry -> builder.entry(String.valueOf(path), entry));
        }
      });
    }
    if (artifact.get("additionalMetadataFile") instanceof String name) {
      // The CDK writes a file name beside the template; anything else is not read.
      if (!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.equals("..")) {
        builder.file(template.resolveSibling(name));
      }
    }
    return new StackMetadata(builder.paths, builder.acknowledged);
  }

  /** The construct path (without the leading {@code /}) of the L1 with this logical id. */
  public Optional<String> pathOf(String logicalId) {
    return Optional.ofNullable(pathsByLogicalId.get(logicalId));
  }

  /** Construct paths by logical id, for {@link CloudTemplate#withPaths}. */
  public Map<String, String> paths() {
    return pathsByLogicalId;
  }

  /**
   * The acknowledgements recorded on the construct at {@code path} (without the leading {@code /}),
   * id to reason; the last one recorded wins, as the CDK reads them.
   */
  public Map<String, Object> acknowledgedAt(String path) {
    return acknowledged.getOrDefault(path, Map.of());
  }

  /** Gathers the two kinds of entry, from the manifest's maps or streamed from the metadata file. */
  private static final class Builder {
    private final Map<String, String> paths = new HashMap<>();
    private final Map<String, Map<String, Object>> acknowledged = new HashMap<>();

    void entry(String absolutePath, Object entry) {
      if (!(entry instanceof Map<?, ?> e)) {
        return;
      }
      String path = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
      if (LOGICAL_ID.equals(e.get("type")) && e.get("data") instanceof String logicalId) {
        paths.put(logicalId, path);
      } else if (ACKNOWLEDGED.equals(e.get("type")) && e.get("data") instanceof Map<?, ?> rules) {
        Map<String, Object> at = acknowledged.computeIfAbsent(path, p -> new LinkedHashMap<>());
        rules.forEach((id, reason) -> at.put(String.valueOf(id), reason));
      }
    }

    /** One entry at a time: most of the file is creation stacks, which are read and dropped. */
    void file(Path file) throws IOException {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        return;
      }
      try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String path = parser.currentName();
          if (parser.nextToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            continue;
          }
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
              entry(path, parser.readValueAs(Map.class));
            } else {
              parser.skipChildren();
            }
          }
        }
      }
    }
  }
}
