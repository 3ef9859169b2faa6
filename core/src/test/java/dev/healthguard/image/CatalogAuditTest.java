package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows research/catalog-audit.md found wrong for some of the tags they matched, each fixed
 * and checked against the source the audit cites, and the rule that a tag outside a row's verified
 * versions is unknown rather than judged by another version's facts.
 */
class CatalogAuditTest {

  final Catalog catalog = Catalog.builtIn();

  private ImageProfile profile(String reference) {
    return catalog.profile(ImageName.parse(reference)).orElseThrow(() -> new AssertionError("no row for " + reference));
  }

  private String row(String reference) {
    return catalog.lookup(ImageName.parse(reference)).orElseThrow(() -> new AssertionError("no row for " + reference)).rowId();
  }

  @Test
  void everyRow_statesItsSourcesAndVerifiedVersions() {
    for (CatalogRow row : catalog.rows()) {
      assertFalse(row.sources().isEmpty(), row.id());
      assertNotNull(row.verified(), row.id());
      assertTrue(row.verified().describe().startsWith("verified for "), row.id());
      assertEquals(row.sources(), row.evidence().sources(), row.id());
    }
  }

  @Test
  void eclipseTemurin25AndLatest_haveNeitherCurlNorWget() {
    // adoptium/containers@d8d18d67:25/jre/ubuntu/noble/Dockerfile:30-41 (no curl among the runtime
    // packages), :76-97 (wget installed for the download, then purged); official-images@37079fb3
    // library/eclipse-temurin:663 makes latest 25-jdk.
    for (String tag : new String[] {"25-jre", "25.0.1_8-jdk-noble", "26-jdk-resolute", "latest"}) {
      ImageProfile temurin = profile("eclipse-temurin:" + tag);
      assertTrue(temurin.executable("curl").isCertainlyAbsent(), tag);
      assertTrue(temurin.executable("wget").isCertainlyAbsent(), tag);
      assertTrue(temurin.shell().isPresent(), tag);
    }
    assertTrue(profile("eclipse-temurin:21-jre").executable("curl").isPresent());
  }

  @Test
  void eclipseTemurin_pinnedBeforeWgetWasAdded_hasCurlAndUnknownWget() {
    // adoptium/containers@16875df3 / @2f2799d9 (2022-08) added wget; before, only curl.
    ImageProfile old = profile("eclipse-temurin:11.0.15_10-jre");

    assertEquals("eclipse-temurin-2022", row("eclipse-temurin:11.0.15_10-jre"));
    assertTrue(old.executable("curl").isPresent());
    assertEquals(Presence.UNKNOWN, old.executable("wget").presence());
    assertEquals("eclipse-temurin", row("eclipse-temurin:8u422-b05-jre"));
    assertEquals("eclipse-temurin-2022", row("eclipse-temurin:8u312-b07-jre"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"nginx:1.17.10", "nginx:1.16", "nginx:1.17-perl", "nginx:1.17.10-alpine", "nginx:1.16.1-alpine-perl"})
  void nginxBefore1_18_isUnknown_notCurlPresent(String reference) {
    // nginx/docker-nginx@87f9340 (2020-04-21, first in 1.18.0) added curl to both variants.
    ImageName name = ImageName.parse(reference);

    assertTrue(catalog.lookup(name).isEmpty(), reference);
    assertTrue(catalog.outsideVerified(name).orElseThrow().contains("1.18.0 and later"), reference);
  }

  @Test
  void nginxFrom1_18_hasCurl() {
    assertTrue(profile("nginx:1.18.0").executable("curl").isPresent());
    assertTrue(profile("nginx:1.27-alpine").executable("curl").isPresent());
  }

  @Test
  void amazoncorretto_unsuffixedTags_leavePython3Unknown() {
    // official-images@b6b3b94a (2026-07-23) moved 8/11/17/21/latest from al2-generic (Amazon Linux 2,
    // python 2.7 only: repo-info@082a4310 amazonlinux 2.md) to al2023.
    for (String tag : new String[] {"17", "17.0.15", "latest"}) {
      assertEquals(Presence.UNKNOWN, profile("amazoncorretto:" + tag).executable("python3").presence(), tag);
    }
    assertTrue(profile("amazoncorretto:21-al2023").executable("python3").isPresent());
    assertTrue(profile("amazoncorretto:17-al2-generic").executable("python3").isCertainlyAbsent());
  }

  @Test
  void postgresAlpine_hasBash() {
    // docker-library/postgres@6edb0a8c:17/alpine3.23/Dockerfile:165-169 (.postgresql-rundeps bash).
    Fact bash = profile("postgres:17-alpine").executable("bash");

    assertTrue(bash.isPresent());
    assertEquals("/bin/bash", bash.path());
    assertTrue(catalog.lookup(ImageName.parse("postgres:9.6.0-alpine")).isEmpty(), "built before bash was added");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "node:8-slim, false", "node:11-slim, false", "node:10.18.0-slim, false", "node:12.14.0-slim, false",
    "node:13.5-slim, false", "node:10.18.1-slim, true", "node:12-slim, true", "node:14-slim, true",
    "node:22-bookworm-slim, true", "node:lts-slim, true",
  })
  void nodeSlim_beforeDownloadHelpersWereRemoved_isUnknown(String reference, boolean known) {
    // nodejs/docker-node@44c21775:10/stretch-slim/Dockerfile:20,45 kept curl and wget until
    // docker-node@f99660df (2020-01-04); pinned tags up to 10.18.0, 12.14.0 and 13.5.0 predate it.
    Optional<CatalogMatch> match = catalog.lookup(ImageName.parse(reference));

    assertEquals(known, match.isPresent(), reference);
    match.ifPresent(m -> assertTrue(m.profile().executable("curl").isCertainlyAbsent()));
  }

  @Test
  void distrolessPython3_debian11_hasDashAsBinSh() {
    // distroless@c7f2e374:experimental/python3/BUILD:53 installs dash in every python3 image;
    // testdata/python3.yaml:6-10 runs a shell=True subprocess.
    for (String reference : new String[] {"gcr.io/distroless/python3-debian11", "gcr.io/distroless/python3-debian10:debug"}) {
      Fact shell = profile(reference).shell();
      assertTrue(shell.isPresent(), reference);
      assertEquals("dash", shell.variant(), reference);
    }
    assertTrue(profile("gcr.io/distroless/python3-debian12").shell().isCertainlyAbsent());
  }

  @Test
  void paketoJammyFull_hasNc() {
    // jammy-full-stack@0b2db7e:stack/stack.toml:344 installs ubuntu-minimal, which depends on
    // netcat-openbsd (packages.ubuntu.com/jammy/ubuntu-minimal).
    Fact nc = profile("paketobuildpacks/run-jammy-full").executable("nc");

    assertTrue(nc.isPresent());
    assertEquals("openbsd", nc.variant());
  }

  @Test
  void awsForFluentBit_hasNcFromItsDockerfile_butOnlyLikely() {
    // aws/aws-for-fluent-bit@004f4aeb:Dockerfile and @d1094455: the final stage installs nc.
    Fact nc = profile("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4").executable("nc");

    assertTrue(nc.isPresent());
    assertEquals(Certainty.LIKELY, nc.certainty());
  }

  @Test
  void tomcat_followsItsTemurinBase() {
    // docker-library/tomcat@084d3348:10.1/jdk21/temurin-noble/Dockerfile keeps the base's manual
    // packages (savedAptMark) and purges the curl it installed itself.
    assertTrue(profile("tomcat:10.1-jdk21-temurin-noble").executable("curl").isPresent());
    assertTrue(profile("tomcat:11.0-jdk25-temurin").executable("curl").isCertainlyAbsent());
    assertTrue(catalog.lookup(ImageName.parse("tomcat:latest")).isEmpty(), "which JDK latest has is not in the tag");
  }

  @Test
  void movingTag_saysItCanDriftAndThatALookupPinsIt() {
    Fact curl = profile("nginx:latest").executable("curl");

    assertTrue(curl.evidence().stream().anyMatch(
        e -> e.where().equals("tag latest") && e.what().contains("can drift") && e.what().contains("healthguard:lookups")),
        curl.evidence().toString());
    assertFalse(profile("nginx:1.27.3").executable("curl").evidence().stream().anyMatch(e -> e.where().startsWith("tag ")));
    assertFalse(profile("nginx:latest" + CatalogTest.DIGEST).executable("curl").evidence().stream()
        .anyMatch(e -> e.where().startsWith("tag ")), "a digest pins it");
  }

  @Test
  void movingTag_keepsTheErrorWhenTheRowCoversWhereItPoints() {
    // Decision (README, catalog section): latest is described as it pointed when the sources were
    // read, and the row's range is open above, so a certain absence stays certain.
    assertTrue(profile("eclipse-temurin:latest").executable("curl").isCertainlyAbsent());
  }

  @Test
  void outOfRangeTag_becomesAnUnknownProfileWithTheRange() {
    ImageProfile profile = new ImageProfiler(catalog).profile(new ImageRef.Registry(ImageName.parse("nginx:1.16")));

    assertFalse(profile.isKnown());
    assertEquals("catalog 'nginx' is verified for 1.18.0 and later as of 2026-04-14 (curl was added in 1.18.0);"
        + " tag 1.16 is outside it", profile.unknownReason());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "public.ecr.aws/nginx/nginx:1.27-alpine, nginx-alpine, CERTAIN",
    "public.ecr.aws/z9d2n7e1/nginx:stable, nginx, CERTAIN",
    "public.ecr.aws/amazonlinux/amazonlinux:2023, amazonlinux-2023, CERTAIN",
    "public.ecr.aws/amazoncorretto/amazoncorretto:21-al2023, amazoncorretto-al2023, LIKELY",
    "public.ecr.aws/docker/library/nginx:1.27, nginx, LIKELY",
  })
  void vendorEcrPublicRepositories_areTheirOfficialImages(String reference, String row, Certainty certainty) {
    // nginx/docker-nginx@62853d0f:.github/workflows/sync.yml copies the Docker Hub images;
    // corretto/corretto-docker:README.md builds both from the same Dockerfiles.
    ImageName name = ImageName.parse(reference);
    CatalogMatch match = catalog.lookup(name).orElseThrow();

    assertEquals(row, match.rowId());
    assertEquals(certainty, match.profile().shell().certainty(), reference);
    assertTrue(match.profile().provenance().stream().anyMatch(e -> e.where().startsWith("via mirror public.ecr.aws/")));
  }
}
