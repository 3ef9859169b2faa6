package dev.healthguard.dockerfile;

/**
 * Where an instruction sits in a Dockerfile.
 *
 * @param file the Dockerfile's name as the user gave it, e.g. {@code Dockerfile.prod}
 * @param startLine first line, 1-based
 * @param endLine last line (continuations and heredocs span several)
 * @param text the instruction as written, continuations joined, trimmed to a readable length
 */
public record SourceLocation(String file, int startLine, int endLine, String text) {
  @Override
  public String toString() {
    return file + ":" + startLine + " " + text;
  }
}
