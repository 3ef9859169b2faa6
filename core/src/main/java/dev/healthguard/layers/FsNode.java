package dev.healthguard.layers;

import dev.healthguard.layers.LayerListing.EntryType;
import java.util.HashMap;
import java.util.Map;

/** One path in the merged image: what it is and which layer last wrote it. */
final class FsNode {
  final EntryType type;
  int mode;
  int layer;
  /** A symlink's target as written. */
  final String symlinkTarget;
  /** For a node made by a hardlink entry, the path it links to; else "". */
  final String hardlinkOf;
  /** Children by name; only for directories. */
  final Map<String, FsNode> children;

  private FsNode(EntryType type, int mode, int layer, String symlinkTarget, String hardlinkOf) {
    this.type = type;
    this.mode = mode;
    this.layer = layer;
    this.symlinkTarget = symlinkTarget;
    this.hardlinkOf = hardlinkOf;
    this.children = type == EntryType.DIRECTORY ? new HashMap<>() : Map.of();
  }

  static FsNode directory(int mode, int layer) {
    return new FsNode(EntryType.DIRECTORY, mode, layer, "", "");
  }

  static FsNode of(LayerListing.Entry entry, int layer) {
    return new FsNode(entry.type(), entry.mode(), layer,
        entry.type() == EntryType.SYMLINK ? entry.linkTarget() : "", "");
  }

  /**
   * A hardlink's node: the same file as {@code target} (type, mode, symlink target), since a
   * hardlink is another name for the same inode, written by {@code layer}.
   */
  static FsNode hardlink(FsNode target, String targetPath, int layer) {
    return new FsNode(target.type, target.mode, layer, target.symlinkTarget, targetPath);
  }

  boolean isDirectory() {
    return type == EntryType.DIRECTORY;
  }
}
