package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads files of a build context the way a guard must: only regular files whose real path, with
 * every symbolic link resolved, lies inside the context's real path, and never more than a byte cap.
 *
 * <p>Each refusal is a {@link UnreadableFileException} whose message names the file as the user
 * gave it and never shows a byte of it (issue 10: a symlinked Dockerfile leaked a {@code
 * SECRET_TOKEN=…} line into {@code cdk.out}). Why each check is needed:
 *
 * <ul>
 *   <li>A path such as {@code ../../etc/passwd}, or a link to one, leaves the context; the CDK
 *       accepts such a {@code file} prop as long as it exists.
 *   <li>The size a special file reports says nothing: {@code /dev/zero} reports 0 and never ends,
 *       so the read itself stops at the cap.
 *   <li>Opening a FIFO for reading blocks until some writer appears, forever in a synth, so the
 *       type is checked, without following links, before the file is opened. The check and the
 *       open are two steps; swapping the file in between needs write access to the source tree
 *       during the synth, which is no threat the guard can or need defend against.
 * </ul>
 */
public final class BuildContext {

  /** Dockerfiles larger than this are not read: no real one is, and the guard must stay cheap. */
  public static final int MAX_DOCKERFILE_BYTES = 1 << 20;

  private final Path directory;

  private BuildContext(Path directory) {
    this.directory = directory;
  }

  /** The context at this directory, as the app names it. */
  public static BuildContext of(Path directory) {
    return new BuildContext(directory);
  }

  /**
   * The text of a file of the context, decoded as {@link DockerfileText#decode} does.
   *
   * @param relative the path inside the context as the user wrote it ({@code Dockerfile}, {@code
   *     docker/Dockerfile.prod})
   * @param named how messages call the file, e.g. {@code the Dockerfile docker/api/Dockerfile};
   *     escaped here, so the caller passes the path as it is
   * @param maxBytes the most bytes read; a larger file is refused
   */
  public String readText(String relative, String named, int maxBytes) throws UnreadableFileException {
    return DockerfileText.decode(readBytes(relative, named, maxBytes));
  }

  /** The bytes of a file of the context; see {@link #readText}. */
  public byte[] readBytes(String relative, String named, int maxBytes) throws UnreadableFileException {
    Path given = directory.resolve(relative);
    named = Excerpt.escape(named);
    Path real = realPath(given, named);
    Path root = realPath(directory, "the build context " + Excerpt.escape(directory.toString()));
    if (!real.startsWith(root)) {
      throw new UnreadableFileException(named + (Files.isSymbolicLink(given) ? " is a symbolic link that leads" : " is")
          + " outside the build context, which is all a build can read; it was not read");
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UnreadableFileException(named + " could not be read: " + reason(e));
    }
    if (attributes.isDirectory()) {
      throw new UnreadableFileException(named + " is a directory, not a file");
    }
    if (!attributes.isRegularFile()) {
      throw new UnreadableFileException(named + " is a special file (a pipe, socket or device), not a regular "
          + "file; it was not read");
    }
    if (attributes.size() > maxBytes) {
      throw tooLarge(named, maxBytes);
    }
    try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      // The cap holds whatever the size said: the file may have grown since.
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(named, maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new UnreadableFileException(named + " could not be read: " + reason(e));
    }
  }

  private static Path realPath(Path path, String named) throws UnreadableFileException {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UnreadableFileException(named + " could not be read: " + reason(e));
    }
  }

  private static UnreadableFileException tooLarge(String named, int maxBytes) {
    return new UnreadableFileException(named + " is larger than " + maxBytes + " bytes");
  }

  /** The cause in words, without the path again and without a stack trace. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist (or is a link to nothing)";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    // A FileSystemException's message repeats the path; its reason alone is the cause.
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return reason == null ? e.getClass().getSimpleName() : Excerpt.escape(reason);
  }
}
