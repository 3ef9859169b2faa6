package dev.healthguard.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.healthguard.registry.ConfigHealthcheck;
import java.util.ArrayList;
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
 * @param healthcheck the config's Healthcheck, or null
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
    ConfigHealthcheck healthcheck,
    String baseImage,
    List<String> history,
    Listing listing) {

  public RegistryFacts {
    platforms = List.copyOf(platforms);
    path = List.copyOf(path);
    history = List.copyOf(history);
  }

  /**
   * Reads a cache entry. Files written before the health check was one object hold it as {@code
   * healthcheck: [test…]} and {@code healthcheckTimings: [interval, timeout, startPeriod,
   * retries]}; both forms are read, the object is written.
   */
  @JsonCreator
  static RegistryFacts fromJson(
      @JsonProperty("reference") String reference,
      @JsonProperty("platforms") List<String> platforms,
      @JsonProperty("platform") String platform,
      @JsonProperty("path") List<String> path,
      @JsonProperty("user") String user,
      @JsonProperty("healthcheck") JsonNode healthcheck,
      @JsonProperty("healthcheckTimings") List<Integer> timings,
      @JsonProperty("baseImage") String baseImage,
      @JsonProperty("history") List<String> history,
      @JsonProperty("listing") Listing listing) {
    return new RegistryFacts(reference, orEmpty(platforms), platform, orEmpty(path), user, healthcheck(healthcheck, timings),
        baseImage, orEmpty(history), listing);
  }

  private static ConfigHealthcheck healthcheck(JsonNode node, List<Integer> timings) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray()) {
      if (node.isEmpty()) {
        return null;
      }
      List<String> test = new ArrayList<>();
      node.forEach(n -> test.add(n.asText()));
      List<Integer> t = timings == null ? List.of() : timings;
      return new ConfigHealthcheck(test, at(t, 0), at(t, 1), at(t, 2), null, at(t, 3));
    }
    List<String> test = new ArrayList<>();
    node.path("test").forEach(n -> test.add(n.asText()));
    return new ConfigHealthcheck(test, integer(node, "intervalSeconds"), integer(node, "timeoutSeconds"),
        integer(node, "startPeriodSeconds"), integer(node, "startIntervalSeconds"), integer(node, "retries"));
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToInt() ? null : value.asInt();
  }

  private static Integer at(List<Integer> values, int index) {
    return index < values.size() ? values.get(index) : null;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
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
