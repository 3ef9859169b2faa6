package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first story through the documented command: its task definition as registered, and the same
 * container as a Terraform plan and as CloudFormation templates, each exit 1 with the same HG001;
 * the image is known from the committed lookup cache, with no network.
 */
class StoryTest {

  /** The library's message after the container's name, which each format names its own way. */
  static final String HG001 = "image ECR myapp:xxxx: the health check is CMD-SHELL, which Docker runs with "
      + "/bin/sh -c, but the image has no /bin/sh, so the check can never pass.";

  @TempDir Path dir;

  @Test
  void theStorysTaskDefinitionFailsWithHg001() {
    Run run = check(Examples.STORY.toString());

    assertEquals(Main.FAILED, run.code(), run.toString());
    assertTrue(run.out().startsWith(Examples.STORY + ": error: [HG001] container 'myapp' of myapp, " + HG001), run.toString());
    assertTrue(run.out().contains("Evidence: layer listing healthguard.context.json"), run.toString());
    assertTrue(run.out().endsWith("1 error, 0 warnings, 0 infos in 1 container of 1 task definition.\n"), run.toString());
    assertEquals("", run.err());
  }

  @Test
  void theSameContainerInEveryFormatGivesTheSameFinding() {
    for (String input : List.of("myapp-plan.json", "myapp-template.json", "myapp-template.yaml")) {
      Run run = check(Examples.DIR.resolve(input).toString());

      assertEquals(Main.FAILED, run.code(), input + ": " + run);
      assertEquals(1, errors(run), input + ": " + run);
      assertTrue(run.out().contains(": error: [HG001] container 'myapp' of "), input + ": " + run);
      assertTrue(run.out().contains(HG001), input + ": " + run);
    }
  }

  @Test
  void theDescribeTaskDefinitionOutputNamesTheRevision() throws IOException {
    String registered = Files.readString(Examples.STORY);
    Path described = Files.writeString(dir.resolve("described.json"), "{\"taskDefinition\": "
        + registered.replaceFirst("\\{", "{\"revision\": 3, \"status\": \"ACTIVE\", ") + ", \"tags\": []}");

    Run run = check(described.toString());

    assertEquals(Main.FAILED, run.code(), run.toString());
    assertTrue(run.out().contains("[HG001] container 'myapp' of myapp:3, " + HG001), run.toString());
  }

  @Test
  void standardInputIsReadLikeAFile() throws IOException {
    Run run = Run.withInput(new ByteArrayInputStream(Files.readAllBytes(Examples.STORY)),
        "--cache-file", Examples.CACHE.toString(), "-");

    assertEquals(Main.FAILED, run.code(), run.toString());
    assertTrue(run.out().startsWith("standard input: error: [HG001]"), run.toString());
  }

  @Test
  void theFixedTaskDefinitionIsClean() {
    Run run = check(Examples.DIR.resolve("myapp-fixed-task-definition.json").toString());

    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertEquals("0 errors, 0 warnings, 0 infos in 1 container of 1 task definition.\n", run.out());
  }

  @Test
  void withoutTheCacheTheImageIsUnknownAndNothingFails() {
    Path none = dir.resolve("absent.json");

    Run run = Run.of("--cache-file", none.toString(), Examples.STORY.toString());
    Run strict = Run.of("--cache-file", none.toString(), "--fail-on", "info", Examples.STORY.toString());

    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().contains(": info: [HG008] container 'myapp' of myapp, image ECR myapp:xxxx"), run.toString());
    assertFalse(run.out().contains("HG001"), run.toString());
    assertTrue(run.out().endsWith("note: outside the CDK, --lookups does what -c healthguard:lookups=true does.\n"),
        run.toString());
    assertEquals(Main.FAILED, strict.code(), strict.toString());
    assertFalse(Files.exists(none), "a run without --lookups writes no cache");
  }

  @Test
  void aWarningFailsOnlyWithFailOnWarning() throws IOException {
    // curl without -f: HG005, a warning.
    String text = Files.readString(Examples.DIR.resolve("myapp-fixed-task-definition.json"), StandardCharsets.UTF_8)
        .replace("\"CMD\",\n          \"/ko-app/server\",\n          \"healthcheck\"",
            "\"CMD-SHELL\", \"curl http://localhost:8080/ || exit 1\"")
        .replace("\"image\": \"123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/myapp:xxxx\"", "\"image\": \"nginx:1.27\"");
    Path input = Files.writeString(dir.resolve("warn.json"), text);

    Run byDefault = check(input.toString());
    Run onWarning = check("--fail-on", "WARNING", input.toString());

    assertTrue(byDefault.out().contains(": warning: ["), byDefault.toString());
    assertEquals(Main.CLEAN, byDefault.code(), byDefault.toString());
    assertEquals(Main.FAILED, onWarning.code(), onWarning.toString());
  }

  static long errors(Run run) {
    return run.out().lines().filter(l -> l.contains(": error: [")).count();
  }

  private static Run check(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--cache-file";
    all[1] = Examples.CACHE.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return Run.of(all);
  }
}
