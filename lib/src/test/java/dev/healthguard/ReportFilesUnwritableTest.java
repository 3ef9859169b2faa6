package dev.healthguard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * Report files that cannot be written cost a warning, never the synth or the findings: the aspect
 * writes them after the last stack's check, while the CDK collects that stack's metadata, so the
 * warning goes on a construct of the stack whose metadata is still to be collected.
 */
class ReportFilesUnwritableTest {

  @TempDir Path dir;

  @Test
  void anUnwritableReportIsAWarningAndTheFindingsStay() throws IOException {
    // GIVEN an assembly directory where healthguard.sarif is a directory, so the file cannot be written
    Path out = Files.createDirectories(dir.resolve("cdk.out"));
    Files.createDirectories(out.resolve(ReportFiles.SARIF).resolve("in-the-way"));
    App app = App.Builder.create().outdir(out.toString()).build();
    Stack stack = new Stack(app, "Reports");
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("alpine:3.20"))
        .healthCheck(HealthCheck.builder().command(List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1")).build())
        .build());
    Aspects.of(app).add(new HealthCheckGuard());

    // THEN the synth completes with its finding and says why the reports are missing
    Annotations annotations = Annotations.fromStack(stack);
    annotations.hasError("/Reports/Task/app", Match.stringLikeRegexp("^\\[HG002\\].*"));
    annotations.hasWarning("*", Match.stringLikeRegexp(
        "^\\[HG000\\] HealthGuard could not write healthguard.sarif and healthguard.json \\(.+healthguard.sarif.*\\)\\..*"));
  }
}
