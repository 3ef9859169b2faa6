package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Dockerfile build contains: the catalog's base image plus what the build changes. */
class ImageProfilerTest {

  @TempDir Path dir;
  final ImageProfiler profiler = new ImageProfiler(Catalog.builtIn());

  ImageProfile profile(String dockerfile) throws IOException {
    return profile(dockerfile, null, Map.of(), true);
  }

  ImageProfile profile(String dockerfile, String target, Map<String, String> args, boolean known) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), dockerfile);
    return profiler.profile(new ImageRef.Asset(dir, "Dockerfile", target, args, known, "hash-" + dockerfile.hashCode()));
  }

  /** The Dockerfile as messages name it: here absolute, since the temporary directory is outside the app. */
  String dockerfile() {
    return FileLine.appPath(dir.resolve("Dockerfile"));
  }

  @Test
  void aDockerfileInTheAppIsNamedByItsPathFromTheAppsRoot() throws IOException {
    // The working directory is the app's root when the CDK CLI runs an app (here: the module).
    Path context = Files.createDirectories(Path.of("target", "profiler-test", "docker", "api"));
    Files.writeString(context.resolve("Dockerfile"), "FROM cgr.dev/chainguard/static\nCOPY api /api\n");
    ImageProfile image = profiler.profile(new ImageRef.Asset(context.toAbsolutePath(), "Dockerfile", null, Map.of(),
        true, "h-app"));
    Evidence from = image.shell().evidence().get(0);
    assertEquals("target/profiler-test/docker/api/Dockerfile:1 FROM cgr.dev/chainguard/static", from.toString());
    assertEquals(new FileLine("target/profiler-test/docker/api/Dockerfile", 1), from.at());
    assertEquals("asset target/profiler-test/docker/api/Dockerfile", image.image());
  }

  @Test
  void theAlpineFinalStageOfAMultiStageBuildHasNoCurlWithTheFromLineAsEvidence() throws IOException {
    ImageProfile image = profile("""
        FROM golang:1.19.2 AS build
        RUN go build -o /out/app .
        FROM golang:1.19.2-alpine
        COPY --from=build /out/app /usr/local/bin/app
        """);
    Fact curl = image.executable("curl");
    assertTrue(curl.isCertainlyAbsent(), curl.toString());
    assertEquals(dockerfile() + ":3 FROM golang:1.19.2-alpine", curl.evidence().get(0).toString());
    assertEquals(new FileLine(dockerfile(), 3), curl.evidence().get(0).at());
    assertTrue(curl.evidence().get(1).where().startsWith("catalog 'golang-alpine'"), curl.evidence().toString());
    assertEquals("busybox", image.executable("wget").variant());
    assertTrue(image.executable("app").isPresent());
  }

  @Test
  void aPackageInstalledInTheFinalStageIsPresentAtItsLine() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\nRUN apk --no-cache add curl\n");
    Fact curl = image.executable("curl");
    assertTrue(curl.isPresent());
    assertEquals(dockerfile() + ":2 RUN apk --no-cache add curl", curl.evidence().get(0).toString());
  }

  @Test
  void buildDepsAddedThenRemovedAreAbsent() throws IOException {
    ImageProfile image = profile("""
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .build-deps curl \\
         && curl -fsSL -o /tmp/x https://example.com/x \\
         && apk del .build-deps
        """);
    assertTrue(image.executable("curl").isAbsent(), image.executable("curl").toString());
  }

  @Test
  void removingGnuWgetFromAlpineBringsBusyboxWgetBack() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\nRUN apk add wget\nRUN apk del wget\n");
    Fact wget = image.executable("wget");
    assertTrue(wget.isPresent(), wget.toString());
    assertEquals("busybox", wget.variant());
  }

  @Test
  void aProbeCopiedOntoAShellLessBaseIsThereAndNothingElseIs() throws IOException {
    ImageProfile image = profile("""
        FROM golang:1.22 AS build
        RUN go build -o /out/healthcheck ./cmd/healthcheck
        FROM cgr.dev/chainguard/static:latest
        COPY --from=build /out/healthcheck /ko-app/healthcheck
        """);
    assertTrue(image.executable("/ko-app/healthcheck").isPresent());
    assertTrue(image.shell().isCertainlyAbsent());
    assertTrue(image.executable("curl").isCertainlyAbsent());
  }

  @Test
  void aDirectoryCopiedOntoThePathMakesAbsenceOnlyLikely() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20 AS tools\nFROM alpine:3.20\nCOPY --from=tools /usr/bin/ /usr/bin/\n");
    Fact curl = image.executable("curl");
    assertTrue(curl.isAbsent());
    assertEquals(Certainty.LIKELY, curl.certainty());
  }

  @Test
  void aRunThatMentionsTheToolMakesItsAbsenceOnlyLikely() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\nRUN wget -O /usr/local/bin/curl https://example.com/curl && chmod +x /usr/local/bin/curl\n");
    Fact curl = image.executable("curl");
    assertEquals(Certainty.LIKELY, curl.certainty(), curl.toString());
    assertTrue(curl.evidence().stream().anyMatch(e -> e.what().contains("may install it")), curl.evidence().toString());
  }

  @Test
  void envPathExtendsTheBaseImagesPath() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\nENV PATH=/app/bin:$PATH\nCOPY tool /app/bin/tool\n");
    assertEquals("/app/bin", image.path().get(0));
    assertTrue(image.path().contains("/usr/bin"), image.path().toString());
    assertTrue(image.executable("tool").isPresent());
  }

  @Test
  void theImagesHealthcheckAndUserAreKept() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\nUSER 65532\nHEALTHCHECK --interval=10s CMD wget -q -O- http://localhost:8080/ || exit 1\n");
    assertEquals("65532", image.user());
    assertEquals(List.of("CMD-SHELL", "wget -q -O- http://localhost:8080/ || exit 1"), image.healthcheck().test());
    assertEquals(10, image.healthcheck().intervalSeconds());
    assertEquals(dockerfile() + ":3", image.healthcheckSource().where());
  }

  @Test
  void theTargetAndBuildArgsChooseTheStage() throws IOException {
    String dockerfile = "ARG BASE=nginx:1.27-alpine\nFROM ${BASE} AS server\nFROM server AS debug\nRUN apk add curl\n";
    assertTrue(profile(dockerfile, "server", Map.of("BASE", "alpine:3.20"), true).executable("curl").isCertainlyAbsent());
    assertTrue(profile(dockerfile, "server", Map.of(), true).executable("curl").isPresent());
  }

  @Test
  void unknownBuildParametersMakeEveryFactLikely() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\n", null, Map.of(), false);
    assertTrue(image.executable("curl").isAbsent());
    assertFalse(image.executable("curl").isCertainlyAbsent());
  }

  @Test
  void aBaseImageNotInTheCatalogIsUnknownButTheBuildsOwnStepsCount() throws IOException {
    ImageProfile withCurl = profile("FROM example.com/team/base:1\nRUN apk add curl\n");
    assertTrue(withCurl.executable("curl").isPresent());
    assertFalse(withCurl.shell().isAbsent(), "an unknown base proves nothing about /bin/sh");
    ImageProfile bare = profile("FROM example.com/team/base:1\n");
    assertFalse(bare.isKnown());
    assertTrue(bare.unknownReason().contains("not in the catalog"), bare.unknownReason());
  }

  @Test
  void aBrokenDockerfileIsAnUnknownImageWithTheLine() throws IOException {
    ImageProfile image = profile("FROM alpine:3.20\nRUN <<EOF\napk add curl\n");
    assertFalse(image.isKnown());
    assertTrue(image.unknownReason().contains("Dockerfile:"), image.unknownReason());
  }

  @Test
  void aMissingDockerfileIsAnUnknownImage() {
    ImageProfile image = profiler.profile(new ImageRef.Asset(dir.resolve("nowhere"), "Dockerfile", null, Map.of(), true, "h"));
    assertFalse(image.isKnown());
    assertTrue(image.unknownReason().contains("could not be read"), image.unknownReason());
  }

  @Test
  void aRegistryImageOutsideTheCatalogIsUnknownAndEcrIsUnknown() {
    assertFalse(profiler.profile(new ImageRef.Registry(ImageName.parse("example.com/team/app:1"))).isKnown());
    assertFalse(profiler.profile(new ImageRef.Ecr("123456789012", "eu-west-1", "api", "v1")).isKnown());
    assertNull(profiler.profile(new ImageRef.Unresolved("${Token[TOKEN.1]}")).healthcheck());
  }

  @Test
  void eachDistinctImageIsProfiledOnce() {
    ImageRef alpine = new ImageRef.Registry(ImageName.parse("alpine:3.20"));
    ImageProfile first = profiler.profile(alpine);
    assertTrue(first == profiler.profile(new ImageRef.Registry(ImageName.parse("alpine:3.20"))));
    assertEquals(1, profiler.profiled());
  }
}
