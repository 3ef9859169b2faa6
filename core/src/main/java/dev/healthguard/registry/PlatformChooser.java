package dev.healthguard.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the manifest an ECS task of a given platform would run from an index (image-spec
 * image-index.md; ecr-oci.md §2.2).
 *
 * <p>Ranking, best first, ties going to index order as in a pull: the same platform once aliases
 * and default variants are folded ({@code arm64} = {@code arm64/v8}); then, for arm64, a later
 * v8.x variant, which Graviton runs; then the same os and architecture with any other variant.
 * Choosing a near match over none keeps HealthGuard from reporting a false architecture mismatch.
 */
final class PlatformChooser {

  private static final int EXACT = 3;
  private static final int ARM64_V8X = 2;
  private static final int OTHER_VARIANT = 1;

  /** The image platforms the index offers, in index order, without duplicates or attestations. */
  static List<Platform> offered(List<IndexEntry> entries) {
    Set<Platform> out = new LinkedHashSet<>();
    for (IndexEntry e : entries) {
      if (e.isImage() && e.platform() != null) {
        out.add(e.platform());
      }
    }
    return new ArrayList<>(out);
  }

  static Optional<IndexEntry> choose(List<IndexEntry> entries, Platform wanted) {
    Platform w = wanted.normalized();
    IndexEntry best = null;
    int bestScore = 0;
    for (IndexEntry e : entries) {
      if (!e.isImage() || e.platform() == null) {
        continue;
      }
      int score = score(e.platform().normalized(), w);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Image entries that state no platform; a pull cannot choose among them either. */
  static List<IndexEntry> unlabelled(List<IndexEntry> entries) {
    return entries.stream().filter(e -> e.isImage() && e.platform() == null).toList();
  }

  private static int score(Platform p, Platform w) {
    if (!p.os().equals(w.os()) || !p.architecture().equals(w.architecture())) {
      return 0;
    }
    if (java.util.Objects.equals(p.variant(), w.variant())) {
      return EXACT;
    }
    if (w.architecture().equals("arm64") && w.variant() == null && p.variant() != null && p.variant().startsWith("v8.")) {
      return ARM64_V8X;
    }
    return OTHER_VARIANT;
  }

  /** Whether a config's own platform satisfies the wanted one, by the same ranking. */
  static boolean satisfies(Platform actual, Platform wanted) {
    return score(actual.normalized(), wanted.normalized()) > 0;
  }

  private PlatformChooser() {}
}
