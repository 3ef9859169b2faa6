package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.report.Report;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.IResolveContext;
import software.amazon.awscdk.IResolvable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;

/**
 * The test API, as a user's JUnit test calls it: {@code validateScope} returns the findings for a
 * scope without synthesizing and without throwing, with either entry point registered.
 */
class ValidateScopeTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";

  @TempDir Path dir;

  @Test
  void withThePluginTheFindingsAreThereWhereTemplateFromStackThrows() throws IOException {
    App app = new App();
    Stack stack = new Stack(app, "Api");
    service(stack, "api", ContainerImage.fromAsset(shellLess().toString()));
    HealthCheckGuard guard = new HealthCheckGuard();
    Validations.of(app).addPlugins(guard);

    Report report = guard.validateScope(stack);

    // HG001 is an error, as under `cdk synth`: the asset's build parameters are proven from its hash.
    assertEquals(List.of("HG001"), ids(report.unacknowledged(Severity.ERROR)));
    assertTrue(report.findings().get(0).finding().message().contains("Dockerfile:1 FROM cgr.dev/chainguard/static"),
        report.findings().toString());
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> Template.fromStack(stack));
    assertTrue(thrown.getMessage().contains("ValidationFailed") || thrown.getMessage().contains("Validation failed"),
        thrown.getMessage());
  }

  @Test
  void acknowledgementsAndRuleSettingsApplyAsInASynth() throws IOException {
    App app = new App();
    Stack stack = new Stack(app, "Alpine");
    service(stack, "web", ContainerImage.fromRegistry("alpine:3.20"));
    service(new Stack(app, "Other"), "web", ContainerImage.fromRegistry("alpine:3.20"));
    Validations.of(stack).acknowledge(Acknowledgment.builder().id("HG002").reason("curl comes from the base image").build());

    Report report = new HealthCheckGuard().validateScope(app);
    assertEquals(1, report.acknowledged().size(), report.toString());
    ReportedFinding acknowledged = report.acknowledged().get(0);
    assertEquals("Alpine/Task", acknowledged.finding().target().taskDefinition());
    assertEquals("curl comes from the base image", acknowledged.acknowledgement());
    assertEquals("Alpine", acknowledged.acknowledgedAt());
    assertEquals(List.of("HG002"), ids(report.unacknowledged(Severity.ERROR)));

    // The builder's settings win over the context's, like the mode's.
    App configured = App.Builder.create().context(Map.of("healthguard:rules", Map.of("HG002", "off"))).build();
    service(new Stack(configured, "Alpine"), "web", ContainerImage.fromRegistry("alpine:3.20"));
    Report lowered = HealthCheckGuard.builder().rules(Map.of("HG002", "warning")).build().validateScope(configured);
    assertEquals(List.of(), lowered.unacknowledged(Severity.ERROR));
    assertEquals(List.of("HG002"), ids(lowered.unacknowledged(Severity.WARNING)));
    assertEquals(List.of(), new HealthCheckGuard().validateScope(configured).findings());
  }

  @Test
  void aTaskDefinitionTheGuardCannotReadIsAShortHg000WithoutAStackTrace() {
    App app = new App();
    Stack stack = new Stack(app, "Hostile");
    CfnTaskDefinition.Builder.create(stack, "Task")
        .containerDefinitions(new Failing())
        .build();

    Report report = new HealthCheckGuard().validateScope(stack);
    assertEquals(1, report.findings().size(), report.toString());
    Finding problem = report.findings().get(0).finding();
    assertEquals("HG000", problem.ruleId());
    assertEquals(Severity.WARNING, problem.severity());
    String message = problem.message();
    assertTrue(message.startsWith("[HG000] Hostile/Task: HealthGuard could not read this task definition ("), message);
    assertTrue(message.contains("container definitions are not ready"), message);
    assertFalse(message.contains("\n") || message.contains(" at ") || message.contains(".js:"), message);
    assertTrue(message.length() < 400, message);

    // HG000 goes through the same reporter: an acknowledgement covers it.
    Validations.of(stack).acknowledge(Acknowledgment.builder().id("HG000").reason("generated by the legacy pipeline").build());
    assertEquals(1, new HealthCheckGuard().validateScope(stack).acknowledged().size());
  }

  /** A token that fails to resolve, as a hostile construct library's might. */
  static final class Failing implements IResolvable {
    @Override
    public Object resolve(IResolveContext context) {
      throw new IllegalStateException("container definitions are not ready\n    at Generator.render(Generator.java:12)");
    }

    @Override
    public List<String> getCreationStack() {
      return List.of();
    }

    @Override
    public String toString() {
      return "${Token[Failing]}";
    }
  }

  private Path shellLess() throws IOException {
    Path context = Files.createDirectories(dir.resolve("api"));
    Files.writeString(context.resolve("Dockerfile"), "FROM cgr.dev/chainguard/static\nCOPY api /api\n");
    return context;
  }

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  private static void service(Stack stack, String name, ContainerImage image) {
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer(name, ContainerDefinitionOptions.builder()
        .image(image)
        .memoryLimitMiB(256)
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", CURL)).build())
        .build());
  }
}
