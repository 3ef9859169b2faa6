package dev.healthguard.image;

/** Reads an image from its registry; the seam between profiling and the ECR client. */
public interface RegistryReader {

  /** The digest a tag points at now. */
  String digestOf(ImageRef.Ecr image);

  /**
   * The facts about an image pinned by digest, for one platform ({@code linux/amd64} or
   * {@code linux/arm64}).
   */
  RegistryFacts read(ImageRef.Ecr pinned, String platform);

  /** Thrown for any failed lookup, with a message that names the image and the cause. */
  final class LookupFailed extends RuntimeException {
    public LookupFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
