package dev.healthguard.registry;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image config blob, read and verified against its descriptor (image-spec config.md plus the
 * Docker extensions {@code Shell} and {@code Healthcheck}; ecr-oci.md §2.3). Lists are empty and
 * strings null when the config does not set them.
 *
 * @param digest the config blob's digest, for evidence
 * @param mediaType OCI or Docker config media type
 * @param architecture e.g. {@code arm64}
 * @param os e.g. {@code linux}
 * @param variant e.g. {@code v8}, or null
 * @param entrypoint {@code config.Entrypoint}
 * @param cmd {@code config.Cmd}
 * @param env {@code config.Env} as written, {@code KEY=value} each
 * @param user {@code config.User}: a name, uid, {@code uid:gid} or {@code name:group}; null for the
 *     default (root)
 * @param shell {@code config.Shell}, which health checks ignore (ecr-oci.md §2.3)
 * @param workingDir {@code config.WorkingDir}, or null
 * @param healthcheck {@code config.Healthcheck}, or null
 * @param labels {@code config.Labels}
 * @param history {@code history[]}, oldest first
 * @param diffIds {@code rootfs.diff_ids}, one per layer, bottom first
 */
public record ImageConfig(
    String digest,
    String mediaType,
    String architecture,
    String os,
    String variant,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    String user,
    List<String> shell,
    String workingDir,
    ConfigHealthcheck healthcheck,
    Map<String, String> labels,
    List<HistoryEntry> history,
    List<String> diffIds) {

  public ImageConfig {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
    shell = List.copyOf(shell);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    history = List.copyOf(history);
    diffIds = List.copyOf(diffIds);
  }

  /** The platform the config declares. */
  public Platform platform() {
    return new Platform(os, architecture, variant);
  }

  /** The value of an {@code Env} entry; the last one wins, as when a container starts. */
  public Optional<String> env(String name) {
    String prefix = name + "=";
    String found = null;
    for (String entry : env) {
      if (entry.startsWith(prefix)) {
        found = entry.substring(prefix.length());
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The image's {@code PATH}, when it sets one. When it does not, the engine supplies a default
   * (ecr-oci.md §2.3); choosing that default is the caller's business.
   */
  public Optional<String> path() {
    return env("PATH");
  }

  /** The {@code PATH} directories in order; empty when the image sets no {@code PATH}. */
  public List<String> pathEntries() {
    return path().map(p -> Arrays.stream(p.split(":")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
  }

  /** The {@code created_by} lines of {@link #history()}, without nulls. */
  public List<String> createdBy() {
    return history.stream().map(HistoryEntry::createdBy).filter(Objects::nonNull).toList();
  }
}
