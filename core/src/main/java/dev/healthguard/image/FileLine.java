package dev.healthguard.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line in a file of the user's app, for locations a terminal, an IDE or a SARIF viewer can open.
 *
 * @param path the file, relative to the app's root (the directory {@code cdk synth} runs in) when it
 *     lies under it, else absolute; always with {@code /} separators
 * @param line 1-based, or 0 when only the file is known
 */
public record FileLine(String path, int line) {

  public FileLine {
    Objects.requireNonNull(path, "path");
    if (line < 0) {
      throw new IllegalArgumentException("line must be 0 or more: " + line);
    }
  }

  /** {@code docker/api/Dockerfile:6}, or just the path without a line. */
  @Override
  public String toString() {
    return line == 0 ? path : path + ":" + line;
  }

  /**
   * The path as users name it: relative to the working directory, which is the CDK app's root when
   * the CDK CLI runs the app (it starts the app in cdk.json's directory), else absolute.
   */
  public static String appPath(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = Path.of("").toAbsolutePath().normalize();
    Path shown = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    String text = shown.toString().replace('\\', '/');
    return text.isEmpty() ? "." : text;
  }
}
