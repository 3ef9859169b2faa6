package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;

import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupOptions;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.ImageArchivedException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.KmsException;
import software.amazon.awssdk.services.ecr.model.LayerInaccessibleException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnsupportedImageTypeException;

/**
 * Turns what the SDK throws into a {@link LookupException} whose message names the image and the
 * fix. The SDK's own message is not copied: it is multi-part and may hold request ids; the error
 * code is enough to search for. Retries have already happened inside the SDK.
 */
final class SdkErrors {

  // Codes that mean the permission is missing, versus the credentials being wrong or stale.
  private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied");
  private static final Set<String> BAD_CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "MissingAuthenticationToken",
          "ExpiredTokenException",
          "ExpiredToken",
          "RequestExpired");
  private static final Set<String> THROTTLING =
      Set.of("ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException");

  /**
   * @param call what was being done, e.g. {@code BatchGetImage} or {@code GetDownloadUrlForLayer for
   *     the config blob sha256:…}
   * @param endpointHost where API calls go, for network messages
   */
  static LookupException map(SdkException e, ImageName ref, String call, LookupOptions options, String endpointHost) {
    String image = ref.canonical();
    if (e instanceof RepositoryNotFoundException) {
      return new LookupException(
          LookupException.Kind.REPOSITORY_NOT_FOUND,
          image,
          "ECR has no repository " + ref.repository() + " in account " + ref.ecrAccount().orElseThrow() + ", region " + ref.ecrRegion().orElseThrow()
              + ", so " + image + " cannot be read (RepositoryNotFoundException): check the repository name, account and region",
          e);
    }
    if (e instanceof ImageNotFoundException) {
      return new LookupException(
          LookupException.Kind.IMAGE_NOT_FOUND,
          image,
          "ECR has no image " + image + " (ImageNotFoundException): push it before synth, or check the tag or digest",
          e);
    }
    if (e instanceof ImageArchivedException) {
      return new LookupException(
          LookupException.Kind.IMAGE_NOT_FOUND,
          image,
          "ECR image " + image + " is archived (ImageArchivedException): restore it before synth",
          e);
    }
    if (e instanceof LayersNotFoundException || e instanceof LayerInaccessibleException) {
      return new LookupException(
          LookupException.Kind.IMAGE_NOT_FOUND,
          image,
          "ECR cannot serve a blob of " + image + " (" + code(e) + ", during " + call
              + "): the image is incomplete; push it again",
          e);
    }
    if (e instanceof UnsupportedImageTypeException) {
      return new LookupException(
          LookupException.Kind.MALFORMED,
          image,
          "ECR cannot serve " + image + " in a manifest format HealthGuard reads (UnsupportedImageTypeException)",
          e);
    }
    if (e instanceof KmsException) {
      return new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image,
          "ECR could not decrypt " + image + " with the repository's KMS key (KmsException):"
              + " check kms:Decrypt for the synth role",
          e);
    }
    if (e instanceof AwsServiceException ase) {
      return service(ase, ref, call, options);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || hasTimeoutCause(e)) {
      Duration limit = e instanceof ApiCallAttemptTimeoutException ? options.apiCallAttemptTimeout() : options.apiCallTimeout();
      return new LookupException(
          LookupException.Kind.TIMEOUT,
          image,
          "ECR did not answer " + call + " for " + image + " within " + LookupOptions.human(limit) + " (" + e.getClass().getSimpleName()
              + "): check network access to " + endpointHost + ", or raise LookupOptions.apiCallTimeout",
          e);
    }
    if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
      return new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image,
          "No AWS credentials to read " + image + ": the SDK's default chain found none; give the synth process credentials"
              + " (e.g. AWS_PROFILE), since the CDK CLI does not pass its own to the app",
          e);
    }
    return new LookupException(
        LookupException.Kind.NETWORK,
        image,
        "Could not reach ECR at " + endpointHost + " to read " + image + " (" + rootCause(e).getClass().getSimpleName()
            + "): check network access and proxy settings",
        e);
  }

  private static LookupException service(AwsServiceException e, ImageName ref, String call, LookupOptions options) {
    String image = ref.canonical();
    String code = code(e);
    int status = e.statusCode();
    if (DENIED.contains(code) || (status == 403 && !BAD_CREDENTIALS.contains(code))) {
      return new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image,
          "ECR denied access to " + image + " (" + code + "): check the synth role's ecr:BatchGetImage"
              + " and ecr:GetDownloadUrlForLayer permissions",
          e);
    }
    if (BAD_CREDENTIALS.contains(code)) {
      return new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image,
          "ECR rejected the AWS credentials used to read " + image + " (" + code + "): refresh the synth process's credentials",
          e);
    }
    if (e.isThrottlingException() || THROTTLING.contains(code) || status == 429) {
      return new LookupException(
          LookupException.Kind.THROTTLED,
          image,
          "ECR throttled " + call + " for " + image + " after " + options.maxAttempts() + " attempts (" + code
              + "): retry later, or raise LookupOptions.maxAttempts",
          e);
    }
    if (status >= 500) {
      return new LookupException(
          LookupException.Kind.SERVICE_ERROR,
          image,
          "ECR failed " + call + " for " + image + " after " + options.maxAttempts() + " attempts (" + code + ", HTTP "
              + status + "): retry later",
          e);
    }
    return new LookupException(
        LookupException.Kind.SERVICE_ERROR,
        image,
        "ECR refused " + call + " for " + image + " (" + code + ", HTTP " + status + ")",
        e);
  }

  private static String code(SdkException e) {
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null) {
      return ase.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  private static boolean hasTimeoutCause(Throwable e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof InterruptedIOException || c instanceof HttpTimeoutException) {
        return true; // SocketTimeoutException is an InterruptedIOException
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  /** {@code 200 ms}, {@code 10 s}, {@code 1.5 s}. */
  private SdkErrors() {}
}
