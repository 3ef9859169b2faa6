package dev.healthguard.patterns;

import dev.healthguard.cdk.TreeReader;
import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageRef;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;

/**
 * A container image that remembers where it comes from, so {@link GuardedFargateService} can learn
 * what it contains before choosing a health check. Each factory mirrors the
 * {@code ContainerImage} one of the same name.
 *
 * <p>An asset keeps its Dockerfile name, target and build args here in Java, where the
 * {@code DockerImageAsset} keeps them private (cdk-java.md §3), so nothing needs the
 * asset-metadata context.
 */
public final class GuardedImage {

  private final ContainerImage containerImage;
  private final ImageRef ref;

  private GuardedImage(ContainerImage containerImage, ImageRef ref) {
    this.containerImage = containerImage;
    this.ref = ref;
  }

  /**
   * An image in a registry, e.g. {@code alpine:3.20} or {@code cgr.dev/chainguard/static:latest};
   * known from the catalog of base images.
   *
   * @throws IllegalArgumentException when the name is not a valid image reference
   */
  public static GuardedImage fromRegistry(String name) {
    ImageName parsed = ImageName.parse(name);
    return new GuardedImage(ContainerImage.fromRegistry(name), new ImageRef.Registry(parsed));
  }

  /** An image built from {@code directory}/Dockerfile; known from the Dockerfile. */
  public static GuardedImage fromAsset(String directory) {
    return fromAsset(directory, AssetImageProps.builder().build());
  }

  /**
   * An image built from a local context.
   *
   * @param directory the build context
   * @param props the Dockerfile name ({@code file}), {@code target} and {@code buildArgs} are read
   *     here; the rest goes to {@code ContainerImage.fromAsset}
   */
  public static GuardedImage fromAsset(String directory, AssetImageProps props) {
    Map<String, String> args = props.getBuildArgs() == null ? Map.of() : new TreeMap<>(props.getBuildArgs());
    ImageRef.Asset ref = new ImageRef.Asset(Path.of(directory).toAbsolutePath().normalize(),
        props.getFile() == null ? "Dockerfile" : props.getFile(), props.getTarget(), args, true, null);
    return new GuardedImage(ContainerImage.fromAsset(directory, props), ref);
  }

  /** The {@code latest} tag of an ECR repository. */
  public static GuardedImage fromEcrRepository(IRepository repository) {
    return fromEcrRepository(repository, "latest");
  }

  /**
   * An image in an ECR repository, known from the lookup cache ({@code healthguard.context.json})
   * when it holds the image, else unknown.
   *
   * @param tag a tag, or a digest {@code sha256:…}
   */
  public static GuardedImage fromEcrRepository(IRepository repository, String tag) {
    return new GuardedImage(ContainerImage.fromEcrRepository(repository, tag), TreeReader.ecrImage(repository, tag));
  }

  public ContainerImage getContainerImage() {
    return containerImage;
  }

  /** Where the image comes from, as the profiler reads it. */
  public ImageRef getRef() {
    return ref;
  }

  @Override
  public String toString() {
    return ref.display();
  }
}
