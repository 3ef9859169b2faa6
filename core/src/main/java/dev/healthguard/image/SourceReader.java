package dev.healthguard.image;

import dev.healthguard.layers.ImageFileSystem;
import dev.healthguard.layers.LayerException;
import dev.healthguard.layers.LayerListing;
import dev.healthguard.layers.LayerReader;
import dev.healthguard.layers.Limits;
import dev.healthguard.layers.Resolved;
import dev.healthguard.layers.TocListing;
import dev.healthguard.registry.BaseImageHint;
import dev.healthguard.registry.ConfigHealthcheck;
import dev.healthguard.registry.ImageAddress;
import dev.healthguard.registry.ImageConfig;
import dev.healthguard.registry.ImageSource;
import dev.healthguard.registry.LayerDescriptor;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupIOException;
import dev.healthguard.registry.LookupResult;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RemoteImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns what an {@link ImageSource} returns into {@link RegistryFacts}: the config's settings, and
 * every layer streamed through {@link LayerReader} (which hashes it, once) and merged into an
 * {@link ImageFileSystem}, so that the shell and the executables are known exactly. The registry
 * clients know blobs, not profiles (aesthetics-review.md §3.9); this is where the two meet.
 */
public final class SourceReader implements RegistryReader, AutoCloseable {

  private final ImageSource source;
  private final Limits limits;

  /**
   * @param source the registries to read, e.g. {@code ecr.RegistryRouter}
   * @param limits caps on each layer: bytes read, decompression ratio, entries
   */
  public SourceReader(ImageSource source, Limits limits) {
    this.source = source;
    this.limits = limits;
  }

  @Override
  public Read read(ImageName image, String platform) {
    ImageAddress address = new ImageAddress(image.registry(), image.repository(), image.tag(), image.digest());
    String shown = address.display();
    try {
      LookupResult result = source.resolve(address, Platform.parse(platform));
      if (result instanceof LookupResult.PlatformNotFound missing) {
        return new Read(missing.digest(), new RegistryFacts(pinned(address, missing.digest()), names(missing.offered()), null,
            List.of(), null, null, null, List.of(), null));
      }
      RemoteImage remote = ((LookupResult.Found) result).image();
      ImageConfig config = remote.config();
      ConfigHealthcheck hc = config.healthcheck();
      RegistryFacts facts = new RegistryFacts(
          pinned(address, remote.resolvedDigest()),
          names(remote.platformsOffered().isEmpty() ? List.of(remote.chosen()) : remote.platformsOffered()),
          platform,
          config.pathEntries(),
          config.user(),
          hc,
          remote.baseImage().map(BaseImageHint::name).orElse(null),
          config.createdBy(),
          listing(remote));
      return new Read(remote.resolvedDigest(), facts);
    } catch (LookupException e) {
      throw new LookupFailed(e.getMessage(), e);
    } catch (LookupIOException e) {
      throw new LookupFailed(e.failure().getMessage(), e);
    } catch (LayerException e) {
      throw new LookupFailed("a layer of " + shown + " could not be listed: " + e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new LookupFailed("reading " + shown + " failed: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new LookupFailed("reading " + shown + " failed: " + e.getMessage(), e);
    }
  }

  private static String pinned(ImageAddress address, String digest) {
    return address.registry() + "/" + address.repository() + "@" + digest;
  }

  private RegistryFacts.Listing listing(RemoteImage image) throws IOException {
    List<LayerListing> listings = new ArrayList<>();
    for (LayerDescriptor layer : image.layers()) {
      listings.add(list(image, layer));
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

  /**
   * One layer's listing: from the table of contents its annotations name, by closed byte ranges,
   * when that can be read; else by streaming the whole blob (issue 9 item 5).
   */
  private LayerListing list(RemoteImage image, LayerDescriptor layer) throws IOException {
    if (TocListing.annotated(layer.annotations())) {
      Optional<TocListing.Result> toc =
          TocListing.read(layer, (first, last) -> source.readLayerRange(image, layer, first, last), limits);
      if (toc.isPresent()) {
        return toc.get().listing();
      }
    }
    try (InputStream in = source.openLayer(image, layer)) {
      return LayerReader.read(in, layer.mediaType(), layer.digest(), limits);
    }
  }

  private static List<String> names(List<Platform> platforms) {
    return platforms.stream().map(Platform::toString).toList();
  }

  @Override
  public void close() {
    source.close();
  }
}
