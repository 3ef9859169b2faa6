package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ShellStep;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.constructs.Construct;

/**
 * The README's setup line, {@code Aspects.of(app).add(new HealthCheckGuard())}, over CDK Pipelines
 * apps: the CDK keeps an App's aspects out of its Stages, and {@code addStage} synthesizes the stage
 * while the app is built, so the guard checks the stages' templates after synth.
 */
class NestedStageTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";
  static final Environment ENV = Environment.builder().account("123456789012").region("eu-west-1").build();

  @TempDir Path dir;

  /** A stage as users write one: a stack with a Fargate task whose check cannot run in its image. */
  static final class ServiceStage extends Stage {
    ServiceStage(Construct scope, String id, HealthCheckGuard inside) {
      super(scope, id, StageProps.builder().env(ENV).build());
      service(new Stack(this, "Service"));
      if (inside != null) {
        Aspects.of(this).add(inside);
      }
    }
  }

  @Test
  void aPipelineStageIsCheckedAndReportedAsAWarningInReportMode() throws IOException {
    // GIVEN
    App app = app("report");
    CodePipeline pipeline = pipeline(app);
    pipeline.addStage(new ServiceStage(app, "Prod", null));
    HealthCheckGuard guard = new HealthCheckGuard();
    Aspects.of(app).add(guard);

    // WHEN
    app.synth();

    // THEN
    Finding finding = only(guard.findings(), "Prod/Service/Task");
    assertEquals("HG001", finding.ruleId());
    assertEquals(Severity.WARNING, finding.severity());
    JsonNode violation = violation("Prod/Service/Task");
    assertEquals("warning", violation.path("severity").asText());
    assertTrue(violation.path("description").asText().startsWith("[HG001] container 'app' of Prod/Service/Task"),
        violation.toString());
  }

  @Test
  void eachStageGetsItsReportFilesAndASecondSynthReplacesThem() throws IOException {
    for (int synth = 0; synth < 2; synth++) {
      // GIVEN the CLI's way: a new JVM's app in the same cdk.out
      App app = app("report");
      pipeline(app).addStage(new ServiceStage(app, "Prod", null));
      HealthCheckGuard guard = new HealthCheckGuard();
      Aspects.of(app).add(guard);

      // WHEN
      app.synth();

      // THEN
      assertEquals(List.of("HG001"), guard.findings().stream().map(Finding::ruleId).toList());
      String json = Files.readString(dir.resolve("cdk.out/assembly-Prod/healthguard.json"));
      assertTrue(json.contains("HG001") && json.contains("Prod/Service/Task"), json);
    }
  }

  @Test
  void aPipelineStageWithAnUnrunnableCheckFailsTheSynthInEnforceMode() throws IOException {
    // GIVEN
    App app = app("enforce");
    pipeline(app).addStage(new ServiceStage(app, "Prod", null));
    HealthCheckGuard guard = new HealthCheckGuard();
    Aspects.of(app).add(guard);

    // WHEN
    RuntimeException failed = assertThrows(RuntimeException.class, app::synth);

    // THEN
    assertTrue(failed.getMessage().contains("Validation failed"), failed.getMessage());
    assertEquals(Severity.ERROR, only(guard.findings(), "Prod/Service/Task").severity());
    assertEquals("error", violation("Prod/Service/Task").path("severity").asText());
  }

  @Test
  void fixModeSaysItCannotChangeAStageAndHowToFixIt() throws IOException {
    // GIVEN
    App app = app("fix");
    pipeline(app).addStage(new ServiceStage(app, "Prod", null));
    HealthCheckGuard guard = new HealthCheckGuard();
    Aspects.of(app).add(guard);

    // WHEN
    assertThrows(RuntimeException.class, app::synth);

    // THEN
    Finding finding = only(guard.findings(), "Prod/Service/Task");
    assertEquals(Severity.ERROR, finding.severity());
    assertTrue(finding.message().contains("Fix mode left it: the task definition is in a nested Stage"), finding.message());
    assertTrue(violation("Prod/Service/Task").path("description").asText()
        .contains("Aspects.of(this).add(HealthCheckGuard.builder().mode(GuardMode.FIX).build())"));
  }

  @Test
  void aGuardInsideTheStageFixesItAndTheAppsGuardDoesNotReportItAgain() {
    // GIVEN
    App app = app("fix");
    CodePipeline pipeline = pipeline(app);
    ServiceStage stage = new ServiceStage(app, "Prod", null);
    Aspects.of(stage).add(HealthCheckGuard.builder().mode(GuardMode.FIX).build());
    pipeline.addStage(stage);
    HealthCheckGuard guard = new HealthCheckGuard();
    Aspects.of(app).add(guard);

    // WHEN
    app.synth();

    // THEN the stage's own guard fixed it before pipelines read the stage's assembly
    Annotations.fromStack((Stack) stage.getNode().findChild("Service")).hasInfo("/Prod/Service/Task/app",
        Match.stringLikeRegexp("^\\[HG001\\] .*fixed.*"));
    assertEquals(List.of(), guard.findings().stream().filter(f -> f.target().taskDefinition().startsWith("Prod/")).toList());
  }

  @Test
  void aPlainNestedStageAndThePipelineStackAreEachReportedOnce() {
    // GIVEN
    App app = app("report");
    Stack pipelineStack = pipelineStack(app);
    service(pipelineStack);
    new ServiceStage(app, "Plain", null);
    HealthCheckGuard guard = new HealthCheckGuard();
    Aspects.of(app).add(guard);

    // WHEN
    app.synth();

    // THEN the pipeline stack's task stays the aspect's (an annotation), the stage's the plugin's
    Annotations.fromStack(pipelineStack).hasWarning("/Pipeline/Task/app", Match.stringLikeRegexp("^\\[HG001\\] .*"));
    assertEquals(List.of("Pipeline/Task", "Plain/Service/Task"),
        guard.findings().stream().map(f -> f.target().taskDefinition()).sorted().toList());
  }

  private App app(String mode) {
    return App.Builder.create().outdir(dir.resolve("cdk.out").toString())
        .context(java.util.Map.of(GuardMode.CONTEXT_KEY, mode)).build();
  }

  private static Stack pipelineStack(App app) {
    return new Stack(app, "Pipeline", StackProps.builder().env(ENV).build());
  }

  private static CodePipeline pipeline(App app) {
    return CodePipeline.Builder.create(pipelineStack(app), "Pipeline")
        .synth(ShellStep.Builder.create("Synth")
            .input(CodePipelineSource.gitHub("ldecaro/cdk-fargate-bg", "main"))
            .commands(List.of("npm ci", "npx cdk synth"))
            .build())
        .build();
  }

  private static void service(Stack stack) {
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("cgr.dev/chainguard/static:latest"))
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", CURL)).build())
        .build());
  }

  private static Finding only(List<Finding> findings, String taskDefinition) {
    List<Finding> about = findings.stream().filter(f -> f.target().taskDefinition().equals(taskDefinition)).toList();
    assertEquals(1, about.size(), findings.toString());
    return about.get(0);
  }

  /** The one HealthGuard violation on {@code constructPath} in the CDK's validation report. */
  private JsonNode violation(String constructPath) throws IOException {
    JsonNode report = new ObjectMapper().readTree(dir.resolve("cdk.out/validation-report.json").toFile());
    List<JsonNode> found = new ArrayList<>();
    report.findValues("violations").forEach(list -> list.forEach(v -> {
      if (v.toString().contains(constructPath)) {
        found.add(v);
      }
    }));
    assertEquals(1, found.size(), report.toPrettyString());
    return found.get(0);
  }
}
