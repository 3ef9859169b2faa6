package dev.healthguard.ecr;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The read path of ecr-oci.md §0: BatchGetImage by tag or digest; for an index, choose the
 * platform's entry and BatchGetImage it by digest; then the config blob through
 * GetDownloadUrlForLayer and a presigned GET. Every document is verified against its digest.
 */
final class ImageResolver {

  private final EcrClient ecr;
  private final PresignedBlobGet blobs;
  private final LookupOptions options;
  private final String endpointHost;

  ImageResolver(EcrClient ecr, PresignedBlobGet blobs, LookupOptions options, String endpointHost) {
    this.ecr = ecr;
    this.blobs = blobs;
    this.options = options;
    this.endpointHost = endpointHost;
  }

  LookupResult resolve(ImageReference ref, Platform wanted) {
    BatchGetImageCall manifests = new BatchGetImageCall(ecr, ref, options, endpointHost);
    BatchGetImageCall.Fetched top = manifests.byReference();
    ParsedManifest parsed = parse(top, ref, "manifest");
    if (parsed instanceof ParsedManifest.Image single) {
      ImageConfig config = config(ref, single);
      Platform actual = config.platform();
      if (!PlatformChooser.satisfies(actual, wanted)) {
        return new LookupResult.PlatformNotFound(ref, top.digest(), wanted, List.of(actual));
      }
      return new LookupResult.Found(image(ref, null, Map.of(), top, single, List.of(actual), config));
    }
    ParsedManifest.Index index = (ParsedManifest.Index) parsed;
    List<Platform> offered = PlatformChooser.offered(index.entries());
    Optional<IndexEntry> entry = PlatformChooser.choose(index.entries(), wanted);
    if (entry.isPresent()) {
      return new LookupResult.Found(fromEntry(ref, manifests, top, index, entry.get(), offered));
    }
    // Entries without a platform are legal (image-index.md: platform is OPTIONAL); their config
    // says what they are. Only the first is read: a pull could not choose among several either.
    List<IndexEntry> unlabelled = PlatformChooser.unlabelled(index.entries());
    if (!unlabelled.isEmpty()) {
      RemoteImage candidate = fromEntry(ref, manifests, top, index, unlabelled.get(0), offered);
      if (PlatformChooser.satisfies(candidate.chosen(), wanted)) {
        return new LookupResult.Found(candidate);
      }
      offered = new java.util.ArrayList<>(offered);
      offered.add(candidate.chosen());
    }
    return new LookupResult.PlatformNotFound(ref, top.digest(), wanted, offered);
  }

  private RemoteImage fromEntry(
      ImageReference ref,
      BatchGetImageCall manifests,
      BatchGetImageCall.Fetched top,
      ParsedManifest.Index index,
      IndexEntry entry,
      List<Platform> offered) {
    String what = (entry.platform() == null ? "" : entry.platform() + " ") + "manifest " + entry.digest();
    BatchGetImageCall.Fetched child = manifests.byDigest(entry.digest(), what);
    if (child.bytes().length != entry.size()) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          ref.display(),
          "The " + what + " of " + ref.display() + " is " + child.bytes().length + " bytes, but the index says " + entry.size()
              + ": retry, and report it if it persists",
          null);
    }
    ParsedManifest parsed = parse(child, ref, what);
    if (!(parsed instanceof ParsedManifest.Image manifest)) {
      throw new LookupException(
          LookupException.Kind.MALFORMED,
          ref.display(),
          "The " + what + " of " + ref.display() + " is itself an index; HealthGuard reads one level of index",
          null);
    }
    ImageConfig config = config(ref, manifest);
    // The config is the truth about what runs; the index entry's platform is a label.
    return image(ref, top.digest(), index.annotations(), child, manifest, offered, config);
  }

  private RemoteImage image(
      ImageReference ref,
      String indexDigest,
      Map<String, String> indexAnnotations,
      BatchGetImageCall.Fetched fetched,
      ParsedManifest.Image manifest,
      List<Platform> offered,
      ImageConfig config) {
    return new RemoteImage(
        ref,
        indexDigest,
        fetched.digest(),
        manifest.mediaType(),
        offered,
        config.platform(),
        config,
        manifest.layers(),
        manifest.annotations(),
        indexAnnotations);
  }

  private ParsedManifest parse(BatchGetImageCall.Fetched fetched, ImageReference ref, String what) {
    ParsedManifest parsed;
    try {
      parsed = ManifestJson.parse(fetched.bytes(), fetched.mediaType());
    } catch (Json.MalformedException e) {
      throw malformed(ref, what, e);
    }
    if (parsed instanceof ParsedManifest.Image image && image.layers().size() > options.maxLayers()) {
      throw new LookupException(
          LookupException.Kind.TOO_LARGE,
          ref.display(),
          "The " + what + " of " + ref.display() + " lists " + image.layers().size() + " layers, over the limit of "
              + options.maxLayers() + " (LookupOptions.maxLayers)",
          null);
    }
    return parsed;
  }

  private static LookupException malformed(ImageReference ref, String what, Json.MalformedException e) {
    return new LookupException(
        LookupException.Kind.MALFORMED,
        ref.display(),
        "The " + what + " of " + ref.display() + " cannot be read: " + e.getMessage(),
        null);
  }

  private ImageConfig config(ImageReference ref, ParsedManifest.Image manifest) {
    Descriptor d = manifest.config();
    String what = "config blob " + d.digest();
    if (d.size() > options.maxConfigBytes()) {
      throw new LookupException(
          LookupException.Kind.TOO_LARGE,
          ref.display(),
          "The " + what + " of " + ref.display() + " is " + d.size() + " bytes, over the limit of " + options.maxConfigBytes()
              + " (LookupOptions.maxConfigBytes)",
          null);
    }
    URI url = new GetDownloadUrlCall(ecr, ref, options, endpointHost).downloadUrl(d.digest(), what);
    byte[] bytes = blobs.readAll(url, d, ref.display(), what);
    try {
      return ConfigJson.parse(bytes, d);
    } catch (Json.MalformedException e) {
      throw malformed(ref, what, e);
    }
  }
}
