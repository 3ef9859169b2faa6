package dev.healthguard.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file of ECR lookups that users commit beside {@code cdk.json}, like {@code cdk.context.json}:
 * tag → digest, and per digest and platform the {@link RegistryFacts}. Facts about a digest never
 * change, so a second synth makes no network call and a CI synth without credentials still knows
 * the image. Refreshing a tag means deleting its entry under {@code tags} (or the file) and
 * synthesizing again with lookups on.
 */
public final class LookupCache {

  /** The default file name, in the directory the app runs in (where cdk.json is). */
  public static final String DEFAULT_FILE = "healthguard.context.json";

  static final String NOTE = "HealthGuard's ECR lookups. Facts about an image digest never change: commit this file. "
      + "To refresh a tag, delete it under 'tags' and run cdk synth with -c healthguard:lookups=true.";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** The file's shape. */
  record Document(String note, Map<String, String> tags, Map<String, Map<String, RegistryFacts>> images) {}

  private final Path file;
  private final Map<String, String> tags = new TreeMap<>();
  private final Map<String, Map<String, RegistryFacts>> images = new TreeMap<>();
  private final String problem;
  private boolean changed;

  private LookupCache(Path file, Document document, String problem) {
    this.file = file;
    this.problem = problem;
    if (document != null) {
      if (document.tags() != null) {
        tags.putAll(document.tags());
      }
      if (document.images() != null) {
        document.images().forEach((ref, byPlatform) -> images.put(ref, new TreeMap<>(byPlatform)));
      }
    }
  }

  /** Loads the file; a missing file is an empty cache, an unreadable one is empty with a problem. */
  public static LookupCache load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new LookupCache(file, null, null);
    }
    try {
      return new LookupCache(file, JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Document.class), null);
    } catch (JacksonException e) {
      return new LookupCache(file, null, file + " is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      return new LookupCache(file, null, file + " could not be read (" + e.getMessage() + ")");
    }
  }

  public Path file() {
    return file;
  }

  /** Why the file could not be used, or null. */
  public String problem() {
    return problem;
  }

  public Optional<String> digest(String taggedReference) {
    return Optional.ofNullable(tags.get(taggedReference));
  }

  public Optional<RegistryFacts> facts(String pinnedReference, String platform) {
    return Optional.ofNullable(images.getOrDefault(pinnedReference, Map.of()).get(platform));
  }

  public synchronized void putDigest(String taggedReference, String digest) {
    changed |= !digest.equals(tags.put(taggedReference, digest));
  }

  public synchronized void put(String pinnedReference, String platform, RegistryFacts facts) {
    images.computeIfAbsent(pinnedReference, r -> new TreeMap<>()).put(platform, facts);
    changed = true;
  }

  /** Writes the file if anything was learned, atomically, with sorted keys for readable diffs. */
  public synchronized void save() throws IOException {
    if (!changed) {
      return;
    }
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, ".healthguard", ".json");
    Files.writeString(temp, JSON.writeValueAsString(new Document(NOTE, tags, images)) + "\n", StandardCharsets.UTF_8);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    changed = false;
  }
}
