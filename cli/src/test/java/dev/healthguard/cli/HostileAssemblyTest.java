package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code cdk.out} that did not come from {@code cdk synth}: every file it names must lie inside
 * it, and what it makes the command line read has bounds.
 */
class HostileAssemblyTest {

  private static final String HASH = "3f".repeat(32);
  private static final String SECRET = "SECRET_TOKEN=hunter2-do-not-print";

  @TempDir Path dir;

  private Path out() throws IOException {
    return Files.createDirectories(dir.resolve("cdk.out"));
  }

  /** One stack, {@code Api}, whose container is built from the image asset {@link #HASH}. */
  private Path assemblyWithAsset(String assetSource) throws IOException {
    Path out = out();
    write(out, "manifest.json", """
        {"version": "48.0.0", "artifacts": {"Api": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Api.template.json"}, "displayName": "Api"}}}""");
    write(out, "Api.template.json", """
        {"Resources": {"TaskDef": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
          {"Name": "built", "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
           "Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:%s"}}
        ]}}}}""".formatted(HASH));
    write(out, "Api.assets.json", """
        {"version": "48.0.0", "files": {}, "dockerImages": {"%s": {"source": %s, "destinations": {}}}}"""
        .formatted(HASH, assetSource));
    return out;
  }

  @Test
  void aBuildContextOutsideTheAssemblyIsNotReadAsADockerfile() throws IOException {
    // GIVEN an asset manifest that points the build context at the process's environment
    Path out = assemblyWithAsset("{\"directory\": \"/\", \"dockerFile\": \"proc/self/environ\"}");

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.toString());

    // THEN the image is unknown, with the reason, and nothing of the file is shown
    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().contains("its build context lies outside the cdk.out, and the command line reads only the copies"
        + " cdk synth stages there; --dockerfile built=PATH judges it by a Dockerfile of yours"), run.toString());
    assertFalse(run.out().contains("unknown instruction"), run.toString());
    assertFalse(run.out().toUpperCase().contains("PATH=/"), run.toString());
  }

  @Test
  void oneTemplateOfTheAssemblyIsHeldToTheSameBound() throws IOException {
    Path out = assemblyWithAsset("{\"directory\": \"/\", \"dockerFile\": \"proc/self/environ\"}");

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.resolve("Api.template.json").toString());

    assertTrue(run.out().contains("its build context lies outside the cdk.out"), run.toString());
    assertFalse(run.out().contains("unknown instruction"), run.toString());
  }

  @Test
  void aStagedContextThatLinksOutOfTheAssemblyIsNotRead() throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    write(elsewhere, "Dockerfile", SECRET + "\nFROM alpine:3.20\n");
    Path out = assemblyWithAsset("{\"directory\": \"asset.%s\"}".formatted(HASH));
    Files.createSymbolicLink(out.resolve("asset." + HASH), elsewhere);

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.toString());

    assertTrue(run.out().contains("its build context lies outside the cdk.out"), run.toString());
    assertFalse(run.out().contains("hunter2") || run.out().contains("HUNTER2"), run.toString());
  }

  @Test
  void aTemplateOutsideTheAssemblyIsAnInputProblem() throws IOException {
    Path out = out();
    write(dir, "outside.template.json", "{\"Resources\": {}}");
    write(out, "manifest.json", """
        {"version": "48.0.0", "artifacts": {"Api": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "../outside.template.json"}}}}""");

    Run run = Run.of(out.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("../outside.template.json: outside the cloud assembly, where cdk synth writes every"
        + " file it names; not read"), run.toString());
  }

  @Test
  void anAssemblyThatNamesItselfIsReadOnce() throws IOException {
    Path out = assemblyWithAsset("{\"directory\": \"asset.%s\"}".formatted(HASH));
    write(out, "asset." + HASH + "/Dockerfile", "FROM alpine:3.20\n");
    write(out, "manifest.json", """
        {"version": "48.0.0", "artifacts": {
          "Api": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Api.template.json"}, "displayName": "Api"},
          "Again": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}},
          "AndAgain": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "./"}}}}""");

    Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Run.of("--cache-file", Examples.CACHE.toString(),
        out.toString()));

    assertTrue(run.out().contains("in 1 container of 1 task definition."), run.toString());
  }

  @Test
  void moreStacksThanAnyAppHasAreRefused() throws IOException {
    Path out = assemblyWithAsset("{\"directory\": \"asset.%s\"}".formatted(HASH));
    StringBuilder manifest = new StringBuilder("{\"version\": \"48.0.0\", \"artifacts\": {");
    for (int i = 0; i <= CloudAssembly.MAX_STACKS; i++) {
      manifest.append(i == 0 ? "" : ",").append("\"S").append(i)
          .append("\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"Api.template.json\"}}");
    }
    write(out, "manifest.json", manifest.append("}}").toString());

    Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Run.of(out.toString()));

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("more than 10000 stacks, which no CDK app has; not read"), run.toString());
  }

  @Test
  void oneTemplateNamedByManyStacksCountsEachTime() throws IOException {
    Path out = assemblyWithAsset("{\"directory\": \"asset.%s\"}".formatted(HASH));
    Files.writeString(out.resolve("Api.template.json"), " ".repeat(100_000), java.nio.file.StandardOpenOption.APPEND);
    StringBuilder manifest = new StringBuilder("{\"version\": \"48.0.0\", \"artifacts\": {");
    for (int i = 0; i < 20; i++) {
      manifest.append(i == 0 ? "" : ",").append("\"S").append(i)
          .append("\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"Api.template.json\"}}");
    }
    write(out, "manifest.json", manifest.append("}}").toString());

    InputException e = assertThrows(InputException.class, () -> CloudAssembly.read(out, "cdk.out", 1 << 20));

    assertTrue(e.getMessage().contains("add up to more than 1 MiB, which no CDK app writes; not read further"),
        e.getMessage());
  }

  private static void write(Path directory, String name, String text) throws IOException {
    Path file = directory.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
