package dev.healthguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.image.Certainty;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.Fact;
import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.image.ImageRef;
import dev.healthguard.image.Presence;
import dev.healthguard.registry.ConfigHealthcheck;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.Target;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule fires on the case it exists for and stays quiet on its fix. */
class RulesTest {

  static final Evidence ROW = new Evidence("catalog 'test'", "example/source@abc:Dockerfile");
  static final String CURL = "curl -f http://localhost:8080/ || exit 1";

  static ImageProfile alpine() {
    return new ImageProfile.Builder("alpine:3.20")
        .shell(fact("sh", Presence.PRESENT, "/bin/sh", "busybox ash", Certainty.CERTAIN))
        .executable(fact("curl", Presence.ABSENT, null, null, Certainty.CERTAIN))
        .executable(fact("wget", Presence.PRESENT, "/usr/bin/wget", "busybox", Certainty.CERTAIN))
        .path(ImageProfile.DEFAULT_PATH)
        .provenance(ROW)
        .build();
  }

  static ImageProfile staticImage(Certainty certainty) {
    return new ImageProfile.Builder("cgr.dev/chainguard/static:latest")
        .shell(fact("sh", Presence.ABSENT, null, null, certainty))
        .exhaustive(true)
        .path(ImageProfile.DEFAULT_PATH)
        .provenance(ROW)
        .build();
  }

  static Fact fact(String name, Presence presence, String path, String variant, Certainty certainty) {
    return new Fact(name, presence, path, variant, certainty, List.of(ROW));
  }

  static Subject subject(ImageProfile image, List<String> command, HealthCheck timings, List<Integer> ports) {
    HealthCheck hc = command == null ? null
        : timings != null ? new HealthCheck(command, timings.intervalSeconds(), timings.timeoutSeconds(), timings.retries(), timings.startPeriodSeconds())
        : new HealthCheck(command, null, null, null, null);
    Target target = new Target("Stack/Task", "app", hc, new ImageRef.Registry(ImageName.parse(image.image())),
        ports, true, "X86_64", "awsvpc", ports, List.of());
    return new Subject(target, image, command == null ? null : CommandAnalyzer.analyze(command));
  }

  static Subject subject(ImageProfile image, List<String> command) {
    return subject(image, command, null, List.of(8080));
  }

  @Nested
  class HG001 {
    final Rule rule = new ShellMissing();

    @Test
    void firesAsAnErrorOnACertainlyShellLessImage() {
      List<Finding> findings = rule.check(subject(staticImage(Certainty.CERTAIN), List.of("CMD-SHELL", CURL)));
      assertEquals(1, findings.size());
      Finding f = findings.get(0);
      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.message().startsWith("[HG001] container 'app' of Stack/Task, image cgr.dev/chainguard/static:latest:"), f.message());
      // The message names the catalog row but not the upstream source it cites (the evidence keeps it).
      assertTrue(f.message().contains("Evidence: catalog 'test'."), f.message());
      assertTrue(!f.message().contains("@abc") && f.evidence().get(0).what().contains("@abc"), f.message());
      assertTrue(f.message().contains("Fix: "), f.message());
      assertTrue(f.message().endsWith(" See " + RuleDocs.pageOf("HG001")), f.message());
    }

    @Test
    void isOnlyAWarningWhenTheAbsenceIsLikely() {
      assertEquals(Severity.WARNING, rule.check(subject(staticImage(Certainty.LIKELY), List.of("CMD-SHELL", CURL))).get(0).severity());
    }

    @Test
    void staysQuietForExecFormAndForImagesWithAShell() {
      assertTrue(rule.check(subject(staticImage(Certainty.CERTAIN), List.of("CMD", "/healthcheck"))).isEmpty());
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/"))).isEmpty());
    }

    @Test
    void suggestsTheExecFormWhenTheToolIsThere() {
      ImageProfile debug = new ImageProfile.Builder("gcr.io/distroless/static-debian12:debug")
          .shell(fact("sh", Presence.ABSENT, null, null, Certainty.CERTAIN))
          .executable(fact("wget", Presence.PRESENT, "/busybox/wget", "busybox", Certainty.CERTAIN))
          .executable(fact("busybox", Presence.PRESENT, "/busybox/busybox", null, Certainty.CERTAIN))
          .path(List.of("/usr/local/bin", "/usr/bin", "/bin", "/busybox"))
          .provenance(ROW)
          .build();
      Finding f = rule.check(subject(debug, List.of("CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/"))).get(0);
      assertTrue(f.fix().contains("[\"CMD\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://localhost:8080/\"]"), f.fix());
      assertTrue(f.problem().contains("/busybox/sh"), f.problem());
    }
  }

  @Nested
  class HG002 {
    final Rule rule = new ExecutableMissing();

    @Test
    void firesForCurlOnAlpineAndSuggestsBusyboxWget() {
      Finding f = rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).get(0);
      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.problem().contains("runs curl"), f.problem());
      assertTrue(f.fix().contains("\"CMD\", \"wget\"") && f.fix().contains("busybox wget"), f.fix());
    }

    @Test
    void staysQuietWhenTheToolExists() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/"))).isEmpty());
    }

    @Test
    void isAWarningWhenAnotherCommandMayRunAfterOr() {
      Finding f = rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -f http://localhost:8080/ || wget -q -O /dev/null http://localhost:8080/"))).get(0);
      assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    void anUnknownImageNeverGivesAnError() {
      ImageProfile unknown = ImageProfile.unknown("example.com/team/app:1", "it is not in the catalog");
      assertTrue(rule.check(subject(unknown, List.of("CMD-SHELL", CURL))).isEmpty());
      assertTrue(new ShellMissing().check(subject(unknown, List.of("CMD-SHELL", CURL))).isEmpty());
    }

    @Test
    void aProgramUnderAVolumeMountIsNotJudgedByTheImage() {
      List<String> probe = List.of("CMD", "/healthguard/probe", "http", "http://localhost:8080/");
      Subject unmounted = subject(staticImage(Certainty.CERTAIN), probe);
      assertEquals(1, rule.check(unmounted).size());
      Target t = unmounted.target();
      Subject mounted = new Subject(new Target(t.taskDefinition(), t.container(), t.healthCheck(), t.image(), t.containerPorts(),
          t.essential(), t.cpuArchitecture(), t.networkMode(), t.taskPorts(), List.of("/healthguard")), unmounted.image(), unmounted.command());
      assertTrue(rule.check(mounted).isEmpty());
    }

    @Test
    void aNameNotOnPathIsMissingEvenIfTheFileExists() {
      ImageProfile distrolessNode = new ImageProfile.Builder("gcr.io/distroless/nodejs22-debian12")
          .shell(fact("sh", Presence.ABSENT, null, null, Certainty.CERTAIN))
          .executable(fact("node", Presence.PRESENT, "/nodejs/bin/node", null, Certainty.CERTAIN))
          .path(ImageProfile.DEFAULT_PATH)
          .provenance(ROW)
          .build();
      Finding f = rule.check(subject(distrolessNode, List.of("CMD", "node", "/app/healthcheck.js"))).get(0);
      assertTrue(f.message().contains("/nodejs/bin/node exists but its directory is not on PATH"), f.message());
      assertTrue(rule.check(subject(distrolessNode, List.of("CMD", "/nodejs/bin/node", "/app/healthcheck.js"))).isEmpty());
    }
  }

  @Nested
  class HG003 {
    final Rule rule = new ImageHealthcheckIgnored();

    ImageProfile withHealthcheck() {
      return alpine().toBuilder()
          .healthcheck(new ConfigHealthcheck(List.of("CMD-SHELL", "wget -q -O- http://localhost:8080/"), 30, 3, null, null, 3),
              new Evidence("Dockerfile:12", "HEALTHCHECK CMD wget -q -O- http://localhost:8080/"))
          .build();
    }

    @Test
    void firesWhenTheTaskDefinitionHasNoHealthCheck() {
      Finding f = rule.check(subject(withHealthcheck(), null)).get(0);
      assertEquals(Severity.WARNING, f.severity());
      assertTrue(f.message().contains("Dockerfile:12 HEALTHCHECK"), f.message());
    }

    @Test
    void theMessageAndEvidenceAreTheImagesOwnDeclaration() {
      Finding f = rule.check(subject(withHealthcheck(), null)).get(0);

      assertEquals("the image declares HEALTHCHECK [\"CMD-SHELL\", \"wget -q -O- http://localhost:8080/\"] but the task "
          + "definition has no health check, and ECS ignores the image's.", f.problem());
      assertEquals(List.of(new Evidence("Dockerfile:12", "HEALTHCHECK CMD wget -q -O- http://localhost:8080/")), f.evidence());
    }

    @Test
    void staysQuietWhenTheTaskDefinitionRepeatsIt() {
      assertTrue(rule.check(subject(withHealthcheck(), List.of("CMD-SHELL", "wget -q -O- http://localhost:8080/"))).isEmpty());
      assertTrue(rule.check(subject(alpine(), null)).isEmpty());
    }
  }

  @Nested
  class HG004 {
    final Rule rule = new CheckCannotFail();

    @Test
    void firesForPlaceboChecks() {
      for (List<String> placebo : List.of(
          List.of("CMD-SHELL", "echo hello"),
          List.of("CMD-SHELL", "curl http://localhost:8080/ || true"),
          List.of("CMD-SHELL", "wget -q http://localhost:8080/ || exit 0"),
          List.of("CMD", "true"))) {
        assertEquals(1, rule.check(subject(alpine(), placebo)).size(), placebo.toString());
      }
    }

    @Test
    void staysQuietForAProperCheck() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).isEmpty());
    }
  }

  @Nested
  class HG005 {
    final Rule rule = new CurlWithoutFail();

    @Test
    void firesForCurlWithoutFail() {
      assertEquals(1, rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -s http://localhost:8080/ || exit 1"))).size());
    }

    @Test
    void staysQuietWithFailOrWhenTheBodyIsChecked() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -fsS http://localhost:8080/ || exit 1"))).isEmpty());
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -s http://localhost:8080/ | grep -q ok"))).isEmpty());
    }
  }

  @Nested
  class HG006 {
    final Rule rule = new PortNotMapped();

    @Test
    void firesWhenTheProbedPortIsNotMapped() {
      Finding f = rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"))).get(0);
      assertTrue(f.problem().contains("port 80"), f.problem());
    }

    @Test
    void staysQuietForTheMappedPortOrARemoteHost() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).isEmpty());
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -f http://example.com/ || exit 1"))).isEmpty());
    }
  }

  @Nested
  class HG007 {
    final Rule rule = new TimingsOutOfRange();

    @Test
    void firesForValuesOutsideEcsRanges() {
      Finding f = rule.check(subject(alpine(), List.of("CMD-SHELL", CURL), new HealthCheck(List.of(), 3, 90, 0, 400), List.of(8080))).get(0);
      assertTrue(f.problem().contains("interval 3 s is outside 5–300 s"), f.problem());
      assertTrue(f.problem().contains("timeout 90 s"), f.problem());
      assertTrue(f.problem().contains("retries 0"), f.problem());
      assertTrue(f.problem().contains("startPeriod 400 s"), f.problem());
    }

    @Test
    void staysQuietForDefaultsAndSaneValues() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).isEmpty());
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL), new HealthCheck(List.of(), 15, 5, 3, 30), List.of(8080))).isEmpty());
    }
  }

  @Nested
  class HG008 {
    final Rule rule = new ImageUnknown();

    @Test
    void isAnInfoThatSaysHowToMakeTheImageKnown() {
      Finding f = rule.check(subject(ImageProfile.unknown("example.com/team/app:1", "it is not in the catalog"), List.of("CMD-SHELL", CURL))).get(0);
      assertEquals(Severity.INFO, f.severity());
      assertTrue(f.fix().contains("fromAsset"), f.fix());
    }

    @Test
    void staysQuietForKnownImagesOrWithoutAHealthCheck() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).isEmpty());
      assertTrue(rule.check(subject(ImageProfile.unknown("x:1", "unknown"), null)).isEmpty());
    }
  }

  @Nested
  class HG009 {
    final Rule rule = new ArchitectureMismatch();

    Subject on(String architecture, List<String> platforms) {
      Subject base = subject(alpine().toBuilder().platforms(platforms).build(), List.of("CMD-SHELL", CURL));
      Target t = base.target();
      return new Subject(new Target(t.taskDefinition(), t.container(), t.healthCheck(), t.image(), t.containerPorts(),
          t.essential(), architecture, t.networkMode(), t.taskPorts(), t.mountPaths()), base.image(), base.command());
    }

    @Test
    void firesForAnArmTaskOnAnAmd64OnlyImageAndTheReverse() {
      Finding arm = rule.check(on("ARM64", List.of("linux/amd64"))).get(0);
      assertEquals(Severity.ERROR, arm.severity());
      assertTrue(arm.problem().contains("ARM64 (linux/arm64)") && arm.problem().contains("only for linux/amd64"), arm.problem());
      assertEquals(1, rule.check(on("X86_64", List.of("linux/arm64/v8"))).size());
    }

    @Test
    void staysQuietWhenTheVariantExistsOrPlatformsAreUnknown() {
      assertTrue(rule.check(on("ARM64", List.of("linux/amd64", "linux/arm64/v8"))).isEmpty());
      assertTrue(rule.check(on("X86_64", List.of("linux/amd64"))).isEmpty());
      assertTrue(rule.check(on("ARM64", List.of())).isEmpty());
    }
  }

  @Nested
  class HG010 {
    final Rule rule = new ImageUnreadable();

    @Test
    void firesAsAWarningWithTheCause() {
      Finding f = rule.check(subject(ImageProfile.unreadable("team/api:v1", "ECR denied access (AccessDeniedException)"),
          List.of("CMD-SHELL", CURL))).get(0);
      assertEquals(Severity.WARNING, f.severity());
      assertTrue(f.problem().contains("AccessDeniedException"), f.problem());
      assertTrue(new ImageUnknown().check(subject(ImageProfile.unreadable("x:1", "broken"), List.of("CMD-SHELL", CURL))).isEmpty(),
          "HG008 stays quiet when HG010 speaks");
    }

    @Test
    void staysQuietForImagesThatWereRead() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).isEmpty());
      assertTrue(rule.check(subject(ImageProfile.unknown("x:1", "not in the catalog"), List.of("CMD-SHELL", CURL))).isEmpty());
    }
  }

  @Nested
  class HG012 {
    final Rule rule = new CommandNotVerified();

    @Test
    void aTokenInTheCommandIsAnInfoThatSaysWhy() {
      Finding f = rule.check(subject(alpine(), List.of("CMD-SHELL", "curl -f http://localhost:${Token[TOKEN.123]}/"))).get(0);

      assertEquals(Severity.INFO, f.severity());
      assertEquals("the health check is not verified: element 1 of the command holds a value that is only known at "
          + "deploy time (a CDK token: a parameter, an import or another resource's attribute), so what the check "
          + "runs is not known at synth.", f.problem());
      assertTrue(new ExecutableMissing().check(subject(alpine(), List.of("CMD-SHELL", "curl ${Token[TOKEN.1]}"))).isEmpty(),
          "no rule guesses from a command it did not read");
    }

    @Test
    void anOversizedScriptIsAWarningThatNamesTheBound() {
      String script = "curl -f http://localhost/ || exit 1; " + "true; ".repeat(12_000);

      Finding f = rule.check(subject(alpine(), List.of("CMD-SHELL", script))).get(0);

      assertEquals(Severity.WARNING, f.severity());
      assertTrue(f.problem().startsWith("the health check is not verified: the script is " + script.length()
          + " characters long; scripts over 65536 characters are not analysed"), f.problem());
      assertTrue(f.message().length() < 2_000, "an excerpt of the command, not the command: " + f.message().length());
    }

    @Test
    void aHugeCmdIsBoundedAndShownAsAnExcerpt() {
      List<String> command = new java.util.ArrayList<>(List.of("CMD", "curl"));
      command.addAll(java.util.Collections.nCopies(1_000_000, "-f"));

      Finding f = rule.check(subject(alpine(), command)).get(0);

      assertTrue(f.problem().contains("1000002 element(s) and 2000007 characters"), f.problem());
      assertTrue(f.evidence().get(0).what().startsWith("[\"CMD\", \"curl\", \"-f\", "), f.evidence().get(0).what());
      assertTrue(f.evidence().get(0).what().endsWith("\"-f\", … (999936 more elements)]"), f.evidence().get(0).what());
    }

    @Test
    void staysQuietForACommandItRead() {
      assertTrue(rule.check(subject(alpine(), List.of("CMD-SHELL", CURL))).isEmpty());
      assertTrue(rule.check(subject(alpine(), null)).isEmpty());
    }
  }

  @Test
  void everyRuleHasAnIdWithoutDoubleColonsAndDocumentation() {
    for (Rule rule : Rules.all()) {
      assertTrue(rule.id().matches("HG\\d{3}"), rule.id());
      assertTrue(!rule.title().isBlank() && rule.explanation().length() > 40, rule.id());
    }
  }

  @Test
  void theReadmeDocumentsEveryRuleWithItsSeverity() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    for (Rule rule : Rules.documented()) {
      // Each id links to its page (RulePagesTest checks the pages).
      String row = "| [" + rule.id() + "](" + RuleDocs.relativePage(rule.id()) + ") | "
          + rule.severity().name().toLowerCase(java.util.Locale.ROOT) + " |";
      assertTrue(readme.contains(row), "README.md lacks the row " + row);
    }
  }
}
