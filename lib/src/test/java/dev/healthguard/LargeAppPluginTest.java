package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * The validation plugin on an app with more task definitions with findings than it looks up in the
 * tree. The whole check runs inside one callback from node, where every call back to node deepens
 * node's stack; reading this app from the tree took about 5,000 calls and overflowed it ("Maximum
 * call stack size exceeded", then a broken jsii kernel). It now reads the assembly.
 */
class LargeAppPluginTest {

  static final int TASKS = AssemblyCheck.TREE_READS + 50;

  @TempDir static Path out;
  static HealthCheckGuard guard;
  static RuntimeException failure;

  @BeforeAll
  static void synth() {
    App app = App.Builder.create().outdir(out.toString()).build();
    ContainerDefinition last = null;
    for (int i = 0; i < TASKS; i++) {
      Stack stack = app.getNode().tryFindChild("S" + i / 75) instanceof Stack s ? s : new Stack(app, "S" + i / 75);
      FargateTaskDefinition task = new FargateTaskDefinition(stack, "Task" + i);
      // alpine has no curl (catalog), so every container is an HG002 error
      last = task.addContainer("app", ContainerDefinitionOptions.builder()
          .image(ContainerImage.fromRegistry("alpine:3.20"))
          .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1")).build())
          .build());
    }
    // Past the bound: the acknowledgement is still found, in the stack's metadata.
    Validations.of(last).acknowledge(Acknowledgment.builder().id("HG002")
        .reason("the last task's image gets curl from a sidecar volume").build());
    guard = new HealthCheckGuard();
    Validations.of(app).addPlugins(guard);
    failure = assertThrows(RuntimeException.class, app::synth);
  }

  @Test
  void theSynthFailsOnTheFindingsNotOnNodesStack() throws IOException {
    assertTrue(String.valueOf(failure.getMessage()).contains("Validation failed"), failure.getMessage());
    JsonNode report = new ObjectMapper().readTree(out.resolve("validation-report.json").toFile());
    JsonNode plugin = report.at("/pluginReports/0");
    assertEquals("HealthGuard", plugin.get("pluginName").asText());
    assertTrue(plugin.at("/metadata/error").isMissingNode(), plugin.toString());
    assertEquals(TASKS - 1, plugin.get("violations").size());
  }

  @Test
  void everyContainerIsReportedAndTheAcknowledgedOneIsNotAnError() {
    List<ReportedFinding> findings = guard.report().findings();
    assertEquals(TASKS, findings.size());
    assertTrue(findings.stream().allMatch(f -> f.finding().ruleId().equals("HG002")));
    assertEquals(TASKS - 1, findings.stream()
        .filter(f -> !f.acknowledged() && f.finding().severity() == Severity.ERROR).count());
    ReportedFinding acknowledged = findings.get(TASKS - 1);
    assertTrue(acknowledged.acknowledged(), acknowledged.toString());
    assertEquals("S1/Task" + (TASKS - 1) + "/app", acknowledged.acknowledgedAt());
  }

  @Test
  void findingsSitOnTheContainerWithinTheBoundAndPastIt() {
    List<ReportedFinding> findings = guard.report().findings();
    assertEquals("S0/Task0/app", findings.get(0).resource().constructPath());
    assertEquals("S1/Task" + (TASKS - 1) + "/app", findings.get(TASKS - 1).resource().constructPath());
    assertFalse(findings.stream().anyMatch(f -> f.resource().constructPath().startsWith("S0/Task0/Resource")));
  }

  @Test
  void theReportFilesAreWritten() {
    assertTrue(Files.isRegularFile(out.resolve(ReportFiles.SARIF)));
    assertTrue(Files.isRegularFile(out.resolve(ReportFiles.JSON)));
  }
}
