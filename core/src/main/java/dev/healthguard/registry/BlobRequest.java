package dev.healthguard.registry;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where to GET a blob: the one thing ECR and OCI registries do differently for blobs. ECR gives a
 * presigned URL that needs no header (ecr-oci.md §1.5); an OCI registry serves {@code
 * /v2/<name>/blobs/<digest>} and may want a bearer token. Everything after this (retries, the
 * redirect to blob storage, ranges, size and digest checks) is shared, in {@link BlobGet}.
 *
 * @param url the blob's URL; it may be a secret (presigned), so it never appears in a message
 * @param headers headers for the first hop only; a redirect to another host drops them
 * @param insecure true when plain HTTP is allowed for this URL's host (a loopback test registry)
 */
public record BlobRequest(URI url, Map<String, String> headers, boolean insecure) {

  public BlobRequest {
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
  }

  /** A presigned URL: no header at all. */
  public static BlobRequest presigned(URI url) {
    return new BlobRequest(url, Map.of(), true);
  }

  @Override
  public String toString() {
    return "BlobRequest[host=" + url.getHost() + "]"; // the URL and headers may be secrets
  }
}
