package dev.healthguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

/**
 * End to end: the real CDK CLI (pinned in package.json, installed by {@code npm ci}) synthesizes
 * the examples app. The broken stacks fail with the rule id in the output; the fixed ones pass.
 */
class ExamplesCliTest {

  @TempDir Path out;

  @Test
  void brokenStacksFailWithTheRuleId() throws Exception {
    Result ko = cdkSynth("KoStaticBroken");
    assertEquals(1, ko.exitCode, ko.output);
    assertTrue(ko.output.contains("[HG001]") && ko.output.contains("cgr.dev/chainguard/static"), ko.output);

    Result ecr = cdkSynth("KoEcrBroken");
    assertEquals(1, ecr.exitCode, ecr.output);
    assertTrue(ecr.output.contains("[HG001]") && ecr.output.contains("healthguard.context.json"), ecr.output);

    Result alpine = cdkSynth("AlpineCurlBroken");
    assertEquals(1, alpine.exitCode, alpine.output);
    assertTrue(alpine.output.contains("[HG002]") && alpine.output.contains("FROM golang:1.19.2-alpine"), alpine.output);
  }

  @Test
  void fixedStacksPass() throws Exception {
    Result fixed = cdkSynth("KoStaticFixed", "AlpineCurlFixed", "AlpineWgetFixed", "KoEcrFixed", "AlpineCurlFixMode",
        "KoStaticFixMode", "KoEcrFixMode", "GuardedService");
    assertEquals(0, fixed.exitCode, fixed.output);
    assertTrue(Files.exists(out.resolve("AlpineCurlFixed.template.json")), fixed.output);
    // Fix mode says what it changed where the user looks: one warning per task definition.
    assertTrue(fixed.output.contains("[HealthGuard] fix mode changed AlpineCurlFixMode/Task (HG002): 1. 'app': set the health check to"),
        fixed.output);
    assertTrue(fixed.output.contains("[HealthGuard] fix mode changed KoStaticFixMode/Task (HG001): 1. 'app': added volume"),
        fixed.output);
  }

  /**
   * A JUnit test with a plain {@code new App()} (no asset metadata, no CLI context) gets the same
   * findings and severities as {@code cdk synth}, compared through the reports both write.
   */
  @Test
  void aPlainInProcessSynthFindsWhatTheCliFinds(@TempDir Path inProcess) throws Exception {
    Result cli = cdkSynth("KoStaticBroken");
    assertEquals(1, cli.exitCode, cli.output);
    App app = App.Builder.create().outdir(inProcess.toString()).build();
    ExamplesApp.build(app);
    app.synth();
    List<String> underCli = verdicts(out.resolve("healthguard.json"));
    assertTrue(underCli.contains("HG001 error KoStaticBroken/Task app open"), underCli.toString());
    assertTrue(underCli.stream().anyMatch(v -> v.startsWith("HG001 error KoEcrBroken/Task")), underCli.toString());
    assertEquals(underCli, verdicts(inProcess.resolve("healthguard.json")));
  }

  /** Rule, severity, task definition, container and acknowledgement of each finding; no paths (the working directories differ). */
  static List<String> verdicts(Path report) throws IOException {
    List<String> verdicts = new ArrayList<>();
    for (JsonNode finding : new ObjectMapper().readTree(report.toFile()).get("findings")) {
      verdicts.add(finding.get("ruleId").asText() + " " + finding.get("severity").asText() + " "
          + finding.get("taskDefinition").asText() + " " + finding.path("container").asText() + " "
          + (finding.get("acknowledged").asBoolean() ? "acknowledged" : "open"));
    }
    verdicts.sort(null);
    return verdicts;
  }

  private Result cdkSynth(String... stacks) throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("healthguard.repo", "..")).toAbsolutePath().normalize();
    Path cdk = repo.resolve("node_modules/.bin/cdk");
    assertTrue(Files.isExecutable(cdk), "The CDK CLI is missing at " + cdk + ": run `npm ci` in " + repo);
    String app = String.join(" ", javaCommand());
    List<String> command = new ArrayList<>(List.of(cdk.toString(), "synth", "--app", app, "--output", out.toString(), "--quiet"));
    command.addAll(List.of(stacks));
    Path log = out.resolve("cdk-" + String.join("-", stacks) + ".log");
    Process process = new ProcessBuilder(command)
        .directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("cdk synth did not finish in 10 minutes");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The examples app on this JVM's class path, with the stack the README asks for. */
  private static List<String> javaCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-Xss16m", "-cp", System.getProperty("java.class.path"), ExamplesApp.class.getName());
  }

  private record Result(int exitCode, String output) {}
}
