package dev.healthguard.image;

import dev.healthguard.registry.ConfigHealthcheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Profiles images from their registry, ECR or OCI: from the lookup cache when it knows the digest,
 * else, when lookups are on, from the registry (then cached). Every failure becomes an unreadable
 * profile naming the image and the cause; nothing escapes into the synth.
 */
final class RegistryProfiles {

  private final boolean lookups;
  private final Supplier<RegistryReader> readers;
  private final LookupCache cache;
  private final Catalog catalog;
  private RegistryReader reader;

  RegistryProfiles(boolean lookups, Supplier<RegistryReader> readers, LookupCache cache, Catalog catalog) {
    this.lookups = lookups;
    this.readers = readers;
    this.cache = cache;
    this.catalog = catalog;
  }

  /** Whether images missing from the cache are asked of their registry. */
  boolean lookups() {
    return lookups;
  }

  ImageProfile profile(ImageRef.Ecr image, String platform) {
    if (!image.addressable()) {
      return ImageProfile.unknown(image.display(), "its account or region is only known at deploy time; "
          + "give the stack an env (account and region) or use the repository URI");
    }
    ImageName name;
    try {
      name = ImageName.parse(image.uri());
    } catch (IllegalArgumentException e) {
      return ImageProfile.unknown(image.display(), e.getMessage());
    }
    return profile(name, image.display(), platform).orElseGet(() -> off(image.display(), name));
  }

  /**
   * The registry's profile of {@code name}: from the cache, or looked up when lookups are on.
   * Empty when lookups are off and the cache knows nothing of it.
   */
  Optional<ImageProfile> profile(ImageName name, String display, String platform) {
    try {
      String tagged = name.canonical();
      Optional<String> digest = name.digest() != null ? Optional.of(name.digest()) : cache.digest(tagged);
      Optional<RegistryFacts> cached = digest.flatMap(d -> cache.facts(pinned(name, d), platform));
      if (cached.isPresent()) {
        return Optional.of(profile(display, cached.get(), true));
      }
      if (!lookups) {
        return Optional.empty();
      }
      // One pass: by the cached digest when there is one, else by tag; the config is read once.
      ImageName ask = digest.map(d -> new ImageName(name.registry(), name.repository(), null, d)).orElse(name);
      RegistryReader.Read read = reader().read(ask, platform);
      if (name.digest() == null) {
        cache.putDigest(tagged, read.digest());
      }
      cache.put(pinned(name, read.digest()), platform, read.facts());
      save();
      return Optional.of(profile(display, read.facts(), false));
    } catch (RegistryReader.LookupFailed e) {
      save();
      return Optional.of(ImageProfile.unreadable(display, e.getMessage()));
    }
  }

  private static String pinned(ImageName name, String digest) {
    return name.repositoryPath() + "@" + digest;
  }

  private ImageProfile off(String display, ImageName name) {
    String problem = cache.problem() == null ? "" : "; the lookup cache was ignored: " + cache.problem();
    return ImageProfile.unknown(display, "lookups are off and " + cache.file().getFileName()
        + " has nothing on " + name.canonical() + problem + "; turn lookups on once with -c healthguard:lookups=true "
        + "(or HealthCheckGuard.builder().lookups(true)) and commit the file");
  }

  private RegistryReader reader() {
    if (reader == null) {
      reader = readers.get();
    }
    return reader;
  }

  private void save() {
    try {
      cache.save();
    } catch (IOException e) {
      // The facts still serve this synth; the next one looks the image up again.
    }
  }

  private ImageProfile profile(String display, RegistryFacts facts, boolean fromCache) {
    String where = (fromCache ? cache.file().getFileName() + ": " : "") + facts.reference();
    ImageProfile.Builder out = new ImageProfile.Builder(display).platforms(facts.platforms());
    if (facts.baseImage() != null) {
      out.provenance(new Evidence("org.opencontainers.image.base.name", facts.baseImage()));
      try {
        catalog.lookup(ImageName.parse(facts.baseImage())).ifPresent(match -> out.hint(match.fixHint()));
      } catch (IllegalArgumentException e) {
        // A base name that is not a reference only loses the hint.
      }
    }
    if (facts.platform() == null) {
      out.provenanceFirst(new Evidence("manifest " + where, "offers " + String.join(", ", facts.platforms())));
      return out.build();
    }
    List<String> path = facts.path().isEmpty() ? ImageProfile.DEFAULT_PATH : facts.path();
    out.path(path).user(facts.user());
    ConfigHealthcheck hc = facts.healthcheck();
    if (hc != null && !hc.test().isEmpty()) {
      out.healthcheck(hc, new Evidence("image config " + where, "Healthcheck"));
    }
    RegistryFacts.Listing listing = facts.listing();
    if (listing == null) {
      out.provenanceFirst(new Evidence("image config " + where, "layers not listed"));
      return out.build();
    }
    Evidence listed = new Evidence("layer listing " + where, facts.platform() + ", " + listing.layers().size() + " layers");
    out.provenanceFirst(listed).exhaustive(true);
    out.shell(listing.shell() == null
        ? new Fact("sh", Presence.ABSENT, null, null, Certainty.CERTAIN, List.of(listed))
        : new Fact("sh", Presence.PRESENT, "/bin/sh", null, Certainty.CERTAIN,
            List.of(layerEvidence(listing, listing.executables().getOrDefault("/bin/sh", 0), "/bin/sh -> " + listing.shell()))));
    // Names resolve on PATH in order; every other executable stays reachable by its absolute path.
    List<String> named = new ArrayList<>();
    for (String dir : path) {
      for (Map.Entry<String, Integer> file : listing.executables().entrySet()) {
        String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
        if (parent(file.getKey()).equals(dir) && !named.contains(name)) {
          named.add(name);
          out.executable(new Fact(name, Presence.PRESENT, file.getKey(), null, Certainty.CERTAIN,
              List.of(layerEvidence(listing, file.getValue(), file.getKey()))));
        }
      }
    }
    for (Map.Entry<String, Integer> file : listing.executables().entrySet()) {
      if (!path.contains(parent(file.getKey()))) {
        out.executable(new Fact(file.getKey(), Presence.PRESENT, file.getKey(), null, Certainty.CERTAIN,
            List.of(layerEvidence(listing, file.getValue(), file.getKey()))));
      }
    }
    return out.build();
  }

  private static Evidence layerEvidence(RegistryFacts.Listing listing, int layer, String what) {
    String digest = layer < listing.layers().size() ? listing.layers().get(layer) : "?";
    String shortDigest = digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    return new Evidence("layer " + (layer + 1) + "/" + listing.layers().size() + " " + shortDigest, what);
  }

  private static String parent(String file) {
    int slash = file.lastIndexOf('/');
    return slash <= 0 ? "/" : file.substring(0, slash);
  }
}
