package dev.healthguard.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an image could not be read from its registry (ECR or an OCI registry). The message is one line that names the image and says
 * what to do; it never holds a presigned URL, a token, a credential or an SDK message. The cause, when there is one, is
 * the SDK or JDK exception for debugging.
 */
public class LookupException extends RuntimeException {

  /** What went wrong, for callers that decide by kind (retry, finding level, wording). */
  public enum Kind {
    /** The registry, its token service or the download host refused the credentials or the permission. */
    ACCESS_DENIED,
    /** The repository does not exist in that account and region. */
    REPOSITORY_NOT_FOUND,
    /** The tag, digest or blob does not exist. */
    IMAGE_NOT_FOUND,
    /** Still throttled after the retries. */
    THROTTLED,
    /**
     * A registry's pull limit is used up (Docker Hub answers 429 with {@code ratelimit-remaining:
     * 0}); retrying now only spends more, so it is not retried.
     */
    RATE_LIMITED,
    /** Still 5xx after the retries, or an answer the registry does not document. */
    SERVICE_ERROR,
    /** No connection: DNS, refused, reset before an answer. */
    NETWORK,
    /** No answer within the configured timeout. */
    TIMEOUT,
    /** Bytes that do not hash to the digest that names them. */
    DIGEST_MISMATCH,
    /** Over a configured size or count limit. */
    TOO_LARGE,
    /** A download that ended before the descriptor's size. */
    TRUNCATED,
    /** Bad JSON, an unknown media type, or a field of the wrong type. */
    MALFORMED,
    /** The image has no manifest for the wanted platform. */
    PLATFORM_NOT_FOUND
  }

  private final Kind kind;
  private final String image;

  /**
   * @param kind what went wrong
   * @param image the image as displayed, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1}
   * @param message one line that names the image and the fix
   * @param cause the underlying exception, or null
   */
  public LookupException(Kind kind, String image, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.image = Objects.requireNonNull(image, "image");
  }

  public Kind kind() {
    return kind;
  }

  /** The image the lookup was for, as displayed in the message. */
  public String image() {
    return image;
  }

  /**
   * The lookup failure behind {@code t}: {@code t} itself, or one in its cause chain, such as the
   * one a {@link LookupIOException} from a layer stream carries.
   */
  public static Optional<LookupException> in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LookupException le) {
        return Optional.of(le);
      }
      if (c instanceof LookupIOException io) {
        return Optional.of(io.failure());
      }
    }
    return Optional.empty();
  }
}
