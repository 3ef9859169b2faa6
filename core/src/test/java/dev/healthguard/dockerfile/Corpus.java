package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * BuildKit's golden test data, which is not ours to ship: CI has it at {@code ../shared/corpus}
 * (system property {@code healthguard.corpus}, set in core/pom.xml). Where it is absent, as in a
 * user's clone, the conformance tests are skipped with the reason printed; the project's own
 * parser and expansion tests still run.
 */
final class Corpus {
  private Corpus() {}

  static Path root() {
    String configured = System.getProperty("healthguard.corpus");
    Path root = configured == null || configured.isBlank() ? null : Path.of(configured);
    boolean present = root != null && Files.isDirectory(root.resolve("buildkit-parser"))
        && Files.isDirectory(root.resolve("buildkit-shell"));
    String reason = "BuildKit conformance corpus not found "
        + (root == null ? "(system property healthguard.corpus is not set)"
            : "at " + root.toAbsolutePath().normalize())
        + "; skipping the BuildKit conformance tests";
    if (!present) {
      System.err.println("SKIPPED: " + reason);
    }
    assumeTrue(present, reason);
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
