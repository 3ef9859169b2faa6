package dev.healthguard.layers;

import dev.healthguard.layers.LayerException.Kind;
import dev.healthguard.layers.LayerListing.Compression;
import dev.healthguard.layers.LayerListing.Entry;
import dev.healthguard.layers.LayerListing.EntryType;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Turns tar headers into listing entries, whiteouts and opaque markers, within the limits. */
final class ListingCollector {
  private final String digest;
  private final Limits limits;
  private final List<Entry> entries = new ArrayList<>();
  private final List<String> whiteouts = new ArrayList<>();
  private final List<String> opaqueDirs = new ArrayList<>();
  private int headers;
  private long nameLength;
  private String lastName = "";

  ListingCollector(String digest, Limits limits) {
    this.digest = digest;
    this.limits = limits;
  }

  void add(TarArchiveEntry tar) throws LayerException {
    headers++;
    if (headers > limits.maxEntries()) {
      throw new LayerException(Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxEntries: more than %,d entries, limit %,d; raise it with"
              + " Limits.withMaxEntries(…)", limits.maxEntries(), limits.maxEntries()));
    }
    String name = tar.getName();
    if (!tar.isCheckSumOK()) {
      throw new LayerException(Kind.MALFORMED, digest,
          "tar header checksum is wrong for entry '" + clip(name) + "' after '" + lastName + "'");
    }
    String path = path(name, "entry");
    lastName = path;
    kept(path);
    String base = EntryPaths.baseName(path);
    if (base.startsWith(EntryPaths.WHITEOUT_PREFIX)) {
      if (base.equals(EntryPaths.OPAQUE)) {
        opaqueDirs.add(EntryPaths.parent(path));
      } else if (!base.startsWith(EntryPaths.META_PREFIX)
          && base.length() > EntryPaths.WHITEOUT_PREFIX.length()) {
        whiteouts.add(EntryPaths.child(EntryPaths.parent(path),
            base.substring(EntryPaths.WHITEOUT_PREFIX.length())));
      }
      return;
    }
    if (EntryPaths.isMetadata(path)) {
      return;
    }
    EntryType type = type(tar);
    String target = "";
    if (type == EntryType.SYMLINK) {
      target = tar.getLinkName();
      checkLength(target, "symlink target of " + path);
      checkDepth(target, "symlink target of " + path);
    } else if (type == EntryType.HARDLINK) {
      target = path(tar.getLinkName(), "hardlink target of " + path);
    }
    kept(target);
    entries.add(new Entry(path, type, target, tar.getMode() & 07777));
  }

  private String path(String name, String what) throws LayerException {
    checkLength(name, what);
    String path = EntryPaths.normalize(name).orElseThrow(() -> new LayerException(Kind.MALFORMED,
        digest, what + " '" + clip(name) + "' has a '..' component, which would escape the image root"));
    checkDepth(path, what);
    return path;
  }

  /** Counts a name the listing keeps (entries, link targets, whiteouts) against the total. */
  private void kept(String name) throws LayerException {
    nameLength += name.length();
    if (nameLength > limits.maxTotalNameLength()) {
      throw new LayerException(Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxTotalNameLength: more than %,d characters of names in %,d entries, limit %,d;"
              + " raise it with Limits.withMaxTotalNameLength(…)",
          limits.maxTotalNameLength(), headers, limits.maxTotalNameLength()));
    }
  }

  private void checkDepth(String name, String what) throws LayerException {
    int components = 0;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) != '/' && (i == 0 || name.charAt(i - 1) == '/')) {
        components++;
      }
    }
    if (components > limits.maxPathDepth()) {
      throw new LayerException(Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxPathDepth: %s '%s…' has %,d components, limit %,d; raise it with"
              + " Limits.withMaxPathDepth(…)", what, clip(name, 40), components,
          limits.maxPathDepth()));
    }
  }

  private void checkLength(String name, String what) throws LayerException {
    if (name.length() > limits.maxPathLength()) {
      throw new LayerException(Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxPathLength: %s '%s…' has %,d characters, limit %,d; raise it with"
              + " Limits.withMaxPathLength(…)", what, clip(name, 40), name.length(),
          limits.maxPathLength()));
    }
  }

  private static EntryType type(TarArchiveEntry tar) {
    if (tar.isSymbolicLink()) {
      return EntryType.SYMLINK;
    }
    if (tar.isLink()) {
      return EntryType.HARDLINK;
    }
    if (tar.isDirectory()) {
      return EntryType.DIRECTORY;
    }
    if (tar.isCharacterDevice() || tar.isBlockDevice() || tar.isFIFO()) {
      return EntryType.OTHER;
    }
    if (tar.isFile() || tar.isSparse()) {
      return EntryType.FILE;
    }
    return EntryType.OTHER;
  }

  private static String clip(String name) {
    return name.length() <= 200 ? name : name.substring(0, 200) + "…";
  }

  private static String clip(String name, int length) {
    return name.substring(0, Math.min(length, name.length()));
  }

  /** The entry last read, for messages about where a stream broke. */
  String lastName() {
    return lastName;
  }

  LayerListing finish(String mediaType, Compression compression, long compressed, long uncompressed) {
    return new LayerListing(digest, mediaType == null ? "" : mediaType, compression, compressed,
        uncompressed, entries, whiteouts, opaqueDirs);
  }
}
