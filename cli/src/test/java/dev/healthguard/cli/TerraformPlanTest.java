package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformPlanTest {

  private static final String CONTAINERS = "[{\\\"name\\\":\\\"myapp\\\",\\\"image\\\":\\\"123456789012.dkr.ecr."
      + "ap-northeast-1.amazonaws.com/myapp:xxxx\\\",\\\"healthCheck\\\":{\\\"command\\\":[\\\"CMD-SHELL\\\","
      + "\\\"curl -f http://localhost:8080/ || exit 1\\\"]}}]";

  @TempDir Path dir;

  @Test
  void taskDefinitionsInChildModulesAreRead() throws IOException {
    Path plan = write("""
        {"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [
          {"address": "module.svc", "child_modules": [{"address": "module.svc.module.task", "resources": [
            {"address": "module.svc.module.task.aws_ecs_task_definition.this", "mode": "managed",
             "type": "aws_ecs_task_definition", "values": {"family": "myapp", "network_mode": "awsvpc",
             "container_definitions": "%s"}}]}]}]}}}""".formatted(CONTAINERS));

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), plan.toString());

    assertEquals(Main.FAILED, run.code(), run.toString());
    assertTrue(run.out().contains(
        "[HG001] container 'myapp' of module.svc.module.task.aws_ecs_task_definition.this, " + StoryTest.HG001), run.toString());
  }

  @Test
  void containerDefinitionsKnownOnlyAfterApplyAreUnknownNeverAnError() throws IOException {
    Path plan = write("""
        {"format_version": "1.2",
         "planned_values": {"root_module": {"resources": [
           {"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition",
            "values": {"family": "app"}}]}},
         "resource_changes": [{"address": "aws_ecs_task_definition.app", "type": "aws_ecs_task_definition",
           "change": {"actions": ["create"], "after": {"family": "app"},
                      "after_unknown": {"arn": true, "container_definitions": true}}}]}""");

    Run run = Run.of(plan.toString());
    Run strict = Run.of("--fail-on", "info", plan.toString());

    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().startsWith(plan + ": info: [HG008] container '(all containers)' of aws_ecs_task_definition.app, "
        + "image (known after apply): the container definitions are known only after apply"), run.toString());
    assertTrue(run.out().endsWith("0 errors, 0 warnings, 1 info in 0 containers of 1 task definition.\n"), run.toString());
    assertEquals(Main.FAILED, strict.code(), strict.toString());
  }

  @Test
  void theArchitectureAndADataSourceAreTakenAsTerraformMeansThem() throws IOException {
    Path plan = write("""
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
          {"address": "data.aws_ecs_task_definition.existing", "mode": "data", "type": "aws_ecs_task_definition",
           "values": {"container_definitions": "%1$s"}},
          {"address": "aws_ecs_task_definition.arm", "mode": "managed", "type": "aws_ecs_task_definition",
           "values": {"runtime_platform": [{"cpu_architecture": "ARM64", "operating_system_family": "LINUX"}],
                      "container_definitions": "%1$s"}}]}}}""".formatted(CONTAINERS));

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), plan.toString());

    // The cache knows the image for linux/amd64 only: on ARM64 it is unknown, never a false error.
    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().startsWith(plan + ": info: [HG008] container 'myapp' of aws_ecs_task_definition.arm"),
        run.toString());
    assertTrue(run.out().contains(" 1 info in 1 container of 1 task definition.\n"), run.toString());
  }

  @Test
  void containerDefinitionsThatAreNotAnArrayAreAnInputProblem() throws IOException {
    Path plan = write("""
        {"planned_values": {"root_module": {"resources": [{"address": "aws_ecs_task_definition.x",
          "type": "aws_ecs_task_definition", "values": {"container_definitions": "{\\"name\\": 1}"}}]}}}""");

    Run run = Run.of(plan.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("aws_ecs_task_definition.x.container_definitions is not a JSON array"), run.toString());
  }

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("plan.json"), json);
  }
}
