package dev.healthguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report holds every field a CI script needs without parsing a message. */
class JsonReportWriterTest {

  @Test
  void listsFindingsWithTheirLocationsAndFixes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cdk.out/healthguard.json");
    JsonReportWriter.write(SarifWriterTest.sample(), file);
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertEquals(1, root.get("formatVersion").asInt());

    JsonNode first = root.at("/findings/0");
    assertEquals("HG001", first.get("ruleId").asText());
    assertEquals("error", first.get("severity").asText());
    assertFalse(first.get("acknowledged").asBoolean());
    assertEquals("docker/api/Dockerfile", first.get("file").asText());
    assertEquals(6, first.get("line").asInt());
    assertEquals("App/Stack/Task/api", first.get("constructPath").asText());
    assertEquals("Task79114B6B", first.get("logicalId").asText());
    assertEquals("Properties/ContainerDefinitions/0", first.get("propertyPath").asText());
    assertEquals("api", first.get("container").asText());
    // The report keeps the evidence whole, sources included; only the message is brief.
    assertEquals("chainguard-images/images@cd7edd23:images/static/locked_config.json", first.at("/evidence/1/what").asText());
    assertEquals(6, first.at("/evidence/0/line").asInt());

    JsonNode acknowledged = root.at("/findings/1");
    assertTrue(acknowledged.get("acknowledged").asBoolean());
    assertEquals("the platform team's proxy answers 200 on every path", acknowledged.get("acknowledgement").asText());

    JsonNode fix = root.at("/fixes/0");
    assertEquals("HG001", fix.at("/ruleIds/0").asText());
    assertEquals("api", fix.get("container").asText());
    assertTrue(fix.get("change").asText().startsWith("set the health check to"), fix.toString());
  }
}
