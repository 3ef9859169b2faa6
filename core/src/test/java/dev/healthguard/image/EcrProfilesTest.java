package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECR images: lookup, cache, offline use, and the profile a layer listing gives. */
class EcrProfilesTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final ImageRef.Ecr KO = new ImageRef.Ecr("123456789012", "eu-west-1", "team/api", "v1");

  @TempDir Path dir;
  final List<String> calls = new ArrayList<>();

  /** A registry with one ko-style image for amd64 only: no shell, the app on PATH. */
  RegistryReader registry() {
    return new RegistryReader() {
      @Override
      public String digestOf(ImageRef.Ecr image) {
        calls.add("digest " + image.uri());
        return DIGEST;
      }

      @Override
      public RegistryFacts read(ImageRef.Ecr pinned, String platform) {
        calls.add("read " + pinned.uri() + " " + platform);
        if (!platform.equals("linux/amd64")) {
          return new RegistryFacts(pinned.uri(), List.of("linux/amd64"), null, List.of(), null, List.of(), null,
              "cgr.dev/chainguard/static:latest", List.of(), null);
        }
        return new RegistryFacts(pinned.uri(), List.of("linux/amd64"), "linux/amd64",
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/ko-app"),
            "65532", List.of(), null, "cgr.dev/chainguard/static:latest", List.of("ko build"),
            new RegistryFacts.Listing(List.of("sha256:" + "01".repeat(32), "sha256:" + "02".repeat(32)), null,
                Map.of("/ko-app/server", 1, "/opt/probe/healthcheck", 1)));
      }
    };
  }

  ImageProfiler profiler(boolean lookups) {
    return new ImageProfiler(Catalog.builtIn(), lookups, dir.resolve(LookupCache.DEFAULT_FILE), this::registry);
  }

  @Test
  void aListedImageIsKnownExactly() {
    ImageProfile image = profiler(true).profile(KO, "linux/amd64");
    assertTrue(image.shell().isCertainlyAbsent());
    assertTrue(image.shell().evidence().get(0).where().startsWith("layer listing 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@sha256:abab"), image.shell().evidence().toString());
    assertEquals("/ko-app/server", image.executable("server").path());
    assertTrue(image.executable("/opt/probe/healthcheck").isPresent());
    assertTrue(image.executable("healthcheck").isCertainlyAbsent(), "not on PATH");
    assertTrue(image.executable("curl").isCertainlyAbsent());
    assertEquals("layer 2/2 sha256:020202020202…", image.executable("server").evidence().get(0).where());
    assertTrue(image.hint().contains("-dev"), "the base annotation leads to the catalog's hint: " + image.hint());
    assertEquals("65532", image.user());
  }

  @Test
  void aSecondSynthReadsTheCacheAndMakesNoCall() throws IOException {
    profiler(true).profile(KO, "linux/amd64");
    assertEquals(2, calls.size(), calls.toString());
    String file = Files.readString(dir.resolve(LookupCache.DEFAULT_FILE));
    assertTrue(file.contains("\"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1\" : \"" + DIGEST + "\""), file);

    calls.clear();
    ImageProfile offline = profiler(false).profile(KO, "linux/amd64");
    assertEquals(List.of(), calls);
    assertTrue(offline.shell().isCertainlyAbsent());
    assertTrue(offline.shell().evidence().get(0).where().startsWith("layer listing healthguard.context.json: "), offline.shell().evidence().toString());
  }

  @Test
  void withLookupsOffAndNothingCachedTheImageIsUnknownWithHowToTurnThemOn() {
    ImageProfile image = profiler(false).profile(KO, "linux/amd64");
    assertFalse(image.isKnown());
    assertFalse(image.readFailed());
    assertTrue(image.unknownReason().contains("-c healthguard:lookups=true"), image.unknownReason());
    assertEquals(List.of(), calls);
  }

  @Test
  void anImageWithoutTheWantedPlatformSaysWhichItOffers() {
    ImageProfile image = profiler(true).profile(KO, "linux/arm64");
    assertEquals(List.of("linux/amd64"), image.platforms());
    assertFalse(image.shell().isAbsent(), "nothing is claimed about contents that do not exist");
  }

  @Test
  void aFailedLookupIsAnUnreadableImageAndIsNotCached() {
    ImageProfiler failing = new ImageProfiler(Catalog.builtIn(), true, dir.resolve(LookupCache.DEFAULT_FILE), () -> new RegistryReader() {
      @Override
      public String digestOf(ImageRef.Ecr image) {
        throw new LookupFailed("ECR denied access to " + image.uri() + " (AccessDeniedException)", null);
      }

      @Override
      public RegistryFacts read(ImageRef.Ecr pinned, String platform) {
        throw new AssertionError("not reached");
      }
    });
    ImageProfile image = failing.profile(KO, "linux/amd64");
    assertTrue(image.readFailed());
    assertTrue(image.unknownReason().contains("AccessDeniedException"), image.unknownReason());
    assertFalse(Files.exists(dir.resolve(LookupCache.DEFAULT_FILE)));
  }

  @Test
  void aCorruptCacheIsIgnoredWithTheReason() throws IOException {
    Files.writeString(dir.resolve(LookupCache.DEFAULT_FILE), "{ not json");
    ImageProfile image = profiler(false).profile(KO, "linux/amd64");
    assertTrue(image.unknownReason().contains("is not valid JSON"), image.unknownReason());
  }

  @Test
  void anImageWhoseAccountIsOnlyKnownAtDeployTimeIsUnknown() {
    ImageProfile image = profiler(true).profile(new ImageRef.Ecr(null, null, "team/api", "v1"), "linux/amd64");
    assertTrue(image.unknownReason().contains("give the stack an env"), image.unknownReason());
    assertEquals(List.of(), calls);
  }

  @Test
  void aDigestReferenceNeedsNoTagLookup() {
    profiler(true).profile(new ImageRef.Ecr("123456789012", "eu-west-1", "team/api", DIGEST), "linux/amd64");
    assertEquals(1, calls.size(), calls.toString());
    assertTrue(calls.get(0).startsWith("read "), calls.toString());
  }

  @Test
  void aShellInTheListingIsPresentWithTheLayerThatProvidedIt() {
    RegistryFacts alpine = new RegistryFacts("r@" + DIGEST, List.of("linux/amd64"), "linux/amd64", List.of(), null,
        List.of("CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"), Arrays.asList(30, 3, null, 3), null, List.of(),
        new RegistryFacts.Listing(List.of("sha256:" + "01".repeat(32)), "/bin/busybox",
            Map.of("/bin/busybox", 0, "/bin/sh", 0, "/usr/bin/wget", 0)));
    ImageProfiler p = new ImageProfiler(Catalog.builtIn(), true, dir.resolve("c.json"), () -> new RegistryReader() {
      @Override
      public String digestOf(ImageRef.Ecr image) {
        return DIGEST;
      }

      @Override
      public RegistryFacts read(ImageRef.Ecr pinned, String platform) {
        return alpine;
      }
    });
    ImageProfile image = p.profile(KO, "linux/amd64");
    assertTrue(image.shell().isPresent());
    assertEquals("/bin/sh -> /bin/busybox", image.shell().evidence().get(0).what());
    assertEquals("/usr/bin/wget", image.executable("wget").path());
    assertEquals(List.of("CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"), image.healthcheck().test());
    assertEquals(30, image.healthcheck().intervalSeconds());
  }
}
