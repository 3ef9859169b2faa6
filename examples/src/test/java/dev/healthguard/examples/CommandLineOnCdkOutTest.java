package dev.healthguard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.GuardMode;
import dev.healthguard.HealthCheckGuard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * The command line on a {@code cdk.out} the validation plugin checked: the same findings, and the
 * same acknowledgements honoured, except the App's, which the CDK does not write to the assembly.
 */
class CommandLineOnCdkOutTest {

  private static final List<String> CURL = List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1");

  @TempDir Path dir;

  @Test
  void theCommandLineHonoursWhatThePluginHonoursInTheStacks() throws Exception {
    // GIVEN an app with acknowledgements on a stack, on a container, too short, and on the App, checked by the plugin
    Path cdkOut = dir.resolve("cdk.out");
    App app = App.Builder.create()
        .context(Map.of("aws:cdk:enable-path-metadata", true)) // as the CDK CLI writes it
        .outdir(cdkOut.toString())
        .build();
    Stack acked = new Stack(app, "Acked");
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(acked, "Task").build();
    container(task, "web", "alpine:3.20");
    ContainerDefinition worker = container(task, "worker", "alpine:3.20");
    container(task, "other", "alpine:3.20");
    Validations.of(acked).acknowledge(ack("HG002[web]", "web gets curl from the platform team's init container"));
    Validations.of(worker).acknowledge(ack("HG002", "the worker's check is replaced at deploy"));
    Stack brief = new Stack(app, "Brief");
    container(FargateTaskDefinition.Builder.create(brief, "Task").build(), "app", "alpine:3.20");
    Validations.of(brief).acknowledge(ack("HG002", "ok"));
    Stack appWide = new Stack(app, "AppWide");
    container(FargateTaskDefinition.Builder.create(appWide, "Task").build(), "static", "cgr.dev/chainguard/static:latest");
    Validations.of(app).acknowledge(ack("HG001[static]", "the static image is only a placeholder here"));
    Validations.of(app).addPlugins(HealthCheckGuard.builder().mode(GuardMode.ENFORCE).build());
    RuntimeException failed = assertThrows(RuntimeException.class, app::synth);
    assertTrue(failed.getMessage().contains("Validation failed"), failed.getMessage());

    // WHEN the command line reads the assembly
    Path cliReport = dir.resolve("cli.json");
    Result cli = commandLine("--format", "json", "-o", cliReport.toString(), cdkOut.toString());

    // THEN its verdicts are the plugin's, but for the App's acknowledgement, which it cannot see and says so
    List<String> plugin = ExamplesCliTest.verdicts(cdkOut.resolve("healthguard.json"));
    assertTrue(plugin.contains("HG002 error Acked/Task web acknowledged"), plugin.toString());
    assertTrue(plugin.contains("HG002 error Acked/Task worker acknowledged"), plugin.toString());
    assertTrue(plugin.contains("HG002 error Acked/Task other open"), plugin.toString());
    assertTrue(plugin.contains("HG002 error Brief/Task app open"), plugin.toString());
    assertTrue(plugin.contains("HG001 error AppWide/Task static acknowledged"), plugin.toString());
    List<String> expected = new ArrayList<>(plugin);
    expected.set(expected.indexOf("HG001 error AppWide/Task static acknowledged"), "HG001 error AppWide/Task static open");
    assertEquals(expected, ExamplesCliTest.verdicts(cliReport), cli.output);
    assertEquals(1, cli.exitCode, cli.output);
    assertTrue(cli.output.contains("the acknowledgement HG002 has a reason of 2 characters"), cli.output);
    assertTrue(cli.output.contains("not those on the App or a Stage"), cli.output);
  }

  private static ContainerDefinition container(FargateTaskDefinition task, String name, String image) {
    return task.addContainer(name, ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry(image))
        .healthCheck(HealthCheck.builder().command(CURL).build())
        .build());
  }

  private static software.amazon.awscdk.Acknowledgment ack(String id, String reason) {
    return software.amazon.awscdk.Acknowledgment.builder().id(id).reason(reason).build();
  }

  /** The command line in its own JVM, as a user runs it, from an empty working directory. */
  private Result commandLine(String... args) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        "dev.healthguard.cli.Main"));
    command.addAll(List.of(args));
    Path work = Files.createDirectories(dir.resolve("work"));
    Path log = dir.resolve("cli.log");
    Process process = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the command line did not finish in 2 minutes");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}
}
