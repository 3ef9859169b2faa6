package dev.healthguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.FileLine;
import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageRef;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleDocs;
import dev.healthguard.rules.Rules;
import dev.healthguard.rules.Severity;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.Target;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF report is valid against the OASIS SARIF 2.1.0 schema (errata 01, committed under
 * test resources) and says what GitHub code scanning and IDE viewers show: the rule and its page,
 * the Dockerfile line relative to the app, the construct and the template resource, and the
 * justification of an acknowledged finding.
 */
class SarifWriterTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final Target API = new Target("App/Stack/Task", "api",
      new HealthCheck(List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"), null, null, null, null),
      new ImageRef.Registry(ImageName.parse("cgr.dev/chainguard/static")), List.of(8080), true, "X86_64", "awsvpc",
      List.of(8080), List.of());

  static Finding shellMissing() {
    return new Finding("HG001", Severity.ERROR, API, "asset docker/api/Dockerfile",
        "the health check is CMD-SHELL, but the image has no /bin/sh, so the check can never pass.",
        List.of(new Evidence("docker/api/Dockerfile:6", "FROM cgr.dev/chainguard/static", new FileLine("docker/api/Dockerfile", 6)),
            new Evidence("catalog 'chainguard-static'", "verified for every tag as of 2026-08-22",
                List.of("chainguard-images/images@cd7edd23:images/static/locked_config.json"))),
        "call a static probe in exec form");
  }

  static Report sample() {
    ResourceLocation at = new ResourceLocation("App/Stack/Task/api", "cdk.out/Stack.template.json", "Task79114B6B", 0);
    Finding curl = new Finding("HG005", Severity.WARNING, API, "alpine:3.20", "curl is called without -f.",
        List.of(new Evidence("healthCheck.command", "[\"CMD-SHELL\", \"curl http://localhost/\"]")), "add -f");
    return new Report(
        List.of(new ReportedFinding(shellMissing(), at, null),
            new ReportedFinding(curl, at, "the platform team's proxy answers 200 on every path", "App/Stack")),
        List.of(new ReportedFix(List.of("HG001"), "App/Stack/Task", "api",
            "set the health check to [\"CMD\", \"/healthguard/probe\", \"http\", \"http://localhost:8080/\"]", at)));
  }

  @Test
  void isValidSarif210() throws Exception {
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
    String sarif = SarifWriter.toJson(sample(), Path.of("/work/app"));
    List<Error> errors = schema.validate(JSON.readTree(sarif));
    assertEquals(List.of(), errors, sarif);

    // The validator is strict: a property SARIF does not define is rejected.
    JsonNode broken = JSON.readTree(sarif);
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("severity", "error");
    assertFalse(schema.validate(broken).isEmpty(), "the schema must reject an unknown result property");
  }

  @Test
  void namesTheRuleItsPageAndTheDockerfileLineRelativeToTheApp() throws Exception {
    JsonNode run = JSON.readTree(SarifWriter.toJson(sample(), Path.of("/work/app"))).get("runs").get(0);
    JsonNode rules = run.at("/tool/driver/rules");
    assertEquals(Rules.documented().size(), rules.size());
    JsonNode result = run.get("results").get(0);
    assertEquals("HG001", result.get("ruleId").asText());
    assertEquals("HG001", rules.get(result.get("ruleIndex").asInt()).get("id").asText());
    assertEquals(RuleDocs.pageOf("HG001"), rules.get(result.get("ruleIndex").asInt()).get("helpUri").asText());
    assertTrue(RuleDocs.pageOf("HG001").endsWith("/blob/main/docs/rules/HG001.md"), RuleDocs.pageOf("HG001"));
    assertEquals("error", result.get("level").asText());

    JsonNode physical = result.at("/locations/0/physicalLocation");
    assertEquals("docker/api/Dockerfile", physical.at("/artifactLocation/uri").asText());
    assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").asText());
    assertEquals(6, physical.at("/region/startLine").asInt());
    assertEquals("file:///work/app/", run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());

    JsonNode logical = result.at("/locations/0/logicalLocations");
    assertEquals("App/Stack/Task/api", logical.get(0).get("fullyQualifiedName").asText());
    assertEquals("Task79114B6B", logical.get(1).get("name").asText());
    assertEquals("Stack.template.json#/Resources/Task79114B6B/Properties/ContainerDefinitions/0",
        logical.get(1).get("fullyQualifiedName").asText());
    assertTrue(result.get("suppressions") == null, "an open finding has no suppression");
  }

  @Test
  void anAcknowledgedFindingIsASuppressionWithItsJustification() throws Exception {
    JsonNode result = JSON.readTree(SarifWriter.toJson(sample(), Path.of("/work/app"))).at("/runs/0/results/1");
    assertEquals("HG005", result.get("ruleId").asText());
    assertEquals("warning", result.get("level").asText());
    assertEquals("accepted", result.at("/suppressions/0/status").asText());
    assertEquals("the platform team's proxy answers 200 on every path", result.at("/suppressions/0/justification").asText());
    assertEquals("App/Stack", result.at("/suppressions/0/location/logicalLocations/0/fullyQualifiedName").asText());
    // No Dockerfile evidence: the template is the physical location, without a line.
    assertEquals("cdk.out/Stack.template.json", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertTrue(result.at("/locations/0/physicalLocation/region").isMissingNode());
  }

  @Test
  void aFixIsAnInformationalResult() throws Exception {
    JsonNode result = JSON.readTree(SarifWriter.toJson(sample(), Path.of("/work/app"))).at("/runs/0/results/2");
    assertEquals("informational", result.get("kind").asText());
    assertEquals("note", result.get("level").asText());
    assertTrue(result.at("/message/text").asText().startsWith("fixed (HG001) in container 'api' of App/Stack/Task: set the"),
        result.toString());
  }

  @Test
  void writesTheFileAndAFileOutsideTheAppIsAnAbsoluteUri(@TempDir Path dir) throws Exception {
    Finding outside = new Finding("HG001", Severity.ERROR, API, "asset /elsewhere/Dockerfile", "no shell.",
        List.of(new Evidence("/elsewhere/Dockerfile:2", "FROM scratch", new FileLine("/elsewhere/Dockerfile", 2))), "");
    Path file = dir.resolve("out/healthguard.sarif");
    SarifWriter.write(new Report(List.of(new ReportedFinding(outside, null, null)), List.of()), Path.of("/work/app"), file);
    JsonNode result = JSON.readTree(Files.readString(file)).at("/runs/0/results/0");
    assertEquals("file:///elsewhere/Dockerfile", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertTrue(result.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").isMissingNode());
  }
}
