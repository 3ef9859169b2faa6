package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;

import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupOptions;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerResponse;

/**
 * {@code GetDownloadUrlForLayer} for a config or layer blob: a presigned URL, valid for a while,
 * that needs no AWS credentials (ecr-oci.md §1.5). The URL is a bearer secret until it expires, so
 * it never goes into a message.
 */
final class GetDownloadUrlCall {

  private final EcrClient ecr;
  private final ImageName ref;
  private final LookupOptions options;
  private final String endpointHost;

  GetDownloadUrlCall(EcrClient ecr, ImageName ref, LookupOptions options, String endpointHost) {
    this.ecr = ecr;
    this.ref = ref;
    this.options = options;
    this.endpointHost = endpointHost;
  }

  /** @param what e.g. {@code config blob sha256:…}, for messages */
  URI downloadUrl(String digest, String what) {
    GetDownloadUrlForLayerResponse response;
    try {
      response =
          ecr.getDownloadUrlForLayer(
              b -> b.registryId(ref.ecrAccount().orElseThrow()).repositoryName(ref.repository()).layerDigest(digest));
    } catch (SdkException e) {
      throw SdkErrors.map(e, ref, "GetDownloadUrlForLayer for the " + what, options, endpointHost);
    }
    String image = ref.canonical();
    if (response.layerDigest() != null && !response.layerDigest().equals(digest)) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          image,
          "ECR answered a download URL request for the " + what + " of " + image + " with one for " + response.layerDigest(),
          null);
    }
    URI uri = null;
    try {
      uri = response.downloadUrl() == null ? null : URI.create(response.downloadUrl());
    } catch (IllegalArgumentException e) {
      // fall through; the exception's text would hold the URL
    }
    if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new LookupException(
          LookupException.Kind.MALFORMED, image, "ECR returned no usable download URL for the " + what + " of " + image, null);
    }
    return uri;
  }
}
