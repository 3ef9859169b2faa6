package dev.healthguard.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The probe's build context (Dockerfile, go.mod, main.go), shipped as class-path resources and
 * written to a directory named by the hash of its contents, so that a CDK image asset can build it.
 *
 * <p>The directory is {@code <root>/healthguard-probe-<first 12 hex digits of the sha256>}. It is
 * written once: under a private temporary name first, then renamed into place, which is atomic, so
 * two JVMs racing each see either no directory or a whole one. An existing directory is used only if
 * it holds exactly these files with exactly these bytes and belongs to this user; otherwise (someone
 * else's directory in a shared {@code /tmp}, a damaged one) a private copy is written instead. The
 * CDK hashes an asset by its contents, not its path, so the asset is the same either way.
 */
final class BundledProbe {

  /** The files, in the order they are hashed. */
  static final String[] FILES = {"Dockerfile", "go.mod", "main.go"};

  private static final String PREFIX = "healthguard-probe-";

  private final Map<String, byte[]> files;
  private final String hash;
  /** The directory handed out last in this JVM; checked again before it is handed out again. */
  private Path lastDirectory;

  private BundledProbe(Map<String, byte[]> files) {
    this.files = files;
    this.hash = contentHash(files);
  }

  /** The bundle as shipped in this library's jar. */
  static BundledProbe fromResources() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final BundledProbe INSTANCE = load();
  }

  private static BundledProbe load() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : FILES) {
      try (InputStream in = BundledProbe.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("The HealthGuard jar lacks the probe resource dev/healthguard/probe/" + name);
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the probe resource " + name, e);
      }
    }
    return new BundledProbe(files);
  }

  /** The first 12 hex digits of the sha256 of the files (names, sizes and bytes). */
  String hash() {
    return hash;
  }

  /** The name of the content-addressed directory. */
  String directoryName() {
    return PREFIX + hash;
  }

  byte[] file(String name) {
    return files.get(name).clone();
  }

  private static String contentHash(Map<String, byte[]> files) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      // Name and length before the bytes: two different splits of the same bytes cannot collide.
      sha256.update((file.getKey() + "\0" + file.getValue().length + "\0").getBytes(StandardCharsets.UTF_8));
      sha256.update(file.getValue());
    }
    return HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
  }

  /**
   * The build context directory under {@code java.io.tmpdir}, written if needed; the same directory
   * on every call while it stays intact.
   */
  synchronized Path directory() {
    try {
      if (lastDirectory != null && holdsExactly(lastDirectory, currentUser(lastDirectory.getParent()))) {
        return lastDirectory;
      }
    } catch (IOException e) {
      // Fall through and write it again.
    }
    lastDirectory = materialize(Path.of(System.getProperty("java.io.tmpdir")));
    return lastDirectory;
  }

  /**
   * The build context directory under {@code root}, written if needed.
   *
   * @throws UncheckedIOException when nothing can be written under {@code root}
   */
  Path materialize(Path root) {
    try {
      Files.createDirectories(root);
      UserPrincipal me = currentUser(root);
      Path target = root.resolve(directoryName());
      if (holdsExactly(target, me)) {
        return target;
      }
      Path staging = writeCopy(root, "." + directoryName() + "-");
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      } catch (FileSystemException lostRace) {
        // Another JVM renamed its copy first (or something else sits at the name).
      } finally {
        deleteTree(staging);
      }
      if (holdsExactly(target, me)) {
        return target;
      }
      // Not ours or not intact: build from a private copy, with a fresh name so it is never reused.
      return writeCopy(root, directoryName() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the HealthGuard probe's build context under " + root
          + ": " + e.getMessage() + ". Set java.io.tmpdir to a writable directory, or use ProbeImage.fromRegistry.", e);
    }
  }

  private Path writeCopy(Path root, String prefix) throws IOException {
    Path dir = Files.createTempDirectory(root, prefix);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
    return dir;
  }

  /** Whether {@code dir} is a real directory of {@code owner} holding exactly the bundle's files. */
  boolean holdsExactly(Path dir, UserPrincipal owner) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (owner != null && !owner.equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS))) {
      return false;
    }
    Set<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    }
    // An extra file would enter the Docker build context and the asset hash.
    if (!names.equals(new TreeSet<>(files.keySet()))) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          || Files.size(path) != file.getValue().length
          || !Arrays.equals(Files.readAllBytes(path), file.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** This process's user as the file system sees it, or null where owners are not supported. */
  private static UserPrincipal currentUser(Path root) throws IOException {
    Path marker = Files.createTempFile(root, ".healthguard-owner-", ".tmp");
    try {
      return Files.getOwner(marker);
    } catch (UnsupportedOperationException e) {
      return null;
    } finally {
      Files.deleteIfExists(marker);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // A leftover in the temp directory is harmless: its name is never reused.
        }
      });
    } catch (IOException ignored) {
      // Same.
    }
  }
}
