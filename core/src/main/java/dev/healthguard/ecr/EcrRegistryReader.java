package dev.healthguard.ecr;

import dev.healthguard.image.ImageRef;
import dev.healthguard.image.RegistryFacts;
import dev.healthguard.image.RegistryReader;
import dev.healthguard.layers.ImageFileSystem;
import dev.healthguard.layers.LayerException;
import dev.healthguard.layers.LayerListing;
import dev.healthguard.layers.LayerReader;
import dev.healthguard.layers.Limits;
import dev.healthguard.layers.Resolved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a pushed ECR image contains, for the profiler: the manifest and config through
 * {@link EcrLookup}, then every layer streamed through {@link LayerReader} and merged into an
 * {@link ImageFileSystem}, so that the shell and the executables are known exactly. One
 * {@link EcrLookup} per region; every failure becomes a {@link RegistryReader.LookupFailed} whose
 * message names the image and the cause.
 */
public final class EcrRegistryReader implements RegistryReader, AutoCloseable {

  private final URI endpoint;
  private final LookupOptions options;
  private final Limits limits;
  private final Map<String, EcrLookup> lookups = new HashMap<>();

  /** @param endpoint an endpoint override, or null for the SDK's (which honours AWS_ENDPOINT_URL_ECR) */
  public EcrRegistryReader(URI endpoint) {
    this(endpoint, LookupOptions.defaults(), Limits.DEFAULTS);
  }

  /**
   * @param options timeouts, retries and size caps of the registry calls
   * @param limits caps on each layer: bytes read, decompression ratio, entries
   */
  public EcrRegistryReader(URI endpoint, LookupOptions options, Limits limits) {
    this.endpoint = endpoint;
    this.options = options;
    this.limits = limits;
  }

  @Override
  public String digestOf(ImageRef.Ecr image) {
    return call(image, () -> {
      LookupResult result = lookup(image).resolve(reference(image), Platform.LINUX_AMD64);
      return result instanceof LookupResult.Found found
          ? found.image().resolvedDigest()
          : ((LookupResult.PlatformNotFound) result).digest();
    });
  }

  @Override
  public RegistryFacts read(ImageRef.Ecr pinned, String platform) {
    return call(pinned, () -> {
      LookupResult result = lookup(pinned).resolve(reference(pinned), Platform.parse(platform));
      if (result instanceof LookupResult.PlatformNotFound missing) {
        return new RegistryFacts(pinned.uri(), names(missing.offered()), null, List.of(), null, List.of(), null,
            null, List.of(), null);
      }
      RemoteImage image = ((LookupResult.Found) result).image();
      ImageConfig config = image.config();
      ConfigHealthcheck hc = config.healthcheck();
      return new RegistryFacts(
          pinned.uri(),
          names(image.platformsOffered().isEmpty() ? List.of(image.chosen()) : image.platformsOffered()),
          platform,
          config.pathEntries(),
          config.user(),
          hc == null || hc.isNone() ? List.of() : hc.test(),
          hc == null ? null : Arrays.asList(hc.intervalSeconds(), hc.timeoutSeconds(), hc.startPeriodSeconds(), hc.retries()),
          image.baseImage().map(BaseImageHint::name).orElse(null),
          config.createdBy(),
          listing(lookup(pinned), image));
    });
  }

  private RegistryFacts.Listing listing(EcrLookup lookup, RemoteImage image) throws IOException {
    List<LayerListing> listings = new ArrayList<>();
    for (LayerDescriptor layer : image.layers()) {
      try (DigestVerifyingInputStream in = lookup.openLayer(image, layer)) {
        listings.add(LayerReader.read(in, layer.mediaType(), layer.digest(), limits));
        in.drainAndVerify();
      }
    }
    ImageFileSystem fs = ImageFileSystem.of(listings);
    Map<String, Integer> executables = new TreeMap<>();
    for (LayerListing listing : listings) {
      for (LayerListing.Entry entry : listing.entries()) {
        if (entry.type() == LayerListing.EntryType.DIRECTORY) {
          continue;
        }
        String path = entry.path().startsWith("/") ? entry.path() : "/" + entry.path();
        fs.resolve(path)
            .filter(r -> r.type() == LayerListing.EntryType.FILE && r.executable())
            .ifPresent(r -> executables.put(path, r.layerIndex()));
      }
    }
    String shell = fs.shell().map(Resolved::path).orElse(null);
    return new RegistryFacts.Listing(fs.layerDigests(), shell, executables);
  }

  private interface Lookup<T> {
    T run() throws IOException;
  }

  private static <T> T call(ImageRef.Ecr image, Lookup<T> lookup) {
    try {
      return lookup.run();
    } catch (LookupException e) {
      throw new LookupFailed(e.getMessage(), e);
    } catch (LookupIOException e) {
      throw new LookupFailed(e.failure().getMessage(), e);
    } catch (LayerException e) {
      throw new LookupFailed("a layer of " + image.uri() + " could not be listed: " + e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new LookupFailed("reading " + image.uri() + " failed: " + e.getMessage(), e);
    }
  }

  private EcrLookup lookup(ImageRef.Ecr image) {
    return lookups.computeIfAbsent(image.region(), region -> {
      EcrLookup.Builder builder = EcrLookup.builder().region(region).options(options);
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      return builder.build();
    });
  }

  private static ImageReference reference(ImageRef.Ecr image) {
    return ImageReference.of(image.account(), image.region(), image.repository(), image.tagOrDigest());
  }

  private static List<String> names(List<Platform> platforms) {
    return platforms.stream().map(Platform::toString).toList();
  }

  @Override
  public void close() {
    lookups.values().forEach(EcrLookup::close);
  }
}
