package dev.healthguard.layers;

import java.util.Optional;

/**
 * Tar entry names to absolute paths. Research ecr-oci.md §2.6 (inferred rules): a leading {@code
 * ./} or {@code /}, a trailing {@code /} and a doubled {@code //} do not change which path is meant;
 * names containing {@code ..} are rejected, since an extractor would write outside the root.
 */
final class EntryPaths {
  static final String WHITEOUT_PREFIX = ".wh.";
  // image-spec layer.md: "<dir>/.wh..wh..opq" hides all lower children of <dir>.
  static final String OPAQUE = ".wh..wh..opq";
  // moby/containerd whiteouts.go: other ".wh..wh." names (AUFS .wh..wh.plnk, .wh..wh.aufs) are
  // metadata, "not for removing an actual file".
  static final String META_PREFIX = ".wh..wh.";

  private EntryPaths() {}

  /**
   * The absolute form of a tar name: {@code ./usr//bin/} is {@code /usr/bin}, {@code ./} is {@code
   * /}. Empty when the name has a {@code ..} component.
   */
  static Optional<String> normalize(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    int i = 0;
    int n = name.length();
    while (i < n) {
      int slash = name.indexOf('/', i);
      int end = slash < 0 ? n : slash;
      int len = end - i;
      if (len == 2 && name.charAt(i) == '.' && name.charAt(i + 1) == '.') {
        return Optional.empty();
      }
      if (len > 0 && !(len == 1 && name.charAt(i) == '.')) {
        out.append('/').append(name, i, end);
      }
      i = end + 1;
    }
    return Optional.of(out.length() == 0 ? "/" : out.toString());
  }

  /** The last component of an absolute path ({@code ""} for the root). */
  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The parent of an absolute path; the root is its own parent. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** {@code dir + "/" + name} without a doubled slash at the root. */
  static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  /** Whether some component is AUFS metadata ({@code .wh..wh.plnk/…}), which is not content. */
  static boolean isMetadata(String path) {
    return path.contains("/" + META_PREFIX) && !baseName(path).equals(OPAQUE);
  }
}
