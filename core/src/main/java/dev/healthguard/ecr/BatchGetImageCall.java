package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;

import dev.healthguard.registry.Digest;
import dev.healthguard.registry.FetchedManifest;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupOptions;
import dev.healthguard.registry.ManifestTypes;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * {@code BatchGetImage} for one manifest: asks for every format this package reads, checks the
 * size limit, and verifies that the bytes hash to the digest ECR reports (ecr-oci.md §1.3, §1.4).
 */
final class BatchGetImageCall {

  private final EcrClient ecr;
  private final ImageName ref;
  private final LookupOptions options;
  private final String endpointHost;

  BatchGetImageCall(EcrClient ecr, ImageName ref, LookupOptions options, String endpointHost) {
    this.ecr = ecr;
    this.ref = ref;
    this.options = options;
    this.endpointHost = endpointHost;
  }

  /** The manifest or index the reference's tag or digest names. */
  FetchedManifest byReference() {
    ImageIdentifier id = ImageIdentifier.builder().imageTag(ref.tag()).imageDigest(ref.digest()).build();
    return fetch(id, ref.digest(), "manifest");
  }

  /**
   * A platform manifest an index lists. By digest ECR serves the stored bytes unconverted
   * (ecr-oci.md §1.4), so they must hash to the index's digest.
   *
   * @param what e.g. {@code linux/arm64 manifest}
   */
  FetchedManifest byDigest(String digest, String what) {
    return fetch(ImageIdentifier.builder().imageDigest(digest).build(), digest, what);
  }

  private FetchedManifest fetch(ImageIdentifier id, String requestedDigest, String what) {
    String call = "BatchGetImage";
    BatchGetImageResponse response;
    try {
      response =
          ecr.batchGetImage(
              b ->
                  b.registryId(ref.ecrAccount().orElseThrow())
                      .repositoryName(ref.repository())
                      .imageIds(id)
                      .acceptedMediaTypes(ManifestTypes.ACCEPTED));
    } catch (SdkException e) {
      throw SdkErrors.map(e, ref, call, options, endpointHost);
    }
    if (!response.hasImages() || response.images().isEmpty()) {
      throw failure(response, what);
    }
    Image image = response.images().get(0);
    String image0 = ref.canonical();
    if (image.imageManifest() == null) {
      throw new LookupException(
          LookupException.Kind.MALFORMED, image0, "ECR returned the " + what + " of " + image0 + " without its content", null);
    }
    byte[] bytes = image.imageManifest().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > options.maxManifestBytes()) {
      throw new LookupException(
          LookupException.Kind.TOO_LARGE,
          image0,
          "The " + what + " of " + image0 + " is " + bytes.length + " bytes, over the limit of "
              + options.maxManifestBytes() + " (LookupOptions.maxManifestBytes)",
          null);
    }
    String reported = image.imageId() == null ? null : image.imageId().imageDigest();
    if (requestedDigest != null && reported != null && !requestedDigest.equals(reported)) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          image0,
          "ECR answered " + requestedDigest + " of " + image0 + " with a manifest it calls " + reported
              + ": retry, and report it if it persists",
          null);
    }
    String expected = reported != null ? reported : requestedDigest;
    String actual = Digest.sha256(bytes).toString();
    if (expected != null && !actual.equals(expected)) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          image0,
          "The " + what + " of " + image0 + " has digest " + actual + ", but ECR reports " + expected
              + ": the bytes are not the manifest that digest names; retry, and report it if it persists",
          null);
    }
    return new FetchedManifest(actual, image.imageManifestMediaType(), bytes);
  }

  private LookupException failure(BatchGetImageResponse response, String what) {
    String image = ref.canonical();
    ImageFailure f = response.hasFailures() && !response.failures().isEmpty() ? response.failures().get(0) : null;
    String code = f == null || f.failureCodeAsString() == null ? "no image returned" : f.failureCodeAsString();
    String subject = what.equals("manifest") ? "image " + image : what + " " + "of " + image;
    return switch (code) {
      case "ImageNotFound",
          "InvalidImageTag",
          "InvalidImageDigest",
          "MissingDigestAndTag",
          "ImageTagDoesNotMatchDigest",
          "no image returned" ->
          new LookupException(
              LookupException.Kind.IMAGE_NOT_FOUND,
              image,
              "ECR has no " + subject + " (" + code + "): push it before synth, or check the tag or digest",
              null);
      case "KmsError", "UpstreamAccessDenied", "ImageInaccessible" ->
          new LookupException(
              LookupException.Kind.ACCESS_DENIED,
              image,
              "ECR cannot give access to " + subject + " (" + code
                  + "): check the repository's KMS key and pull-through credentials",
              null);
      case "UpstreamTooManyRequests" ->
          new LookupException(
              LookupException.Kind.THROTTLED,
              image,
              "ECR's upstream registry throttled " + subject + " (" + code + "): retry later",
              null);
      default ->
          new LookupException(
              LookupException.Kind.SERVICE_ERROR,
              image,
              "ECR could not return " + subject + " (" + code + "): retry later",
              null);
    };
  }
}
