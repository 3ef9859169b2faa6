package dev.healthguard.dockerfile;

/**
 * A file of a build context that the guard refuses or fails to read. The message names the file
 * and says why, in one line that never holds the file's content.
 */
public final class UnreadableFileException extends Exception {
  private static final long serialVersionUID = 1L;

  UnreadableFileException(String message) {
    super(message);
  }
}
