package dev.healthguard.image;

/** Reads an image from its registry; the seam between profiling and the registry clients. */
public interface RegistryReader {

  /**
   * Resolves {@code image} (by tag or digest) for one platform and reads its facts, in one pass:
   * a first lookup by tag fetches each manifest and the config once.
   *
   * @param platform {@code linux/amd64} or {@code linux/arm64}
   */
  Read read(ImageName image, String platform);

  /**
   * @param digest what the reference resolved to: the index's digest, or the single manifest's
   * @param facts the facts for the platform
   */
  record Read(String digest, RegistryFacts facts) {}

  /** Thrown for any failed lookup, with a message that names the image and the cause. */
  final class LookupFailed extends RuntimeException {
    public LookupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
