package dev.healthguard.image;

import java.util.List;
import java.util.Map;

/**
 * What a registry said about one image for one platform: its config and, when its layers were
 * listed, the executables in its file system. Facts about a digest never change, so these are
 * what the lookup cache keeps; profiles are derived from them on every synth.
 *
 * @param reference the image as looked up, {@code <registry>/<repository>@sha256:…}
 * @param platforms the platforms the image is published for
 * @param platform the platform these facts are for, or null when the image has no variant for the
 *     wanted one
 * @param path the config's {@code PATH}, split; empty when unset
 * @param user the config's User, or null
 * @param healthcheck the config's Healthcheck test, or empty
 * @param healthcheckTimings interval, timeout, startPeriod (seconds) and retries; null entries when unset
 * @param baseImage the base image named by {@code org.opencontainers.image.base.name}, or null
 * @param history the config's {@code history[].created_by} lines
 * @param listing the merged layer listing, or null when layers were not listed
 */
public record RegistryFacts(
    String reference,
    List<String> platforms,
    String platform,
    List<String> path,
    String user,
    List<String> healthcheck,
    List<Integer> healthcheckTimings,
    String baseImage,
    List<String> history,
    Listing listing) {

  public RegistryFacts {
    platforms = List.copyOf(platforms);
    path = List.copyOf(path);
    healthcheck = List.copyOf(healthcheck);
    healthcheckTimings = healthcheckTimings == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(healthcheckTimings));
    history = List.copyOf(history);
  }

  /**
   * The executables of the merged file system.
   *
   * @param layers the layer digests, bottom first
   * @param shell what {@code /bin/sh} resolves to (e.g. {@code /bin/busybox}), or null when absent
   * @param executables every executable regular file, by absolute path, with the index of the
   *     layer that provided it; symlinks to executables appear under the link's path
   */
  public record Listing(List<String> layers, String shell, Map<String, Integer> executables) {
    public Listing {
      layers = List.copyOf(layers);
      executables = Map.copyOf(executables);
    }
  }
}
