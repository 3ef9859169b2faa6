package dev.healthguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Dockerfiles HealthGuard once misread, each run the whole way: the Dockerfile is profiled
 * from disk and every rule judges the container's check against that profile.
 */
class DockerfileMisreadingsTest {
  static final List<String> CURL_CHECK = List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1");

  @TempDir Path context;

  ImageProfile profile(String dockerfile) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    return new ImageProfiler(Catalog.builtIn()).profile(asset());
  }

  ImageRef asset() {
    return new ImageRef.Asset(context, "Dockerfile", null, Map.of(), true, "test");
  }

  /** Every finding for a container with this health check (null: none) on this Dockerfile's image. */
  List<Finding> findings(String dockerfile, List<String> check) throws IOException {
    ImageProfile image = profile(dockerfile);
    HealthCheck hc = check == null ? null : new HealthCheck(check, null, null, null, null);
    Target target = new Target("Stack/Task", "app", hc, asset(), List.of(8080), true, "X86_64", "awsvpc",
        List.of(8080), List.of());
    return new RuleRunner(Rules.all()).run(new Subject(target, image, hc == null ? null : CommandAnalyzer.analyze(check)));
  }

  /** Evidence as text, its file named relative to the build context. */
  String inContext(Evidence evidence) {
    return evidence.toString().replace(context.toString() + "/", "");
  }

  static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  static Finding only(String ruleId, List<Finding> findings) {
    List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    assertEquals(1, matching.size(), ruleId + " in " + findings);
    return matching.get(0);
  }

  @Test
  void anUnknownBaseStaysUnverifiedWhenTheBuildCopiesFilesIn() throws IOException {
    // GIVEN a base outside the catalog, a COPY, and a curl check nothing proves is there
    List<Finding> findings = findings("""
        FROM mcr.microsoft.com/dotnet/aspnet:7.0
        WORKDIR /app
        COPY out/ ./
        ENTRYPOINT ["dotnet", "Api.dll"]
        """, CURL_CHECK);

    // THEN HG008 still says the check is not verified, naming the base image
    Finding hg008 = only("HG008", findings);
    assertEquals(Severity.INFO, hg008.severity());
    assertTrue(hg008.problem().contains("mcr.microsoft.com/dotnet/aspnet:7.0 is not in the catalog"), hg008.problem());
    assertTrue(hg008.problem().contains("/bin/sh and curl"), hg008.problem());
    assertEquals("Dockerfile:1 FROM mcr.microsoft.com/dotnet/aspnet:7.0", inContext(hg008.evidence().get(0)));
    assertEquals(List.of("HG008"), ids(findings));
  }

  @Test
  void anUnknownBaseWithAnInstalledToolStillLeavesTheShellUnverified() throws IOException {
    // GIVEN the build installs curl, but on a base nothing is known about, so /bin/sh is unproven
    List<Finding> findings = findings("FROM example.com/team/base:1\nRUN apk add --no-cache curl\n", CURL_CHECK);

    Finding hg008 = only("HG008", findings);
    assertTrue(hg008.problem().contains("/bin/sh"), hg008.problem());
  }

  @Test
  void anUnknownBaseIsNotReportedWhenTheBuildProvesEverythingTheCheckNeeds() throws IOException {
    // GIVEN an exec-form check on a probe the Dockerfile itself copies in
    List<Finding> findings = findings("""
        FROM example.com/team/base:1
        COPY --from=ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.28 /ko-app/grpc-health-probe /bin/grpc_health_probe
        """, List.of("CMD", "/bin/grpc_health_probe", "-addr=:8080"));

    assertEquals(List.of(), ids(findings));
  }

  @Test
  void aDuplicatedHealthcheckFlagIsUnreadableAsBuildKitRefusesIt() throws IOException {
    // GIVEN a flag BuildKit rejects when it is given twice
    List<Finding> findings = findings("""
        FROM alpine:3.20
        HEALTHCHECK --interval=5s --interval=10s CMD wget -q --spider http://localhost:8080/ || exit 1
        """, null);

    // THEN HG010 names the line and BuildKit's reason, and nothing is read from the file
    Finding hg010 = only("HG010", findings);
    assertTrue(hg010.problem().contains("Dockerfile:2: duplicate flag specified: interval"), hg010.problem());
    assertEquals(List.of("HG010"), ids(findings));
  }

  @Test
  void flagsBuildKitAllowsToRepeatMayRepeat() throws IOException {
    ImageProfile image = profile("""
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk --mount=type=tmpfs,target=/tmp apk add curl
        COPY --exclude=*.md --exclude=*.txt . /src/
        """);

    assertTrue(image.executable("curl").isPresent(), image.executable("curl").toString());
  }

  @Test
  void evidenceForAnArgParameterisedFromShowsTheResolvedImage() throws IOException {
    List<Finding> findings = findings("""
        ARG NODE_VERSION=18
        # the app
        FROM node:${NODE_VERSION}-slim
        """, CURL_CHECK);

    Finding hg002 = only("HG002", findings);
    assertEquals("Dockerfile:3 FROM node:${NODE_VERSION}-slim (node:18-slim)", inContext(hg002.evidence().get(0)));
  }

  @Test
  void evidenceForALiteralFromIsTheLineAsWritten() throws IOException {
    Finding hg002 = only("HG002", findings("FROM node:18-slim\n", CURL_CHECK));

    assertEquals("Dockerfile:1 FROM node:18-slim", inContext(hg002.evidence().get(0)));
  }

  static final String HEALTHCHECKER_BUILD = """
      FROM ghcr.io/braveokafor/healthchecker:v0.1.0 AS probe
      FROM cgr.dev/chainguard/static:latest
      COPY --from=probe /healthchecker /usr/local/bin/healthchecker
      COPY server /server
      HEALTHCHECK CMD ["healthchecker", "--url", "http://localhost:8080/healthz"] || exit 1
      ENTRYPOINT ["/server"]
      """;

  @Test
  void jsonFollowedByOrExitIsAShellCheckAndTheFixIsToDropTheTail() throws IOException {
    // GIVEN the image's check, not valid JSON because of the tail, repeated in the task as Docker stores it
    List<Finding> findings = findings(HEALTHCHECKER_BUILD,
        List.of("CMD-SHELL", "[\"healthchecker\", \"--url\", \"http://localhost:8080/healthz\"] || exit 1"));

    Finding hg001 = only("HG001", findings);
    assertEquals(Severity.ERROR, hg001.severity());
    assertTrue(hg001.problem().startsWith("the health check [\"healthchecker\", \"--url\", \"http://localhost:8080/healthz\"]"
        + " || exit 1 is not valid JSON because of the text after the array, so Docker runs it through /bin/sh -c,"
        + " but the image has no /bin/sh"), hg001.problem());
    assertEquals("drop \"|| exit 1\" to keep the exec form: [\"CMD\", \"healthchecker\", \"--url\", "
        + "\"http://localhost:8080/healthz\"] (HEALTHCHECK CMD [\"healthchecker\", \"--url\", "
        + "\"http://localhost:8080/healthz\"] in the Dockerfile); an exec-form check already fails when the "
        + "program exits non-zero", hg001.fix());
    // THEN the probe that is already there is not suggested again, and no ko source is cited
    String all = hg001.problem() + hg001.evidence() + hg001.fix();
    assertTrue(!all.contains("COPY --from") && !all.contains("statically linked probe"), all);
    assertTrue(!all.contains("ko"), all);
    // AND the tail is not read as a program called [healthchecker,
    assertEquals(List.of("HG001"), ids(findings));
  }

  /** The command in HG003's suggested {@code healthCheck(HealthCheck.builder().command(List.of(…))…)}. */
  static List<String> suggestedCommand(Finding hg003) {
    Matcher call = Pattern.compile("command\\(List\\.of\\((.*)\\)\\)\\.build\\(\\)\\)").matcher(hg003.fix());
    assertTrue(call.find(), hg003.fix());
    List<String> argv = new ArrayList<>();
    Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(call.group(1));
    while (literal.find()) {
      argv.add(literal.group(1).replaceAll("\\\\(.)", "$1"));
    }
    return argv;
  }

  /** What HealthGuard says about the container once it carries HG003's suggestion. */
  List<Finding> withTheSuggestion(String dockerfile) throws IOException {
    Finding hg003 = only("HG003", findings(dockerfile, null));
    return findings(dockerfile, suggestedCommand(hg003));
  }

  @Test
  void theSuggestedRepeatOfACurlCheckWithoutFailIsOneHealthGuardAccepts() throws IOException {
    String dockerfile = """
        FROM alpine:3.20
        RUN apk add --no-cache curl
        HEALTHCHECK CMD curl http://localhost:8080/health || exit 1
        """;

    Finding hg003 = only("HG003", findings(dockerfile, null));
    assertEquals(List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), suggestedCommand(hg003));
    assertEquals(List.of(), findings(dockerfile, suggestedCommand(hg003)).stream()
        .filter(f -> f.severity() != Severity.INFO).toList());
  }

  @Test
  void theSuggestedRepeatOfAGoodCheckIsTheCheckItself() throws IOException {
    Finding hg003 = only("HG003", findings(
        "FROM alpine:3.20\nHEALTHCHECK CMD wget -q --spider http://localhost:8080/ || exit 1\n", null));

    assertEquals(List.of("CMD-SHELL", "wget -q --spider http://localhost:8080/ || exit 1"), suggestedCommand(hg003));
  }

  @Test
  void theSuggestedRepeatOfAJsonCheckWithATailIsItsExecForm() throws IOException {
    Finding hg003 = only("HG003", findings(HEALTHCHECKER_BUILD, null));

    assertEquals(List.of("CMD", "healthchecker", "--url", "http://localhost:8080/healthz"), suggestedCommand(hg003));
    assertEquals(List.of(), withTheSuggestion(HEALTHCHECKER_BUILD));
  }

  @Test
  void whenNoVariantWouldPassTheSuggestionSaysWhyInsteadOfRepeatingABrokenCheck() throws IOException {
    Finding hg003 = only("HG003", findings(
        "FROM cgr.dev/chainguard/static:latest\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n", null));

    assertTrue(hg003.fix().startsWith("write a check that runs in the image and put it in the container definition;"
        + " the image's own would not pass either (HG001: "), hg003.fix());
    assertTrue(!hg003.fix().contains("HealthCheck.builder()"), hg003.fix());
  }
}
