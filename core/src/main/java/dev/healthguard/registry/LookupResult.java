package dev.healthguard.registry;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The answer to "what is this image for this platform": the image, or the fact that it has no
 * such platform. The second is an answer, not a failure: the caller turns it into an architecture
 * mismatch finding with the platforms that are there.
 */
public sealed interface LookupResult {

  ImageAddress reference();

  /** The image, or a {@link LookupException.Kind#PLATFORM_NOT_FOUND} error. */
  RemoteImage orElseThrow();

  /** The image has the wanted platform. */
  record Found(RemoteImage image) implements LookupResult {
    public Found {
      Objects.requireNonNull(image, "image");
    }

    @Override
    public ImageAddress reference() {
      return image.reference();
    }

    @Override
    public RemoteImage orElseThrow() {
      return image;
    }
  }

  /**
   * The image exists but offers no manifest for the wanted platform.
   *
   * @param reference the image as asked for
   * @param digest the digest the reference resolved to (the index's, or the single manifest's)
   * @param wanted the platform asked for
   * @param offered what the image offers, attestations left out
   */
  record PlatformNotFound(ImageAddress reference, String digest, Platform wanted, List<Platform> offered)
      implements LookupResult {
    public PlatformNotFound {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(wanted, "wanted");
      offered = List.copyOf(offered);
    }

    /** E.g. "Image … has no linux/arm64 manifest; it offers linux/amd64". */
    public String message() {
      String list =
          offered.isEmpty()
              ? "no platform it names"
              : offered.stream().map(Platform::toString).collect(Collectors.joining(", "));
      return "Image " + reference.display() + " has no " + wanted + " manifest; it offers " + list;
    }

    @Override
    public RemoteImage orElseThrow() {
      throw new LookupException(LookupException.Kind.PLATFORM_NOT_FOUND, reference.display(), message(), null);
    }
  }
}
