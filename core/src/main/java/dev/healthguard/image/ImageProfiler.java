package dev.healthguard.image;

import dev.healthguard.dockerfile.BuildContext;
import dev.healthguard.dockerfile.BuildOptions;
import dev.healthguard.dockerfile.DockerfileEvaluator;
import dev.healthguard.dockerfile.DockerfileException;
import dev.healthguard.dockerfile.ImageRecipe;
import dev.healthguard.dockerfile.UnreadableFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Learns what an image contains from what the app tells about it: the Dockerfile of a local build
 * context, or the catalog for a registry name. Each distinct image is profiled once; failures
 * become unknown profiles with the reason, never exceptions.
 */
public final class ImageProfiler {

  private final Catalog catalog;
  private final DockerfileProfiler dockerfiles;
  private final RegistryProfiles registry;
  private final Map<Key, ImageProfile> cache = new ConcurrentHashMap<>();
  /** Several assets often build one Dockerfile: the same file, text, target and args give the same image. */
  private final Map<Build, ImageProfile> builds = new ConcurrentHashMap<>();

  private record Key(ImageRef ref, String platform) {}

  private record Build(String dockerfile, String text, String target, Map<String, String> args, boolean known, String platform) {}

  /** A profiler that knows ECR images only from the lookup cache in the working directory. */
  public ImageProfiler(Catalog catalog) {
    this(catalog, false, Path.of(LookupCache.DEFAULT_FILE), () -> {
      throw new IllegalStateException("lookups are off");
    });
  }

  /**
   * @param lookups whether images missing from the cache are looked up in their registry: ECR
   *     images, {@code fromRegistry} names and Dockerfile base images
   * @param cacheFile the lookup cache, read and (after lookups) written
   * @param registry makes the reader on first use, so a synth without ECR images never builds a client
   */
  public ImageProfiler(Catalog catalog, boolean lookups, Path cacheFile, Supplier<RegistryReader> registry) {
    this.catalog = catalog;
    this.registry = new RegistryProfiles(lookups, registry, LookupCache.load(cacheFile), catalog);
    this.dockerfiles = new DockerfileProfiler(catalog, this::fromRegistry);
  }

  /** The profile for the default platform, {@code linux/amd64}. */
  public ImageProfile profile(ImageRef ref) {
    return profile(ref, "linux/amd64");
  }

  /** @param platform the task's platform, {@code linux/amd64} or {@code linux/arm64} */
  public ImageProfile profile(ImageRef ref, String platform) {
    // Registry lookups answer per platform, for an image or a Dockerfile's base; names only known
    // at deploy time do not.
    Key key = new Key(ref, ref instanceof ImageRef.Unresolved ? null : platform);
    return cache.computeIfAbsent(key, k -> compute(ref, platform));
  }

  /**
   * Whether a profile may ask a registry. Without lookups a profile reads only files, the catalog
   * and the lookup cache, and the profiler may be used from several threads: its caches are
   * concurrent maps. The registry clients are not made for that.
   */
  public boolean looksUp() {
    return registry.lookups();
  }

  /** How many distinct images were profiled. */
  public int profiled() {
    return cache.size();
  }

  private ImageProfile compute(ImageRef ref, String platform) {
    if (ref instanceof ImageRef.Registry named) {
      return fromRegistry(named.name(), ref.display(), platform)
          .orElseGet(() -> catalog.profile(named.name())
              .orElseGet(() -> ImageProfile.unknown(ref.display(), catalog.outsideVerified(named.name())
                  .orElse("it is not in the catalog of known base images"))));
    }
    if (ref instanceof ImageRef.Asset asset) {
      return fromDockerfile(asset, platform);
    }
    if (ref instanceof ImageRef.Ecr image) {
      return registry.profile(image, platform);
    }
    return ImageProfile.unknown(ref.display(), ((ImageRef.Unresolved) ref).reason());
  }

  /**
   * The registry's answer for a name, which wins over the catalog's (issue 9 item 4); when the
   * lookup fails and the catalog knows the image, the catalog answers and its evidence names the
   * failure, so that lookups never lose an error the catalog would find. Empty when lookups are
   * off and the cache knows nothing of it.
   */
  private Optional<ImageProfile> fromRegistry(ImageName name, String display, String platform) {
    if (name.repository().equals("library/scratch") && name.isDockerHub()) {
      return Optional.empty(); // FROM scratch is no image
    }
    Optional<ImageProfile> looked = registry.profile(name, display, platform);
    if (looked.isPresent() && looked.get().readFailed()) {
      Optional<ImageProfile> known = catalog.profile(name);
      if (known.isPresent()) {
        return Optional.of(known.get().toBuilder()
            .provenance(new Evidence("registry lookup failed", looked.get().unknownReason()))
            .build());
      }
    }
    return looked;
  }

  private Optional<ImageProfile> fromRegistry(ImageName name, String platform) {
    return fromRegistry(name, name.familiar(), platform);
  }

  private ImageProfile fromDockerfile(ImageRef.Asset asset, String platform) {
    Path file = asset.context().resolve(asset.dockerfile());
    String text;
    try {
      // Only a regular file inside the context, and at most a cap of it (issue 10).
      text = BuildContext.of(asset.context())
          .readText(asset.dockerfile(), "the Dockerfile " + FileLine.appPath(file), BuildContext.MAX_DOCKERFILE_BYTES);
    } catch (UnreadableFileException e) {
      return ImageProfile.unreadable(asset.display(), e.getMessage());
    }
    // Named by its path in the app, so evidence reads docker/api/Dockerfile:6 and reports can link it.
    Build build = new Build(FileLine.appPath(file), text, asset.target(), asset.buildArgs(), asset.parametersKnown(), platform);
    ImageProfile profile = builds.computeIfAbsent(build, b -> evaluate(b, asset.display()));
    // The same build in another context: same facts, named after this context in messages.
    return profile.image().equals(asset.display()) ? profile : profile.renamed(asset.display());
  }

  private ImageProfile evaluate(Build build, String display) {
    try {
      ImageRecipe recipe = DockerfileEvaluator.evaluate(
          build.text(), build.dockerfile(), new BuildOptions(build.target(), build.args(), null));
      return dockerfiles.profile(display, recipe, build.known(), build.platform());
    } catch (DockerfileException e) {
      return ImageProfile.unreadable(display, "the Dockerfile could not be evaluated: " + e.getMessage());
    }
  }
}
