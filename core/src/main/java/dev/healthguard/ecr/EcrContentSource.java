package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;

import dev.healthguard.registry.BlobRequest;
import dev.healthguard.registry.ContentSource;
import dev.healthguard.registry.FetchedManifest;
import dev.healthguard.registry.LookupOptions;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * One ECR repository as a {@link ContentSource}: manifests by {@code BatchGetImage}, blobs at the
 * presigned URL {@code GetDownloadUrlForLayer} gives (ecr-oci.md §0, §1.5).
 */
final class EcrContentSource implements ContentSource {

  private final BatchGetImageCall manifests;
  private final GetDownloadUrlCall downloads;
  private final ImageName ref;

  EcrContentSource(EcrClient ecr, ImageName ref, LookupOptions options, String endpointHost) {
    this.ref = ref;
    this.manifests = new BatchGetImageCall(ecr, ref, options, endpointHost);
    this.downloads = new GetDownloadUrlCall(ecr, ref, options, endpointHost);
  }

  @Override
  public FetchedManifest manifest(String reference, String what) {
    return reference.equals(ref.reference()) && what.equals("manifest") ? manifests.byReference() : manifests.byDigest(reference, what);
  }

  @Override
  public BlobRequest blob(String digest, String what) {
    return BlobRequest.presigned(downloads.downloadUrl(digest, what));
  }

  @Override
  public String image() {
    return ref.canonical();
  }
}
