package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format json|sarif}, {@code --output} and {@code --rule}, through the core's writers and settings. */
class ReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void sarifPointsAtTheInputAndTheTemplateResource() throws IOException {
    Path sarif = dir.resolve("reports/healthguard.sarif");

    Run run = check("--format", "sarif", "--output", sarif.toString(), Examples.DIR.resolve("myapp-template.yaml").toString());

    assertEquals(Main.FAILED, run.code(), run.toString());
    assertTrue(run.out().contains(": error: [HG001]"), "the text still goes to the terminal: " + run);
    JsonNode result = JSON.readTree(sarif.toFile()).at("/runs/0/results/0");
    assertEquals("HG001", result.get("ruleId").asText());
    assertEquals("error", result.get("level").asText());
    JsonNode location = result.at("/locations/0");
    // Outside the working directory (the repository root in CI), so absolute.
    assertEquals(Examples.DIR.resolve("myapp-template.yaml").toAbsolutePath().normalize().toUri().toString(),
        location.at("/physicalLocation/artifactLocation/uri").asText());
    assertEquals("myapp-template.yaml#/Resources/TaskDefinition/Properties/ContainerDefinitions/0",
        location.at("/logicalLocations/1/fullyQualifiedName").asText());
  }

  @Test
  void jsonGoesToStandardOutputInsteadOfTheText() throws IOException {
    Run run = check("--format", "json", Examples.DIR.resolve("myapp-plan.json").toString());

    assertEquals(Main.FAILED, run.code(), run.toString());
    JsonNode finding = JSON.readTree(run.out()).at("/findings/0");
    assertEquals("HG001", finding.get("ruleId").asText());
    assertEquals("aws_ecs_task_definition.myapp", finding.get("taskDefinition").asText());
    assertEquals("myapp", finding.get("container").asText());
    assertTrue(finding.get("propertyPath").isNull(), "a plan has no CloudFormation property path: " + finding);
  }

  @Test
  void aRuleTurnedOffOrLoweredNoLongerFails() {
    Run off = check("--rule", "HG001=off", Examples.STORY.toString());
    Run lowered = check("--rule", "HG001=warning", Examples.STORY.toString());

    assertEquals(Main.CLEAN, off.code(), off.toString());
    assertEquals("0 errors, 0 warnings, 0 infos in 1 container of 1 task definition.\n", off.out());
    assertEquals(Main.CLEAN, lowered.code(), lowered.toString());
    assertTrue(lowered.out().contains(": warning: [HG001]"), lowered.toString());
  }

  @Test
  void anUnknownRuleOrLevelIsAUsageProblem() {
    Run rule = check("--rule", "HG05=off", Examples.STORY.toString());
    Run level = check("--rule", "HG005=loud", Examples.STORY.toString());

    assertEquals(Main.INPUT_PROBLEM, rule.code(), rule.toString());
    assertTrue(rule.err().startsWith("healthguard: --rule: unknown rule id 'HG05' (known: HG000, HG001"), rule.toString());
    assertEquals(Main.INPUT_PROBLEM, level.code(), level.toString());
    assertTrue(level.err().contains("unknown level 'loud' for HG005"), level.toString());
  }

  private static Run check(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--cache-file";
    all[1] = Examples.CACHE.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return Run.of(all);
  }
}
