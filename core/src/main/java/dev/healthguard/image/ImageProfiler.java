package dev.healthguard.image;

import dev.healthguard.dockerfile.BuildOptions;
import dev.healthguard.dockerfile.DockerfileEvaluator;
import dev.healthguard.dockerfile.DockerfileException;
import dev.healthguard.dockerfile.ImageRecipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Learns what an image contains from what the app tells about it: the Dockerfile of a local build
 * context, or the catalog for a registry name. Each distinct image is profiled once; failures
 * become unknown profiles with the reason, never exceptions.
 */
public final class ImageProfiler {

  /** Dockerfiles larger than this are not read: no real one is, and the guard must stay cheap. */
  static final long MAX_DOCKERFILE_BYTES = 1 << 20;

  private final Catalog catalog;
  private final DockerfileProfiler dockerfiles;
  private final EcrProfiles ecr;
  private final Map<Key, ImageProfile> cache = new ConcurrentHashMap<>();
  /** Several assets often build one Dockerfile: the same file, text, target and args give the same image. */
  private final Map<Build, ImageProfile> builds = new ConcurrentHashMap<>();

  private record Key(ImageRef ref, String platform) {}

  private record Build(String dockerfile, String text, String target, Map<String, String> args, boolean known) {}

  /** A profiler that knows ECR images only from the lookup cache in the working directory. */
  public ImageProfiler(Catalog catalog) {
    this(catalog, false, Path.of(LookupCache.DEFAULT_FILE), () -> {
      throw new IllegalStateException("lookups are off");
    });
  }

  /**
   * @param lookups whether ECR images missing from the cache are looked up
   * @param cacheFile the lookup cache, read and (after lookups) written
   * @param registry makes the reader on first use, so a synth without ECR images never builds a client
   */
  public ImageProfiler(Catalog catalog, boolean lookups, Path cacheFile, Supplier<RegistryReader> registry) {
    this.catalog = catalog;
    this.dockerfiles = new DockerfileProfiler(catalog);
    this.ecr = new EcrProfiles(lookups, registry, LookupCache.load(cacheFile), catalog);
  }

  /** The profile for the default platform, {@code linux/amd64}. */
  public ImageProfile profile(ImageRef ref) {
    return profile(ref, "linux/amd64");
  }

  /** @param platform the task's platform, {@code linux/amd64} or {@code linux/arm64} */
  public ImageProfile profile(ImageRef ref, String platform) {
    // Only a registry lookup answers per platform; the other sources ignore it.
    Key key = new Key(ref, ref instanceof ImageRef.Ecr ? platform : null);
    return cache.computeIfAbsent(key, k -> compute(ref, platform));
  }

  /** How many distinct images were profiled. */
  public int profiled() {
    return cache.size();
  }

  private ImageProfile compute(ImageRef ref, String platform) {
    if (ref instanceof ImageRef.Registry registry) {
      return catalog.profile(registry.name())
          .orElseGet(() -> ImageProfile.unknown(ref.display(), "it is not in the catalog of known base images"));
    }
    if (ref instanceof ImageRef.Asset asset) {
      return fromDockerfile(asset);
    }
    if (ref instanceof ImageRef.Ecr image) {
      return ecr.profile(image, platform);
    }
    return ImageProfile.unknown(ref.display(), "its name is a token that is only known at deploy time");
  }

  private ImageProfile fromDockerfile(ImageRef.Asset asset) {
    Path file = asset.context().resolve(asset.dockerfile());
    String text;
    try {
      if (Files.size(file) > MAX_DOCKERFILE_BYTES) {
        return ImageProfile.unreadable(asset.display(), file + " is larger than " + MAX_DOCKERFILE_BYTES + " bytes");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return ImageProfile.unreadable(asset.display(), "the Dockerfile " + file + " could not be read: " + e.getMessage());
    }
    // Named by its path in the app, so evidence reads docker/api/Dockerfile:6 and reports can link it.
    Build build = new Build(FileLine.appPath(file), text, asset.target(), asset.buildArgs(), asset.parametersKnown());
    ImageProfile profile = builds.computeIfAbsent(build, b -> evaluate(b, asset.display()));
    // The same build in another context: same facts, named after this context in messages.
    return profile.image().equals(asset.display()) ? profile : profile.renamed(asset.display());
  }

  private ImageProfile evaluate(Build build, String display) {
    try {
      ImageRecipe recipe = DockerfileEvaluator.evaluate(
          build.text(), build.dockerfile(), new BuildOptions(build.target(), build.args(), null));
      return dockerfiles.profile(display, recipe, build.known());
    } catch (DockerfileException e) {
      return ImageProfile.unreadable(display, "the Dockerfile could not be evaluated: " + e.getMessage());
    }
  }
}
