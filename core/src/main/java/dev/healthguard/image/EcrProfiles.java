package dev.healthguard.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Profiles images in private ECR repositories: from the lookup cache when it knows the digest, else,
 * when lookups are on, from the registry (then cached). Every failure becomes an unreadable
 * profile naming the image and the cause; nothing escapes into the synth.
 */
final class EcrProfiles {

  private final boolean lookups;
  private final Supplier<RegistryReader> readers;
  private final LookupCache cache;
  private final Catalog catalog;
  private RegistryReader reader;

  EcrProfiles(boolean lookups, Supplier<RegistryReader> readers, LookupCache cache, Catalog catalog) {
    this.lookups = lookups;
    this.readers = readers;
    this.cache = cache;
    this.catalog = catalog;
  }

  ImageProfile profile(ImageRef.Ecr image, String platform) {
    if (!image.addressable()) {
      return ImageProfile.unknown(image.display(), "its account or region is only known at deploy time; "
          + "give the stack an env (account and region) or use the repository URI");
    }
    try {
      Optional<String> digest = image.isDigest() ? Optional.of(image.tagOrDigest()) : cache.digest(image.uri());
      if (digest.isEmpty() && !lookups) {
        return off(image);
      }
      String pinnedDigest = digest.orElseGet(() -> {
        String resolved = reader().digestOf(image);
        cache.putDigest(image.uri(), resolved);
        return resolved;
      });
      ImageRef.Ecr pinned = new ImageRef.Ecr(image.account(), image.region(), image.repository(), pinnedDigest);
      Optional<RegistryFacts> cached = cache.facts(pinned.uri(), platform);
      if (cached.isEmpty() && !lookups) {
        return off(image);
      }
      RegistryFacts facts = cached.orElseGet(() -> {
        RegistryFacts read = reader().read(pinned, platform);
        cache.put(pinned.uri(), platform, read);
        return read;
      });
      save();
      return profile(image, facts, cached.isPresent());
    } catch (RegistryReader.LookupFailed e) {
      save();
      return ImageProfile.unreadable(image.display(), e.getMessage());
    }
  }

  private ImageProfile off(ImageRef.Ecr image) {
    String problem = cache.problem() == null ? "" : "; the lookup cache was ignored: " + cache.problem();
    return ImageProfile.unknown(image.display(), "lookups are off and " + cache.file().getFileName()
        + " has nothing on " + image.uri() + problem + "; turn lookups on once with -c healthguard:lookups=true "
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

  private ImageProfile profile(ImageRef.Ecr image, RegistryFacts facts, boolean fromCache) {
    String where = (fromCache ? cache.file().getFileName() + ": " : "") + facts.reference();
    ImageProfile.Builder out = new ImageProfile.Builder(image.display()).platforms(facts.platforms());
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
    if (!facts.healthcheck().isEmpty()) {
      List<Integer> t = facts.healthcheckTimings();
      out.healthcheck(new ImageHealthcheck(facts.healthcheck(), at(t, 0), at(t, 1), at(t, 2), at(t, 3),
          new Evidence("image config " + where, "Healthcheck")));
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

  private static Integer at(List<Integer> values, int index) {
    return index < values.size() ? values.get(index) : null;
  }
}
