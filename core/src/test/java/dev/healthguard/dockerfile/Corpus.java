package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The BuildKit golden data under {@code shared/corpus}; a missing corpus fails the test. */
final class Corpus {
  private Corpus() {}

  static Path root() {
    String configured = System.getProperty("healthguard.corpus");
    Path root = Path.of(configured != null ? configured : "/work/shared/corpus");
    assertTrue(Files.isDirectory(root.resolve("buildkit-parser")),
        "BuildKit corpus not found at " + root.toAbsolutePath() + " (system property healthguard.corpus)");
    return root;
  }

  static Path parser() {
    return root().resolve("buildkit-parser");
  }

  static Path shell() {
    return root().resolve("buildkit-shell");
  }

  static List<Path> caseDirectories(Path parent) {
    try (Stream<Path> dirs = Files.list(parent)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file as UTF-8 text, byte for byte: no newline or whitespace normalisation. */
  static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
