package dev.healthguard.layers;

import dev.healthguard.layers.LayerListing.EntryType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The filesystem an image's layers make, as names only, for questions like "is {@code /bin/sh}
 * there" and "which of {@code curl}, {@code wget} are on the {@code PATH}".
 *
 * <p>Layers apply in manifest order, bottom first, by image-spec {@code layer.md} (research
 * ecr-oci.md §2.6): an entry replaces what was at its path (a directory over a directory only
 * updates it; a non-directory over a directory removes the subtree); {@code .wh.<name>} deletes
 * from lower layers only; an opaque directory hides its lower children; a hardlink is another name
 * for an earlier file. Lookups follow symlinks as the kernel does.
 *
 * <p>An entry an extractor could not apply (a parent that is a file, a hardlink to nothing) is
 * skipped and described in {@link #notes()}, so a finding can say the image was odd.
 */
public final class ImageFileSystem {
  /** Where a CMD-SHELL health check runs: Docker uses {@code /bin/sh -c}, whatever SHELL says. */
  public static final String SHELL = "/bin/sh";

  private final FsNode root = FsNode.directory(0755, -1);
  private final List<String> digests;
  private final List<String> notes = new ArrayList<>();
  private final WalkBudget budget;

  private ImageFileSystem(List<LayerListing> layers) {
    this.digests = layers.stream().map(LayerListing::digest).toList();
    this.budget = WalkBudget.of(layers);
    LayerApplier applier = new LayerApplier(root, notes, budget);
    for (int i = 0; i < layers.size(); i++) {
      applier.apply(layers.get(i), i);
    }
  }

  /**
   * Merges listings.
   *
   * <p>Merging and the lookups after it share a budget of path steps, proportional to the names
   * listed (see {@code WalkBudget}); symlink chains that every entry must follow spend it, and
   * then this or a lookup throws an {@link java.io.UncheckedIOException} wrapping a {@link
   * LayerException} of kind {@code LIMIT_EXCEEDED}, rather than take hours or answer "missing".
   *
   * @param layersBottomFirst the listings in manifest order, the base layer first
   */
  public static ImageFileSystem of(List<LayerListing> layersBottomFirst) {
    Objects.requireNonNull(layersBottomFirst, "layersBottomFirst");
    return new ImageFileSystem(List.copyOf(layersBottomFirst));
  }

  /** The layer digests, bottom first; {@link Resolved#layerIndex()} indexes this list. */
  public List<String> layerDigests() {
    return digests;
  }

  /** Entries that could not be applied, one line each; usually empty. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * Where {@code path} leads, following every symlink; empty if nothing is there (a dangling
   * symlink or a loop included). Relative paths are taken from the root.
   */
  public Optional<Resolved> resolve(String path) {
    PathWalker.Walk w = PathWalker.walk(root, path, true, -1, budget);
    if (!w.found()) {
      return Optional.empty();
    }
    FsNode node = w.node();
    List<String> links = new ArrayList<>(w.links());
    if (!node.hardlinkOf.isEmpty()) {
      links.add(w.path() + " = hardlink of " + node.hardlinkOf);
    }
    boolean executable = node.type == EntryType.FILE && (node.mode & 0111) != 0;
    String digest = node.layer < 0 ? "" : digests.get(node.layer);
    return Optional.of(new Resolved(path, w.path(), node.type, executable, links, node.layer, digest));
  }

  /** Whether {@code path} resolves to something, like {@code test -e}. */
  public boolean exists(String path) {
    return resolve(path).isPresent();
  }

  /**
   * Why {@code path} does not resolve ({@code no /usr/bin/curl}, {@code more than 40 symlinks
   * followed (a loop) at /a}), or empty if it does.
   */
  public Optional<String> whyMissing(String path) {
    PathWalker.Walk w = PathWalker.walk(root, path, true, -1, budget);
    if (w.found()) {
      return Optional.empty();
    }
    String via = w.links().isEmpty() ? "" : " (via " + String.join(", ", w.links()) + ")";
    return Optional.of(w.reason() + via);
  }

  /**
   * {@code /bin/sh} if it is an executable file after following links, with what it is ({@code
   * /bin/sh -> /bin/busybox}); empty when a CMD-SHELL check cannot start.
   */
  public Optional<Resolved> shell() {
    return resolve(SHELL).filter(Resolved::executable);
  }

  /**
   * Finds executables as {@code execvp} does: for each name, the first directory of {@code
   * pathDirs} holding an executable regular file of that name (symlinks followed). A name with a
   * {@code /} is not searched but resolved itself, as {@code execvp} does. Empty and relative
   * {@code PATH} entries are skipped: they depend on the working directory.
   *
   * @param names executable names, {@code curl}, {@code wget}
   * @param pathDirs the image's {@code PATH} split on {@code :}, in order
   * @return the names found, in the order of {@code names}, each with where it resolved
   */
  public Map<String, Resolved> findOnPath(Collection<String> names, List<String> pathDirs) {
    Map<String, Resolved> found = new LinkedHashMap<>();
    for (String name : names) {
      if (name.isEmpty() || found.containsKey(name)) {
        continue;
      }
      if (name.contains("/")) {
        if (name.startsWith("/")) {
          resolve(name).filter(Resolved::executable).ifPresent(r -> found.put(name, r));
        }
        continue;
      }
      for (String dir : pathDirs) {
        if (!dir.startsWith("/")) {
          continue;
        }
        Optional<Resolved> hit = resolve(EntryPaths.child(stripTrailingSlash(dir), name))
            .filter(Resolved::executable);
        if (hit.isPresent()) {
          found.put(name, hit.get());
          break;
        }
      }
    }
    return found;
  }

  private static String stripTrailingSlash(String dir) {
    String d = dir;
    while (d.length() > 1 && d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d;
  }
}
