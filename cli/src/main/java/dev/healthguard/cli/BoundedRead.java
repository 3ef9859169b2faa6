package dev.healthguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input whole, but never more than {@link #MAX_BYTES}: a task definition or template is
 * kilobytes, the largest plans a few megabytes, and a runaway file must not exhaust the heap.
 */
final class BoundedRead {

  /** 32 MiB; CloudFormation itself accepts templates of at most 1 MB. */
  static final int MAX_BYTES = 32 << 20;

  private BoundedRead() {}

  static String file(Path file, String name) throws InputException {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw tooLarge(name);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return stream(in, name);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    } catch (IOException e) {
      throw new InputException(name + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Reads a stream, such as standard input, that has no size to ask first. */
  static String stream(InputStream in, String name) throws IOException, InputException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(name);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static InputException tooLarge(String name) {
    return new InputException(name + ": larger than " + (MAX_BYTES >> 20) + " MiB, which no task definition, "
        + "template or plan is; not read");
  }
}
