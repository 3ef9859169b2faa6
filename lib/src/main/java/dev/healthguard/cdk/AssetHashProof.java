package dev.healthguard.cdk;

import dev.healthguard.dockerfile.BuildContext;
import dev.healthguard.dockerfile.UnreadableFileException;
import dev.healthguard.image.ImageRef;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.FeatureFlags;
import software.amazon.awscdk.FileSystem;
import software.amazon.awscdk.FingerprintOptions;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;

/**
 * Recovers an image asset's build parameters when the asset metadata is off, as in a plain {@code
 * new App()} in a JUnit test (the CDK CLI turns it on; cdk-java.md §3), by proving a guess.
 *
 * <p>A {@code DockerImageAsset}'s hash is the fingerprint of its build context with the parameters
 * that change the image folded in (aws-cdk-lib 2.263 {@code aws-ecr-assets/lib/image-asset.js}:
 * an {@code extraHash} of {@code target}, {@code file}, {@code platform}, build args and a version
 * salt, in that order, and the exclusions from {@code .dockerignore}). The CDK's own
 * {@code FileSystem.fingerprint} recomputes it for a guessed set, so a guess whose fingerprint
 * equals the asset's hash is exactly what the app declared, and the guard can be as sure in a test
 * as under the CLI. Guesses: the default Dockerfile or another Dockerfile in the context, no target
 * or one of its stages, no platform or one of the two ECS runs, no build args or an empty map; build
 * args with values cannot be guessed, so such an asset stays only likely.
 *
 * <p>The one way to fool it is an asset that tells the CDK not to hash a parameter it sets
 * ({@code invalidation: {target: false}}); then the image is treated as built without it.
 */
final class AssetHashProof {

  /** Fingerprints to try per asset at most: each walks the build context once (file hashes are cached). */
  static final int MAX_GUESSES = 48;

  /** No platform prop, then the two ECS runs on. */
  private static final String[] PLATFORMS = {null, "linux/amd64", "linux/arm64"};

  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final String SALT_CONTEXT = "@aws-cdk/core:assetHashSalt";
  private static final String DOCKER_IGNORE_FLAG = "@aws-cdk/aws-ecr-assets:dockerIgnoreSupport";

  /** The parameters whose fingerprint is the asset's hash, or empty when no guess matches. */
  Optional<ImageRef.Asset> prove(DockerImageAsset asset, Path context) {
    String hash = asset.getAssetHash();
    Object salt = asset.getNode().tryGetContext(SALT_CONTEXT);
    String outdir = Stage.of(asset) == null ? "cdk.out" : Stage.of(asset).getOutdir();
    IgnoreMode ignoreMode = FeatureFlags.of(asset).isEnabled(DOCKER_IGNORE_FLAG) ? IgnoreMode.DOCKER : IgnoreMode.GLOB;
    List<String> dockerignore = dockerignore(context);
    int tried = 0;
    for (String file : dockerfiles(context)) {
      String name = file == null ? "Dockerfile" : file;
      List<String> exclude = exclusions(dockerignore, name, outdir);
      for (String target : targets(context, name)) {
        for (String platform : PLATFORMS) {
          for (boolean emptyArgs : new boolean[] {false, true}) {
            if (tried++ >= MAX_GUESSES) {
              return Optional.empty();
            }
            String extra = extraHash(emptyArgs, target, file, platform) + (salt == null ? "" : String.valueOf(salt));
            FingerprintOptions options = FingerprintOptions.builder()
                .exclude(exclude).ignoreMode(ignoreMode).extraHash(extra).build();
            if (hash.equals(FileSystem.fingerprint(context.toString(), options))) {
              return Optional.of(new ImageRef.Asset(context, name, target, Map.of(), true, hash));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** What {@code DockerImageAsset} excludes, in its order; {@code AssetStaging} adds the first. */
  private static List<String> exclusions(List<String> dockerignore, String file, String outdir) {
    List<String> exclude = new ArrayList<>();
    exclude.add(".is_custom_resource");
    if (dockerignore != null) {
      exclude.addAll(dockerignore);
      exclude.add("!.dockerignore");
    }
    exclude.add("!" + Path.of(file).getFileName());
    exclude.add(outdir);
    return exclude;
  }

  /** {@code JSON.stringify} of the asset's extraHash: keys in the order the CDK sets them. */
  static String extraHash(boolean emptyArgs, String target, String file, String platform) {
    StringBuilder json = new StringBuilder("{");
    if (emptyArgs) {
      json.append("\"buildArgs\":{},"); // buildArgs(Map.of()): an empty object is still set
    }
    if (target != null) {
      json.append("\"target\":").append(quote(target)).append(',');
    }
    if (file != null) {
      json.append("\"file\":").append(quote(file)).append(',');
    }
    if (platform != null) {
      json.append("\"platform\":{\"platform\":").append(quote(platform)).append("},");
    }
    return json.append("\"version\":\"1.21.0\"}").toString();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** null (the default, no {@code file} prop) first, then the context's Dockerfiles by name. */
  private static List<String> dockerfiles(Path context) {
    Set<String> files = new LinkedHashSet<>();
    files.add(null);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(context)) {
      List<String> named = new ArrayList<>();
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(entry) && (lower.startsWith("dockerfile") || lower.endsWith(".dockerfile"))) {
          named.add(name);
        }
      }
      named.sort(null);
      files.addAll(named); // "Dockerfile" again: file("Dockerfile") given explicitly hashes differently
    } catch (IOException e) {
      // an unreadable context: only the default is tried
    }
    return new ArrayList<>(files);
  }

  /** null (no target) first, then each named stage of the Dockerfile. */
  private static List<String> targets(Path context, String dockerfile) {
    List<String> targets = new ArrayList<>();
    targets.add(null);
    String text;
    try {
      text = BuildContext.of(context).readText(dockerfile, "the Dockerfile", BuildContext.MAX_DOCKERFILE_BYTES);
    } catch (UnreadableFileException e) {
      return targets; // unreadable: only "no target"; the profiler reports why
    }
    // Word by word, not by a regex: a backtracking pattern over a hostile 1 MiB line is quadratic.
    for (String line : text.split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 4 && words[0].equalsIgnoreCase("FROM") && words[words.length - 2].equalsIgnoreCase("AS")
          && STAGE_NAME.matcher(words[words.length - 1]).matches()) {
        targets.add(words[words.length - 1]);
      }
    }
    return targets;
  }

  /** The lines of {@code .dockerignore} as the CDK reads them (non-empty, untrimmed), or null without one. */
  private static List<String> dockerignore(Path context) {
    if (!Files.exists(context.resolve(".dockerignore"), LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      // split("\n") like the CDK: a CRLF file keeps its \r in each pattern there too.
      String text = BuildContext.of(context).readText(".dockerignore", "the .dockerignore", BuildContext.MAX_DOCKERFILE_BYTES);
      return java.util.Arrays.stream(text.split("\n", -1)).filter(line -> !line.isEmpty()).toList();
    } catch (UnreadableFileException e) {
      return List.of();
    }
  }
}
