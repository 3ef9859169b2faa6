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
  private final Map<ImageRef, ImageProfile> cache = new ConcurrentHashMap<>();

  public ImageProfiler(Catalog catalog) {
    this.catalog = catalog;
    this.dockerfiles = new DockerfileProfiler(catalog);
  }

  public ImageProfile profile(ImageRef ref) {
    return cache.computeIfAbsent(ref, this::compute);
  }

  /** How many distinct images were profiled. */
  public int profiled() {
    return cache.size();
  }

  private ImageProfile compute(ImageRef ref) {
    if (ref instanceof ImageRef.Registry registry) {
      return catalog.profile(registry.name())
          .orElseGet(() -> ImageProfile.unknown(ref.display(), "it is not in the catalog of known base images"));
    }
    if (ref instanceof ImageRef.Asset asset) {
      return fromDockerfile(asset);
    }
    if (ref instanceof ImageRef.Ecr) {
      return ImageProfile.unknown(ref.display(), "it is in a private ECR repository and lookups are off");
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
    try {
      ImageRecipe recipe = DockerfileEvaluator.evaluate(
          text, asset.dockerfile(), new BuildOptions(asset.target(), asset.buildArgs(), null));
      return dockerfiles.profile(asset.display(), recipe, asset.parametersKnown());
    } catch (DockerfileException e) {
      return ImageProfile.unreadable(asset.display(), "the Dockerfile could not be evaluated: " + e.getMessage());
    }
  }
}
