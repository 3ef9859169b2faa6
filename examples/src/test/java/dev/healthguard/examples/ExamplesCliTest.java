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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
