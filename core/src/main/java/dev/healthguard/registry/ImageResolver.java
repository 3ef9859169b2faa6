package dev.healthguard.registry;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read path every registry shares once a {@link ContentSource} says where its documents are
 * (ecr-oci.md §0): the manifest or index by tag or digest; for an index, the platform's entry,
 * by digest; then the config blob. Every document is verified against its digest. Layers are
 * opened here too, through the same {@link BlobGet}.
 */
public final class ImageResolver {

  private final ContentSource source;
  private final BlobGet blobs;
  private final LookupOptions options;

  public ImageResolver(ContentSource source, BlobGet blobs, LookupOptions options) {
    this.source = source;
    this.blobs = blobs;
    this.options = options;
  }

  /**
   * Reads the image's manifest for {@code wanted} and its config.
   *
   * @return the image, or {@link LookupResult.PlatformNotFound} listing the platforms it offers
   * @throws LookupException for every failure
   */
  public LookupResult resolve(ImageAddress ref, Platform wanted) {
    FetchedManifest top = source.manifest(ref.reference(), "manifest");
    if (ref.isByDigest() && !top.digest().equals(ref.digest())) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          ref.display(),
          "The registry answered " + ref.display() + " with a manifest whose digest is " + top.digest()
              + ": retry, and report it if it persists",
          null);
    }
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
      return new LookupResult.Found(fromEntry(ref, top, index, entry.get(), offered));
    }
    // Entries without a platform are legal (image-index.md: platform is OPTIONAL); their config
    // says what they are. Only the first is read: a pull could not choose among several either.
    List<IndexEntry> unlabelled = PlatformChooser.unlabelled(index.entries());
    if (!unlabelled.isEmpty()) {
      RemoteImage candidate = fromEntry(ref, top, index, unlabelled.get(0), offered);
      if (PlatformChooser.satisfies(candidate.chosen(), wanted)) {
        return new LookupResult.Found(candidate);
      }
      offered = new ArrayList<>(offered);
      offered.add(candidate.chosen());
    }
    return new LookupResult.PlatformNotFound(ref, top.digest(), wanted, offered);
  }

  /**
   * Opens a layer blob of {@code image} for streaming, checked against the descriptor's size; the
   * caller hashes it (the layer reader does, as it lists). A pause longer than {@link
   * LookupOptions#blobTimeout()} fails it. Failures while reading are {@link LookupIOException}s.
   *
   * @throws LookupException when the download cannot start
   */
  public InputStream openLayer(RemoteImage image, LayerDescriptor layer) {
    String what = what(image, layer);
    return blobs.openStream(source.blob(layer.digest(), what), layer.size(), source.image(), what);
  }

  /** Bytes {@code first} to {@code last} (inclusive) of a layer blob, by one closed range request. */
  public byte[] readLayerRange(RemoteImage image, LayerDescriptor layer, long first, long last) {
    if (last >= layer.size()) {
      throw new IllegalArgumentException("Range " + first + "-" + last + " is past the layer's " + layer.size() + " bytes");
    }
    String what = what(image, layer) + " bytes " + first + "-" + last;
    return blobs.readRange(source.blob(layer.digest(), what), first, last, source.image(), what);
  }

  private static String what(RemoteImage image, LayerDescriptor layer) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(layer, "layer");
    if (!image.layers().contains(layer)) {
      throw new IllegalArgumentException("Layer " + layer.digest() + " is not a layer of " + image.pinned());
    }
    return "layer " + layer.index() + " (" + layer.digest() + ")";
  }

  private RemoteImage fromEntry(
      ImageAddress ref, FetchedManifest top, ParsedManifest.Index index, IndexEntry entry, List<Platform> offered) {
    String what = (entry.platform() == null ? "" : entry.platform() + " ") + "manifest " + entry.digest();
    FetchedManifest child = source.manifest(entry.digest(), what);
    if (!child.digest().equals(entry.digest())) {
      throw new LookupException(
          LookupException.Kind.DIGEST_MISMATCH,
          ref.display(),
          "The " + what + " of " + ref.display() + " has digest " + child.digest() + ": retry, and report it if it persists",
          null);
    }
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
      ImageAddress ref,
      String indexDigest,
      Map<String, String> indexAnnotations,
      FetchedManifest fetched,
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

  private ParsedManifest parse(FetchedManifest fetched, ImageAddress ref, String what) {
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

  private static LookupException malformed(ImageAddress ref, String what, Json.MalformedException e) {
    return new LookupException(
        LookupException.Kind.MALFORMED,
        ref.display(),
        "The " + what + " of " + ref.display() + " cannot be read: " + e.getMessage(),
        null);
  }

  private ImageConfig config(ImageAddress ref, ParsedManifest.Image manifest) {
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
    byte[] bytes = blobs.readAll(source.blob(d.digest(), what), d, ref.display(), what);
    try {
      return ConfigJson.parse(bytes, d);
    } catch (Json.MalformedException e) {
      throw malformed(ref, what, e);
    }
  }
}
