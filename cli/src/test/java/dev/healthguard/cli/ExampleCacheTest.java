package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthguard.ecr.FakeEcr;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code examples/cli/healthguard.context.json} was made: {@code --lookups} against the
 * loopback ECR, where the first story's image (a ko build on cgr.dev/chainguard/static: no shell,
 * no curl) is pushed as {@code myapp:xxxx}. Against a real registry the same file comes from
 * {@code healthguard --lookups}. The test fails when the committed file drifts;
 * {@code -Dhealthguard.writeExampleCache=true} rewrites it.
 */
class ExampleCacheTest {

  static final Path COMMITTED = Examples.DIR.resolve("healthguard.context.json");

  @TempDir Path dir;

  @Test
  void theCommittedCacheIsWhatALookupOfTheStorysImageWrites() throws IOException {
    Path written = dir.resolve("healthguard.context.json");
    try (FakeEcr ecr = FakeEcr.start()) {
      ecr.push("myapp", "xxxx", TestImages.koStatic(Platform.LINUX_AMD64));
      Run run = Run.withCredentials("--lookups", "--ecr-endpoint", ecr.endpoint().toString(),
          "--cache-file", written.toString(), Examples.STORY.toString());
      assertEquals(Main.FAILED, run.code(), run.toString());
    }
    String expected = Files.readString(written);
    if (Boolean.getBoolean("healthguard.writeExampleCache")) {
      Files.writeString(COMMITTED, expected);
    }
    assertEquals(expected, Files.readString(COMMITTED), "regenerate with -Dhealthguard.writeExampleCache=true");
  }
}
