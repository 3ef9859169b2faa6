package dev.healthguard.dockerfile;

import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one {@code docker build}: what {@code ContainerImage.fromAsset} passes as
 * {@code target}, {@code buildArgs} and {@code platform}.
 *
 * @param target the stage to build, or null for the last stage
 * @param buildArgs {@code --build-arg} values
 * @param platform e.g. {@code linux/arm64}, or null for the builder's default
 */
public record BuildOptions(String target, Map<String, String> buildArgs, String platform) {
  public static final BuildOptions DEFAULT = new BuildOptions(null, Map.of(), null);

  public BuildOptions {
    buildArgs = java.util.Collections.unmodifiableMap(new TreeMap<>(buildArgs));
  }
}
