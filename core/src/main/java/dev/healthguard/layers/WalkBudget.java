package dev.healthguard.layers;

import dev.healthguard.layers.LayerException.Kind;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The path steps one {@link ImageFileSystem} may take, merging and answering lookups together.
 * Each walk is bounded (40 symlinks, each target of at most {@link Limits#maxPathDepth()}
 * components), but a layer can make every entry's walk follow such a chain: 40 symlinks of 256
 * components before each of 500,000 entries is 5 billion steps. Real images take one to three steps
 * per component they list (a merged-usr {@code /lib} link adds one), so {@value
 * #STEPS_PER_COMPONENT} per component, and {@value #FLOOR} more, only stop such chains.
 */
final class WalkBudget {
  static final int STEPS_PER_COMPONENT = 32;
  static final long FLOOR = 1_000_000;

  private final long limit;
  private long left;
  private String layer = "";

  private WalkBudget(long limit) {
    this.limit = limit;
    this.left = limit;
  }

  /** A budget for the components of every name and link target in {@code layers}. */
  static WalkBudget of(List<LayerListing> layers) {
    long components = 0;
    for (LayerListing layer : layers) {
      for (LayerListing.Entry entry : layer.entries()) {
        components += components(entry.path()) + components(entry.linkTarget());
      }
      for (String path : layer.whiteouts()) {
        components += components(path);
      }
      components += layer.opaqueDirs().size();
    }
    return new WalkBudget(FLOOR + STEPS_PER_COMPONENT * components);
  }

  private static long components(String path) {
    long n = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) != '/' && (i == 0 || path.charAt(i - 1) == '/')) {
        n++;
      }
    }
    return n;
  }

  /** The layer whose entries are being applied, or the top one for lookups; named in the failure. */
  void layer(String digest) {
    layer = digest;
  }

  /**
   * Takes one step.
   *
   * @throws UncheckedIOException wrapping a {@link LayerException} of kind LIMIT_EXCEEDED when the
   *     budget is spent; unchecked because lookups answer with values, and a spent budget must not
   *     read as "not there"
   */
  void step() {
    if (--left < 0) {
      LayerException e = new LayerException(Kind.LIMIT_EXCEEDED, layer, String.format(
          "exceeds the path-walk budget of the image: more than %,d steps (%d per path component"
              + " listed, and %,d more), symlink chains that every lookup must follow",
          limit, STEPS_PER_COMPONENT, FLOOR));
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
