package dev.healthguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.task.Target;
import dev.healthguard.template.StackMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledgements found by construct path in a cloud assembly's stack metadata. */
class AcknowledgementsTest {

  private static final String REASON = "curl comes from the platform team's base image";

  @TempDir Path out;

  /** A stack made in another stack's scope is its own artifact, with its own metadata. */
  private Acknowledgements.InAssembly outerAndInner() throws IOException {
    Files.writeString(out.resolve("manifest.json"), """
        {"version": "54.0.0", "artifacts": {
          "Outer": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Outer.template.json"},
            "metadata": {"/Outer": [{"type": "aws:cdk:acknowledged-rules", "data": {"Annotation::HG002[api]": "%1$s"}}]}},
          "OuterInner": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "OuterInner.template.json"},
            "metadata": {"/Outer/Inner/Task": [{"type": "aws:cdk:acknowledged-rules", "data": {"Annotation::HG002": "%1$s"}}]}}}}
        """.formatted(REASON));
    Acknowledgements.InAssembly scopes = Acknowledgements.InAssembly.stacksOnly();
    scopes.stack("Outer", StackMetadata.beside(out.resolve("Outer.template.json")));
    scopes.stack("Outer/Inner", StackMetadata.beside(out.resolve("OuterInner.template.json")));
    return scopes;
  }

  private static ReportedFinding report(Acknowledgements.InAssembly scopes, String on, String container) {
    FindingReporter<String> reporter = new FindingReporter<>(FindingReporter.silent(), scopes);
    Target api = SarifWriterTest.API;
    Target target = new Target(api.taskDefinition(), container, api.healthCheck(), api.image(), api.containerPorts(),
        api.essential(), api.cpuArchitecture(), api.networkMode(), api.taskPorts(), api.mountPaths());
    reporter.report(on, new Finding("HG002", Severity.ERROR, target, "alpine:3.20", "curl is missing.", List.of(),
        "use wget"), null);
    return reporter.report().findings().get(0);
  }

  @Test
  void eachPathIsReadFromTheNearestStacksMetadata() throws IOException {
    Acknowledgements.InAssembly scopes = outerAndInner();

    ReportedFinding inner = report(scopes, "Outer/Inner/Task/web", "web");
    assertEquals(REASON, inner.acknowledgement());
    assertEquals("Outer/Inner/Task", inner.acknowledgedAt());
    // Up the walk, Outer's HG002[api] covers an 'api' of the inner stack too: it sits above it.
    assertEquals("Outer", report(scopes, "Outer/Inner/Other/api", "api").acknowledgedAt());
    assertFalse(report(scopes, "Outer/Other/web", "web").acknowledged());
  }

  @Test
  void aHostilePathEndsTheWalkWithoutAnAcknowledgementAndWithoutTakingLong() throws IOException {
    Acknowledgements.InAssembly scopes = outerAndInner();
    String deep = "Outer/Inner/Task" + "/a".repeat(200_000);
    String far = "Outer/Inner/Task" + "/a".repeat(Acknowledgements.Lookup.MAX_SCOPES);
    String near = "Outer/Inner/Task" + "/a".repeat(Acknowledgements.Lookup.MAX_SCOPES - 1);

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertFalse(report(scopes, deep, "web").acknowledged());
      assertFalse(report(scopes, far, "web").acknowledged()); // 65 scopes up: past the bound
    });
    assertEquals("Outer/Inner/Task", report(scopes, near, "web").acknowledgedAt());
  }
}
