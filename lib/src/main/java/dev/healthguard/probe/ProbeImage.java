package dev.healthguard.probe;

import dev.healthguard.image.ImageName;
import dev.healthguard.text.Excerpt;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;

/**
 * The container image the HealthGuard probe runs from. Immutable; made by the static factories,
 * like {@link ContainerImage}.
 *
 * <p>Whatever its source, a probe image must behave like the bundled one: entrypoint {@code
 * /probe} with the subcommands {@code install <dest>}, {@code http <url>}, {@code tcp <host:port>}
 * and {@code sleep}; and, for the shared-volume probe mode, a {@code VOLUME} at
 * {@code /healthguard} owned by uid 65532, since ECS creates a task volume 0755 and
 * owned by root and copies the image's {@code VOLUME} contents onto it (AWS ECS developer guide,
 * "Use bind mounts with Amazon ECS").
 *
 * <pre>{@code
 * ProbeImage probe = ProbeImage.bundled();                     // built as a CDK asset
 * ProbeImage pinned = ProbeImage.fromRegistry(
 *     "123456789012.dkr.ecr.eu-west-1.amazonaws.com/healthguard-probe@sha256:…");
 * }</pre>
 */
public final class ProbeImage {

  // The OCI image spec's form of a sha256 digest: 64 lowercase hex digits.
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  private final ContainerImage image;
  private final Path buildContext;
  private final String description;

  private ProbeImage(ContainerImage image, Path buildContext, String description) {
    this.image = image;
    this.buildContext = buildContext;
    this.description = description;
  }

  /**
   * The probe shipped with HealthGuard, built from source by the CDK as a Docker image asset and
   * pushed to the account's CDK asset repository by {@code cdk deploy}. Tasks pull it from ECR like
   * any other asset, so it works in private subnets without internet access, and no third-party
   * image runs in the task.
   *
   * <p>The build context (a Dockerfile, {@code go.mod} and {@code main.go}) is written once to
   * {@code <java.io.tmpdir>/healthguard-probe-<content hash>}; the asset's hash therefore changes only
   * when the probe's source does. Building it needs Docker (BuildKit) at {@code cdk deploy} time and
   * pulls {@code golang} from Docker Hub then; synthesis needs neither.
   *
   * <p>The image is built for the task's CPU architecture ({@code linux/arm64} for an ARM64 runtime
   * platform, else {@code linux/amd64}, ECS's default); {@link #containerImage()} gives the amd64 one.
   *
   * @throws java.io.UncheckedIOException when the build context cannot be written
   */
  public static ProbeImage bundled() {
    BundledProbe bundle = BundledProbe.fromResources();
    Path dir = bundle.directory();
    return new ProbeImage(null, dir,
        "the bundled HealthGuard probe (image asset built from " + bundle.directoryName() + ")");
  }

  /**
   * A probe image in a registry, pinned by digest: {@code <name>@sha256:<64 hex digits>} (a tag
   * before the digest is allowed and ignored by the runtime). The probe runs beside every task it is
   * added to, so a reference that can move is refused.
   *
   * <p>The task's execution role must be able to pull it; for a private ECR repository, prefer
   * {@link #of(ContainerImage, String)} with {@code ContainerImage.fromEcrRepository}, which grants
   * that. A multi-architecture index digest serves both x86_64 and ARM64 tasks.
   *
   * @param reference e.g. {@code public.ecr.aws/acme/probe@sha256:…}
   * @throws IllegalArgumentException when the reference is not pinned by a sha256 digest
   */
  public static ProbeImage fromRegistry(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("ProbeImage.fromRegistry: reference must be an image reference pinned by "
          + "digest (<name>@sha256:<64 hex digits>), got: " + (reference == null ? "null" : "'" + reference + "'"));
    }
    if (Token.isUnresolved(reference)) {
      throw new IllegalArgumentException("ProbeImage.fromRegistry: reference is a token, so its digest cannot be "
          + "checked at synth time; pin the probe image by digest so a tag move cannot change what runs in every "
          + "task, or pass the image to ProbeImage.of(image, description)");
    }
    // ImageName is the one reader of image names; the probe only adds that the digest is sha256.
    ImageName name = null;
    String invalid = null;
    try {
      name = ImageName.parse(reference);
    } catch (IllegalArgumentException e) {
      invalid = e.getMessage();
    }
    if (name == null || name.digest() == null || !name.digest().startsWith("sha256:")) {
      int at = reference.indexOf('@');
      String digest = at < 0 ? null : reference.substring(at + 1);
      String got = digest == null ? "no digest"
          : !SHA256.matcher(digest).matches()
              ? "a digest '" + Excerpt.escape(digest) + "' that is not sha256: followed by 64 lowercase hex digits"
              : invalid;
      throw new IllegalArgumentException("ProbeImage.fromRegistry: reference must be pinned by digest "
          + "(<name>@sha256:<64 hex digits>), got '" + Excerpt.escape(reference) + "' with " + got
          + ". Pin the probe image by digest so a tag move cannot change what runs in every task.");
    }
    return new ProbeImage(ContainerImage.fromRegistry(reference), null, reference);
  }

  /**
   * A probe image the caller made, for instance {@code ContainerImage.fromEcrRepository(repo,
   * "sha256:…")} or an asset with custom build options. HealthGuard cannot check that it is pinned.
   *
   * @param image the image; it must behave like the bundled probe (see the class documentation)
   * @param description how changes and messages name it, e.g. {@code "probe from platform-team ECR"}
   * @throws IllegalArgumentException when the description is blank
   */
  public static ProbeImage of(ContainerImage image, String description) {
    Objects.requireNonNull(image, "image");
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("ProbeImage.of: description must name the image for messages, got: "
          + (description == null ? "null" : "'" + description + "'"));
    }
    return new ProbeImage(image, null, description.strip());
  }

  /** The image for an x86_64 (linux/amd64) task: ECS's default architecture. */
  public ContainerImage containerImage() {
    return containerImageFor(false);
  }

  /** How changes and messages name this image. */
  public String description() {
    return description;
  }

  /**
   * The image for a task of this architecture ({@code arm64} for {@code ARM64}, else x86_64); only
   * the bundled probe builds per architecture.
   */
  public ContainerImage containerImageFor(boolean arm64) {
    if (buildContext == null) {
      return image;
    }
    return ContainerImage.fromAsset(buildContext.toString(), AssetImageProps.builder()
        .platform(arm64 ? Platform.LINUX_ARM64 : Platform.LINUX_AMD64)
        .build());
  }

  /** The bundled probe's build context directory; empty for other images. */
  Optional<Path> buildContext() {
    return Optional.ofNullable(buildContext);
  }

  @Override
  public String toString() {
    return "ProbeImage[" + description + "]";
  }
}
