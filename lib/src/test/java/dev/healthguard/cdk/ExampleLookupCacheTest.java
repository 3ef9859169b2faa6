package dev.healthguard.cdk;

import dev.healthguard.registry.LookupOptions;
import dev.healthguard.registry.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthguard.ecr.RegistryRouter;
import dev.healthguard.image.SourceReader;
import dev.healthguard.registry.RegistryClient;
import dev.healthguard.ecr.FakeEcr;
import dev.healthguard.registry.TestImages;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import dev.healthguard.layers.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the examples' committed {@code healthguard.context.json} was made: a lookup, with the real
 * SDK client, of a ko-style image (cgr.dev/chainguard/static base, no shell) pushed to the loopback
 * ECR as {@code payments/api:v1}. With a real registry the same file comes from
 * {@code cdk synth -c healthguard:lookups=true}. The test fails when the committed file drifts;
 * {@code -Dhealthguard.writeExampleCache=true} rewrites it.
 */
class ExampleLookupCacheTest {

  static final Path COMMITTED = Path.of("..", "healthguard.context.json");

  @TempDir Path dir;

  @Test
  void theExamplesCacheIsWhatALookupOfTheKoImageWrites() throws IOException {
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
    Path written = dir.resolve("healthguard.context.json");
    try (FakeEcr ecr = FakeEcr.start()) {
      ecr.push("payments/api", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
      ImageProfiler profiler = new ImageProfiler(Catalog.builtIn(), true, written,
          () -> new SourceReader(new RegistryRouter(ecr.endpoint(), LookupOptions.defaults(),
              RegistryClient.builder().build()), Limits.DEFAULTS));
      profiler.profile(new ImageRef.Ecr(FakeEcr.ACCOUNT, FakeEcr.REGION, "payments/api", "v1"), "linux/amd64");
    }
    String expected = Files.readString(written);
    if (Boolean.getBoolean("healthguard.writeExampleCache")) {
      Files.writeString(COMMITTED, expected);
    }
    assertEquals(expected, Files.readString(COMMITTED), "regenerate with -Dhealthguard.writeExampleCache=true");
  }
}
