package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.registry.ConfigHealthcheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry images (ECR and OCI): lookup, cache, offline use, and the profile a layer listing gives. */
class RegistryProfilesTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final ImageRef.Ecr KO = new ImageRef.Ecr("123456789012", "eu-west-1", "team/api", "v1");

  @TempDir Path dir;
  final List<String> calls = new ArrayList<>();

  /** A registry with one ko-style image for amd64 only: no shell, the app on PATH. */
  RegistryReader registry() {
    return (image, platform) -> {
      calls.add("read " + image.canonical() + " " + platform);
      String pinned = image.repositoryPath() + "@" + DIGEST;
      if (!platform.equals("linux/amd64")) {
        return new RegistryReader.Read(DIGEST, new RegistryFacts(pinned, List.of("linux/amd64"), null, List.of(), null, null,
            "cgr.dev/chainguard/static:latest", List.of(), null));
      }
      return new RegistryReader.Read(DIGEST, new RegistryFacts(pinned, List.of("linux/amd64"), "linux/amd64",
          List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/ko-app"),
          "65532", null, "cgr.dev/chainguard/static:latest", List.of("ko build"),
          new RegistryFacts.Listing(List.of("sha256:" + "01".repeat(32), "sha256:" + "02".repeat(32)), null,
              Map.of("/ko-app/server", 1, "/opt/probe/healthcheck", 1))));
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
    // One pass by tag: the digest comes with the facts, not from a second resolution.
    assertEquals(List.of("read 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1 linux/amd64"), calls);
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
    ImageProfiler failing = new ImageProfiler(Catalog.builtIn(), true, dir.resolve(LookupCache.DEFAULT_FILE), () -> (image, platform) -> {
      throw new RegistryReader.LookupFailed("ECR denied access to " + image.canonical() + " (AccessDeniedException)", null);
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
    RegistryFacts alpine = alpineFacts();
    ImageProfiler p = new ImageProfiler(Catalog.builtIn(), true, dir.resolve("c.json"),
        () -> (image, platform) -> new RegistryReader.Read(DIGEST, alpine));
    ImageProfile image = p.profile(KO, "linux/amd64");
    assertTrue(image.shell().isPresent());
    assertEquals("/bin/sh -> /bin/busybox", image.shell().evidence().get(0).what());
    assertEquals("/usr/bin/wget", image.executable("wget").path());
    assertEquals(List.of("CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"), image.healthcheck().test());
    assertEquals(30, image.healthcheck().intervalSeconds());
  }

  static RegistryFacts alpineFacts() {
    return new RegistryFacts("r@" + DIGEST, List.of("linux/amd64"), "linux/amd64", List.of(), null,
        new ConfigHealthcheck(List.of("CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"), 30, 3, null, null, 3), null,
        List.of(), new RegistryFacts.Listing(List.of("sha256:" + "01".repeat(32)), "/bin/busybox",
            Map.of("/bin/busybox", 0, "/bin/sh", 0, "/usr/bin/wget", 0)));
  }

  @Test
  void aCacheWrittenWithPositionalTimingsIsStillRead_andRewrittenAsAnObject() throws IOException {
    String tagged = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1";
    String pinned = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@" + DIGEST;
    Files.writeString(dir.resolve(LookupCache.DEFAULT_FILE), ("{'tags':{'" + tagged + "':'" + DIGEST + "'},'images':{'" + pinned
        + "':{'linux/amd64':{'reference':'" + pinned + "','platforms':['linux/amd64'],'platform':'linux/amd64','path':[],"
        + "'healthcheck':['CMD-SHELL','wget -q -O- http://localhost/'],'healthcheckTimings':[30,3,null,4],'history':[],"
        + "'listing':{'layers':['sha256:" + "01".repeat(32) + "'],'shell':'/bin/busybox','executables':{'/bin/sh':0}}}}}}")
        .replace('\'', '"'));
    ImageProfile image = profiler(false).profile(KO, "linux/amd64");
    assertEquals(List.of("CMD-SHELL", "wget -q -O- http://localhost/"), image.healthcheck().test());
    assertEquals(30, image.healthcheck().intervalSeconds());
    assertEquals(3, image.healthcheck().timeoutSeconds());
    assertEquals(null, image.healthcheck().startPeriodSeconds());
    assertEquals(4, image.healthcheck().retries());

    LookupCache cache = LookupCache.load(dir.resolve(LookupCache.DEFAULT_FILE));
    cache.put(pinned, "linux/arm64", alpineFacts());
    cache.save();
    String written = Files.readString(dir.resolve(LookupCache.DEFAULT_FILE));
    assertTrue(written.contains("\"intervalSeconds\" : 30"), written);
    assertFalse(written.contains("healthcheckTimings"), written);
    assertFalse(written.contains("\"none\""), written);
  }

  @Test
  void aRegistryNameIsLookedUpWhenLookupsAreOn_andTheRegistryWinsOverTheCatalog() {
    ImageRef.Registry alpine = new ImageRef.Registry(ImageName.parse("alpine:3.20"));
    ImageProfile fromCatalog = profiler(false).profile(alpine, "linux/amd64");
    assertTrue(fromCatalog.provenance().toString().contains("catalog"), fromCatalog.provenance().toString());
    assertEquals(List.of(), calls);

    ImageProfile looked = profiler(true).profile(alpine, "linux/amd64");
    assertEquals(List.of("read docker.io/library/alpine:3.20 linux/amd64"), calls);
    assertTrue(looked.provenance().get(0).where().startsWith("layer listing docker.io/library/alpine@" + DIGEST),
        looked.provenance().toString());
    assertTrue(looked.shell().isCertainlyAbsent(), "the listing, not the catalog's alpine row, answers");
  }

  @Test
  void aFailedLookupOfAnImageTheCatalogKnowsFallsBackToTheCatalog_namingTheFailure() {
    ImageProfiler failing = new ImageProfiler(Catalog.builtIn(), true, dir.resolve(LookupCache.DEFAULT_FILE),
        () -> (image, platform) -> {
          throw new RegistryReader.LookupFailed("Reading docker.io/library/alpine:3.20 hit the registry's pull limit", null);
        });
    ImageProfile image = failing.profile(new ImageRef.Registry(ImageName.parse("alpine:3.20")), "linux/amd64");
    assertTrue(image.isKnown());
    assertTrue(image.shell().isPresent(), "the catalog's alpine row");
    assertTrue(image.provenance().stream().anyMatch(e -> e.where().equals("registry lookup failed")
        && e.what().contains("pull limit")), image.provenance().toString());
  }

  @Test
  void aDockerfilesBaseImageComesFromTheRegistry_andTheBuildStepsApplyOnTop() throws IOException {
    Path context = Files.createDirectories(dir.resolve("app"));
    Files.writeString(context.resolve("Dockerfile"), "FROM alpine:3.20\nRUN apk add --no-cache curl\n");
    ImageRef.Asset asset = new ImageRef.Asset(context, "Dockerfile", null, Map.of(), true, "0".repeat(64));

    ImageProfile image = profiler(true).profile(asset, "linux/arm64");
    assertEquals(List.of("read docker.io/library/alpine:3.20 linux/arm64"), calls);
    // The registry's answer for arm64 is "no such platform": unknown, so the catalog row serves.
    assertTrue(image.shell().isPresent());

    calls.clear();
    ImageProfile amd = profiler(true).profile(asset, "linux/amd64");
    // The tag's digest is cached from the first read: the second platform is read by digest.
    assertEquals(List.of("read docker.io/library/alpine@" + DIGEST + " linux/amd64"), calls);
    assertTrue(amd.shell().isCertainlyAbsent(), "the real base has no /bin/sh: " + amd.shell());
    assertTrue(amd.executable("curl").isPresent(), "apk add curl still counts");
    assertTrue(amd.executable("server").isPresent(), "the real base's files: " + amd.executables().keySet());
  }
}
