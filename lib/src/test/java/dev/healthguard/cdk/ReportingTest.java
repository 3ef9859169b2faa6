package dev.healthguard.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.HealthCheckGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;

/**
 * {@code healthguard.sarif} and {@code healthguard.json} from both entry points, over real synths
 * of plain {@code new App()}s as a user's test or {@code cdk synth} makes them. The Dockerfiles
 * live under the working directory, as an app's do, so report paths are relative to it.
 */
class ReportingTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CURL = "curl -f http://localhost:8080/ || exit 1";

  /** Under the working directory (the module under surefire, the app's root under the CDK CLI). */
  static final Path APP = Path.of("target", "reporting-test");
  static Path aspectOut;
  static Path pluginOut;
  static HealthCheckGuard plugin;
  static RuntimeException pluginFailure;
  static App aspectApp;

  @BeforeAll
  static void synthesize() throws IOException {
    Path api = Files.createDirectories(APP.resolve("docker/api"));
    Files.writeString(api.resolve("Dockerfile"), "FROM golang:1.22 AS build\nRUN go build -o /out/api .\n"
        + "FROM cgr.dev/chainguard/static\nCOPY --from=build /out/api /api\nENTRYPOINT [\"/api\"]\n");

    aspectOut = fresh("aspect.out");
    aspectApp = App.Builder.create().outdir(aspectOut.toString())
        .context(Map.of("healthguard:rules", Map.of("HG005", "off", "HG05", "error"))).build();
    build(aspectApp);
    Stack fix = new Stack(aspectApp, "FixMode");
    fix.getNode().setContext("healthguard:mode", "fix");
    task(fix, "Task", List.of(container("app", ContainerImage.fromRegistry("alpine:3.20"))));
    Aspects.of(aspectApp).add(new HealthCheckGuard());
    aspectApp.synth();

    pluginOut = fresh("plugin.out");
    App pluginApp = App.Builder.create().outdir(pluginOut.toString()).build();
    build(pluginApp);
    plugin = new HealthCheckGuard();
    Validations.of(pluginApp).addPlugins(plugin);
    pluginFailure = assertThrows(RuntimeException.class, pluginApp::synth);
  }

  /** The same stacks for both entry points. */
  static void build(App app) {
    task(new Stack(app, "Broken"), "Task", List.of(container("api", ContainerImage.fromAsset(APP.resolve("docker/api").toString()))));
    Stack scoped = new Stack(app, "Scoped");
    task(scoped, "Task", List.of(container("web", ContainerImage.fromRegistry("alpine:3.20")),
        container("worker", ContainerImage.fromRegistry("alpine:3.20"))));
    // Container-qualified: covers 'web' only, although it sits on the stack.
    Validations.of(scoped).acknowledge(Acknowledgment.builder().id("HG002[web]")
        .reason("web gets curl from the platform team's init container").build());
    Stack brief = new Stack(app, "Brief");
    task(brief, "Task", List.of(container("app", ContainerImage.fromRegistry("alpine:3.20"))));
    Validations.of(brief).acknowledge(Acknowledgment.builder().id("HG002").reason("ok").build());
    task(new Stack(app, "NoFail"), "Task", List.of(container("app", ContainerImage.fromRegistry("nginx:1.27-alpine"),
        List.of("CMD-SHELL", "curl http://localhost:8080/ || exit 1"))));
  }

  @Test
  void theAspectsSarifNamesTheDockerfileLineRelativeToTheApp() throws IOException {
    JsonNode result = result(aspectOut.resolve("healthguard.sarif"), "HG001", "api");
    assertEquals("error", result.get("level").asText());
    JsonNode physical = result.at("/locations/0/physicalLocation");
    assertEquals("target/reporting-test/docker/api/Dockerfile", physical.at("/artifactLocation/uri").asText());
    assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").asText());
    assertEquals(3, physical.at("/region/startLine").asInt());
    JsonNode logical = result.at("/locations/0/logicalLocations");
    assertEquals("Broken/Task/api", logical.get(0).get("fullyQualifiedName").asText());
    assertTrue(logical.get(1).get("fullyQualifiedName").asText()
        .matches("Broken\\.template\\.json#/Resources/Task[0-9A-F]{8}/Properties/ContainerDefinitions/0"), logical.toString());
    JsonNode rule = sarif(aspectOut).at("/runs/0/tool/driver/rules").get(result.get("ruleIndex").asInt());
    assertEquals("HG001", rule.get("id").asText());
    assertTrue(rule.get("helpUri").asText().endsWith("/docs/rules/HG001.md"), rule.toString());
    // The CDK's own report is still written.
    assertTrue(Files.exists(aspectOut.resolve("validation-report.json")) || Files.exists(aspectOut.resolve("manifest.json")));
  }

  @Test
  void thePluginsSarifNamesTheSourceDockerfileNotTheStagedCopy() throws IOException {
    assertTrue(pluginFailure.getMessage().contains("Validation failed"), pluginFailure.getMessage());
    JsonNode result = result(pluginOut.resolve("healthguard.sarif"), "HG001", "api");
    assertEquals("target/reporting-test/docker/api/Dockerfile",
        result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(3, result.at("/locations/0/physicalLocation/region/startLine").asInt());
    assertEquals("Broken/Task/api", result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText());
    assertFalse(result.at("/message/text").asText().contains("asset."), result.toString());
    assertTrue(Files.exists(pluginOut.resolve("validation-report.json")), "the CDK's report is kept");
  }

  @Test
  void thePluginsViolationsAreNamedByRuleAndContainerWithAPathIntoTheTemplate() throws IOException {
    JsonNode report = JSON.readTree(pluginOut.resolve("validation-report.json").toFile());
    List<String> rules = new ArrayList<>();
    for (JsonNode pluginReport : report.get("pluginReports")) {
      if (pluginReport.get("pluginName").asText().equals("HealthGuard")) {
        for (JsonNode violation : pluginReport.get("violations")) {
          rules.add(violation.get("ruleName").asText());
          if (violation.get("ruleName").asText().equals("HealthGuard::HG001[api]")) {
            JsonNode resource = violation.at("/violatingConstructs/0");
            assertEquals("Broken/Task/api", resource.get("constructPath").asText());
            assertEquals("Properties/ContainerDefinitions/0", resource.at("/cloudFormationResource/propertyPaths/0").asText());
          }
        }
      }
    }
    assertTrue(rules.contains("HealthGuard::HG001[api]"), rules.toString());
    // Scoped acknowledgement: 'worker' is still reported, 'web' is not (the CDK would match app-wide).
    assertTrue(rules.contains("HealthGuard::HG002[worker]") && !rules.contains("HealthGuard::HG002[web]"), rules.toString());
  }

  @Test
  void aContainerQualifiedAcknowledgementCoversOnlyThatContainerWithEitherEntryPoint() throws IOException {
    for (Path out : List.of(aspectOut, pluginOut)) {
      JsonNode web = result(out.resolve("healthguard.sarif"), "HG002", "web");
      assertEquals("web gets curl from the platform team's init container", web.at("/suppressions/0/justification").asText());
      assertEquals("Scoped", web.at("/suppressions/0/location/logicalLocations/0/fullyQualifiedName").asText());
      assertTrue(result(out.resolve("healthguard.sarif"), "HG002", "worker").get("suppressions") == null, out.toString());
      JsonNode listed = finding(out, "HG002", "web");
      assertTrue(listed.get("acknowledged").asBoolean());
      assertEquals("Scoped", listed.get("acknowledgedAt").asText());
    }
    Annotations scoped = Annotations.fromStack((Stack) aspectApp.getNode().findChild("Scoped"));
    scoped.hasError("/Scoped/Task/worker", Match.stringLikeRegexp("^\\[HG002\\] container 'worker'.*"));
    scoped.hasNoError("/Scoped/Task/web", Match.anyValue());
    scoped.hasInfo("/Scoped/Task/web", Match.stringLikeRegexp(
        "^\\[HG002\\] acknowledged \\(web gets curl from the platform team's init container\\) at Scoped: container 'web'.*"));
  }

  @Test
  void anAcknowledgementWithAShortReasonIsNotHonouredAndIsItselfAFinding() throws IOException {
    Annotations brief = Annotations.fromStack((Stack) aspectApp.getNode().findChild("Brief"));
    brief.hasError("/Brief/Task/app", Match.stringLikeRegexp("^\\[HG002\\] .*"));
    brief.hasWarning("/Brief/Task/app", Match.stringLikeRegexp(
        "^\\[HG000\\] Brief: the acknowledgement HG002 has a reason of 2 characters; HealthGuard honours one of at least 10.*"));
    for (Path out : List.of(aspectOut, pluginOut)) {
      assertFalse(finding(out, "HG002", "app").get("acknowledged").asBoolean(), out.toString());
      assertTrue(findings(out).stream().anyMatch(f -> f.get("ruleId").asText().equals("HG000")
          && f.get("message").asText().contains("the acknowledgement HG002 has a reason of 2 characters")), out.toString());
    }
  }

  @Test
  void perRuleSettingsApplyAndAnUnknownIdIsReported() throws IOException {
    List<JsonNode> all = findings(aspectOut);
    assertTrue(all.stream().noneMatch(f -> f.get("ruleId").asText().equals("HG005")), all.toString());
    // Without the setting (the plugin's app) the same stack has it.
    assertEquals("warning", finding(pluginOut, "HG005", "app").get("severity").asText());
    assertTrue(all.stream().anyMatch(f -> f.get("ruleId").asText().equals("HG000")
        && f.get("message").asText().startsWith("[HG000] healthguard:rules: unknown rule id 'HG05' (known: HG000, HG001")), all.toString());
  }

  @Test
  void fixModePrintsOneWarningPerTaskDefinitionAndListsTheChangesInTheReports() throws IOException {
    Annotations.fromStack((Stack) aspectApp.getNode().findChild("FixMode")).hasWarning("/FixMode/Task",
        Match.stringLikeRegexp("^\\[HealthGuard\\] fix mode changed FixMode/Task \\(HG002\\): 1\\. 'app': set the health check to \\[\"CMD\", \"wget\".*"));
    JsonNode fixes = JSON.readTree(aspectOut.resolve("healthguard.json").toFile()).get("fixes");
    assertEquals(1, fixes.size(), fixes.toString());
    assertEquals("FixMode/Task", fixes.get(0).get("taskDefinition").asText());
    assertTrue(fixes.get(0).get("change").asText().startsWith("set the health check to [\"CMD\", \"wget\""), fixes.toString());
    JsonNode note = StreamSupportResults.find(sarif(aspectOut), r -> r.path("kind").asText().equals("informational"));
    assertTrue(note.at("/message/text").asText().contains("FixMode/Task"), note.toString());
  }

  @Test
  void aStaleReportInTheOutdirIsReportedNotReplaced() throws IOException {
    Path out = fresh("stale.out");
    Files.writeString(out.resolve("healthguard.sarif"), "{}");
    App app = App.Builder.create().outdir(out.toString()).build();
    task(new Stack(app, "Clean"), "Task", List.of(container("app",
        ContainerImage.fromRegistry("docker.io/library/alpine:3.20"), List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/"))));
    HealthCheckGuard guard = new HealthCheckGuard();
    Validations.of(app).addPlugins(guard);
    app.synth(); // no IllegalPluginOperation: the plugin does not touch the old file
    assertEquals("{}", Files.readString(out.resolve("healthguard.sarif")));
    assertTrue(guard.findings().stream().anyMatch(f -> f.ruleId().equals("HG000") && f.problem().contains("cannot replace")),
        guard.findings().toString());
  }

  // --- helpers

  static Path fresh(String name) throws IOException {
    Path out = APP.resolve(name);
    if (Files.exists(out)) {
      try (var walk = Files.walk(out)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(out);
  }

  static JsonNode sarif(Path out) throws IOException {
    return JSON.readTree(out.resolve("healthguard.sarif").toFile());
  }

  static JsonNode result(Path sarif, String ruleId, String container) throws IOException {
    for (JsonNode result : JSON.readTree(sarif.toFile()).at("/runs/0/results")) {
      if (result.get("ruleId").asText().equals(ruleId) && container.equals(result.at("/properties/container").asText())) {
        return result;
      }
    }
    throw new AssertionError("no " + ruleId + " result for '" + container + "' in " + Files.readString(sarif));
  }

  static List<JsonNode> findings(Path out) throws IOException {
    List<JsonNode> list = new ArrayList<>();
    JSON.readTree(out.resolve("healthguard.json").toFile()).get("findings").forEach(list::add);
    return list;
  }

  static JsonNode finding(Path out, String ruleId, String container) throws IOException {
    return findings(out).stream()
        .filter(f -> f.get("ruleId").asText().equals(ruleId) && container.equals(f.path("container").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + ruleId + " for " + container + " in " + out));
  }

  /** Finds the first SARIF result matching a predicate. */
  static final class StreamSupportResults {
    static JsonNode find(JsonNode sarif, java.util.function.Predicate<JsonNode> test) {
      for (JsonNode result : sarif.at("/runs/0/results")) {
        if (test.test(result)) {
          return result;
        }
      }
      throw new AssertionError("no matching result in " + sarif);
    }
  }

  static void task(Stack stack, String id, List<ContainerDefinitionOptions> containers) {
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(stack, id).build();
    for (int i = 0; i < containers.size(); i++) {
      ContainerDefinitionOptions options = containers.get(i);
      task.addContainer(options.getContainerName(), options);
    }
  }

  static ContainerDefinitionOptions container(String name, ContainerImage image) {
    return container(name, image, List.of("CMD-SHELL", CURL));
  }

  static ContainerDefinitionOptions container(String name, ContainerImage image, List<String> check) {
    return ContainerDefinitionOptions.builder()
        .containerName(name)
        .image(image)
        .memoryLimitMiB(128)
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder().command(check).build())
        .build();
  }
}
