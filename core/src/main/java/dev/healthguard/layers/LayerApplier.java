package dev.healthguard.layers;

import dev.healthguard.layers.LayerListing.Entry;
import dev.healthguard.layers.LayerListing.EntryType;
import java.util.List;

/**
 * Applies listings to a tree, bottom layer first, by the image-spec {@code layer.md} rules
 * (research ecr-oci.md §2.6).
 */
final class LayerApplier {
  private final FsNode root;
  private final List<String> notes;
  private final WalkBudget budget;

  LayerApplier(FsNode root, List<String> notes, WalkBudget budget) {
    this.root = root;
    this.notes = notes;
    this.budget = budget;
  }

  void apply(LayerListing layer, int index) {
    budget.layer(layer.digest());
    // image-spec layer.md: an opaque whiteout hides all lower-layer children of its directory and
    // applies before the layer's own entries, wherever it sits in the tar.
    for (String dir : layer.opaqueDirs()) {
      PathWalker.Walk w = PathWalker.walk(root, dir, true, -1, budget);
      if (w.found() && w.node().isDirectory()) {
        w.node().children.clear();
      }
    }
    // image-spec layer.md: whiteouts "MUST only apply to resources in lower/parent layers"; files
    // of the same layer stay, whatever their order in the tar. So whiteouts go before entries too.
    for (String path : layer.whiteouts()) {
      PathWalker.Walk parent = PathWalker.walk(root, EntryPaths.parent(path), true, -1, budget);
      if (parent.found() && parent.node().isDirectory()) {
        parent.node().children.remove(EntryPaths.baseName(path));
      }
    }
    for (Entry entry : layer.entries()) {
      applyEntry(entry, index);
    }
  }

  private void applyEntry(Entry entry, int index) {
    if (entry.path().equals("/")) {
      if (entry.type() == EntryType.DIRECTORY) {
        root.mode = entry.mode();
      }
      return;
    }
    // Parents are resolved through symlinks and made when missing, as containerd's apply does
    // (archive/tar.go: fs.RootPath on the entry's directory, then MkdirAll).
    PathWalker.Walk parent = PathWalker.walk(root, EntryPaths.parent(entry.path()), true, index, budget);
    if (!parent.found() || !parent.node().isDirectory()) {
      String why = parent.found() ? parent.path() + " is not a directory" : parent.reason();
      notes.add("layer " + index + ": " + entry.path() + " not applied: " + why);
      return;
    }
    FsNode dir = parent.node();
    String name = EntryPaths.baseName(entry.path());
    FsNode existing = dir.children.get(name);
    switch (entry.type()) {
      case DIRECTORY -> {
        // layer.md: a directory over a directory only updates its attributes; over anything else
        // it replaces it.
        if (existing != null && existing.isDirectory()) {
          existing.mode = entry.mode();
          existing.layer = index;
        } else {
          dir.children.put(name, FsNode.of(entry, index));
        }
      }
      case HARDLINK -> applyHardlink(entry, index, dir, name);
      // A non-directory replaces whatever was there, a directory's whole subtree included.
      default -> dir.children.put(name, FsNode.of(entry, index));
    }
  }

  private void applyHardlink(Entry entry, int index, FsNode dir, String name) {
    // layer.md: a hardlink's name is an earlier path (normally of the same layer); it is the same
    // file, so it takes that file's type and mode. A symlink is linked as itself, not followed.
    PathWalker.Walk target = PathWalker.walk(root, entry.linkTarget(), false, -1, budget);
    if (!target.found()) {
      notes.add("layer " + index + ": hardlink " + entry.path() + " not applied: its target "
          + entry.linkTarget() + " does not exist (" + target.reason() + ")");
      return;
    }
    if (target.node().isDirectory()) {
      notes.add("layer " + index + ": hardlink " + entry.path() + " not applied: its target "
          + entry.linkTarget() + " is a directory");
      return;
    }
    dir.children.put(name, FsNode.hardlink(target.node(), target.path(), index));
  }
}
