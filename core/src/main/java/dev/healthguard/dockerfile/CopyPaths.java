package dev.healthguard.dockerfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image paths one COPY or ADD creates ({@link Step.FilesAdded#paths()}), worked out from the
 * instruction alone since the build context is not read:
 *
 * <ul>
 *   <li>a source ending in {@code /}, {@code .} or {@code ..}, or containing a glob, may be a
 *       directory or many files: the destination directory is listed, as {@code dir/};
 *   <li>ADD of a local tar archive unpacks it, ADD of a git URL checks it out: the destination
 *       directory;
 *   <li>ADD of any other URL downloads one file named after the URL's last path segment;
 *   <li>any other source is taken to be a file: {@code dest/<basename>} when the destination is
 *       a directory, else the destination itself.
 * </ul>
 *
 * The destination is a directory when it ends in {@code /}, when there are several sources, or
 * when it is known to exist as one (the WORKDIR, a directory made by an earlier step, a standard
 * directory such as {@code /usr/local/bin}): BuildKit then copies into it.
 */
final class CopyPaths {
  private static final Pattern GLOB = Pattern.compile("[*?\\[]");
  private static final Pattern ARCHIVE =
      Pattern.compile(".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst)$");
  private static final Set<String> STANDARD_DIRECTORIES = Set.of(
      "/", "/bin", "/sbin", "/usr", "/usr/bin", "/usr/sbin", "/usr/local", "/usr/local/bin",
      "/usr/local/sbin", "/usr/local/lib", "/usr/lib", "/usr/share", "/lib", "/etc", "/opt", "/tmp",
      "/var", "/var/lib", "/var/tmp", "/var/log", "/root", "/home", "/srv", "/run", "/mnt");

  private CopyPaths() {}

  /**
   * @param sources expanded sources; heredoc sources replaced by their names
   * @param destination the expanded destination as written
   * @param workdir the absolute working directory
   * @param knownDirectories absolute directories known to exist in the image so far
   */
  static List<String> of(
      List<String> sources, String destination, String workdir, boolean add, Set<String> knownDirectories) {
    String dest = destination.startsWith("/") ? destination : join(workdir, destination);
    String cleaned = clean(dest);
    boolean destIsDirectory = destination.endsWith("/")
        || destination.equals(".") || destination.endsWith("/.") || destination.equals("..")
        || sources.size() > 1
        || STANDARD_DIRECTORIES.contains(cleaned)
        || knownDirectories.contains(cleaned);
    String dirEntry = cleaned.equals("/") ? "/" : cleaned + "/";
    List<String> paths = new ArrayList<>();
    for (String source : sources) {
      String path;
      if (isGitUrl(source)) {
        path = dirEntry; // ADD of a git repository checks it out into the destination
      } else if (isUrl(source)) {
        path = destIsDirectory ? join(cleaned, basename(source)) : cleaned;
      } else if (GLOB.matcher(source).find() && !destIsDirectory) {
        path = cleaned; // a glob copied to a file name matches one file
      } else if (isDirectoryLike(source)) {
        path = dirEntry;
      } else if (add && ARCHIVE.matcher(source).matches()) {
        path = dirEntry; // ADD unpacks a local archive into the destination
      } else {
        path = destIsDirectory ? join(cleaned, basename(source)) : cleaned;
      }
      if (!paths.contains(path)) {
        paths.add(path);
      }
    }
    return paths;
  }

  static boolean isDirectoryLike(String source) {
    return source.endsWith("/") || source.equals(".") || source.equals("..") || source.endsWith("/.")
        || source.endsWith("/..") || GLOB.matcher(source).find();
  }

  private static boolean isGitUrl(String source) {
    return source.startsWith("git@") || isUrl(source) && (source.endsWith(".git") || source.contains(".git#"));
  }

  private static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://") || source.startsWith("git@");
  }

  private static String basename(String source) {
    String s = source;
    if (isUrl(s)) {
      int query = s.indexOf('?');
      s = query < 0 ? s : s.substring(0, query);
    }
    int slash = s.lastIndexOf('/');
    return slash < 0 ? s : s.substring(slash + 1);
  }

  static String join(String directory, String path) {
    return clean(directory + "/" + path);
  }

  /** Go {@code path.Clean} for absolute paths: no {@code .}, no {@code ..}, no double slash. */
  static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
