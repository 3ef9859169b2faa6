package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Dockerfiles under {@code src/test/resources/dockerfile/}. */
final class Fixtures {
  private Fixtures() {}

  static String dockerfile(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/dockerfile/" + name)) {
      assertNotNull(in, "test resource /dockerfile/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImageRecipe evaluate(String name) {
    return DockerfileEvaluator.evaluate(dockerfile(name), name, BuildOptions.DEFAULT);
  }
}
