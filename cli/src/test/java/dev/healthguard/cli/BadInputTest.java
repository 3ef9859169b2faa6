package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that cannot be checked exits 2 with one clear line on standard error, and nothing else is lost. */
class BadInputTest {

  @TempDir Path dir;

  @Test
  void notJsonNamesThePlaceButNotTheText() throws IOException {
    Path input = Files.writeString(dir.resolve("task.json"), "{\n  \"family\": \"x\",\n  DB_PASSWORD=hunter2\n}");

    Run run = Run.of(input.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertEquals("healthguard: " + input + ": not valid JSON at line 3, column 3\n", run.err());
    assertFalse(run.toString().contains("hunter2"), run.toString());
    assertEquals("", run.out());
  }

  @Test
  void textThatIsNeitherJsonNorAYamlMappingIsRefused() throws IOException {
    Path input = Files.writeString(dir.resolve("notes.txt"), "just some words\n");

    Run run = Run.of(input.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("not JSON, and not a YAML template"), run.toString());
  }

  @Test
  void aPlanWithoutTaskDefinitionsHasNothingToCheck() throws IOException {
    Path plan = Files.writeString(dir.resolve("plan.json"), """
        {"format_version": "1.2", "terraform_version": "1.9.8",
         "planned_values": {"root_module": {"resources": [
           {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "logs"}}]}},
         "resource_changes": []}""");

    Run run = Run.of(plan.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertEquals("healthguard: " + plan + ": a Terraform plan without aws_ecs_task_definition resources; "
        + "nothing to check\n", run.err());
  }

  @Test
  void aTemplateWithoutTaskDefinitionsHasNothingToCheck() throws IOException {
    Path template = Files.writeString(dir.resolve("bucket.yaml"), "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n");

    Run run = Run.of(template.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("without AWS::ECS::TaskDefinition resources"), run.toString());
  }

  @Test
  void aHundredMegabyteFileIsNotRead() throws IOException {
    Path big = dir.resolve("huge.json");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(100L << 20); // sparse: costs no disk
    }

    Run run = Run.of(big.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertEquals("healthguard: " + big + ": larger than 32 MiB, which no task definition, template or plan is; "
        + "not read\n", run.err());
  }

  @Test
  void aHundredMegabytesOnStandardInputAreReadOnlyUpToTheBound() {
    CountingStream endless = new CountingStream(100L << 20);

    Run run = Run.withInput(endless, "-");

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("standard input: larger than 32 MiB"), run.toString());
    assertEquals(BoundedRead.MAX_BYTES + 1L, endless.read, "reads one byte past the bound, no more");
  }

  @Test
  void aJsonDocumentOfAnotherKindIsNamed() throws IOException {
    Path input = Files.writeString(dir.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}");

    Run run = Run.of(input.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("not an ECS task definition, CloudFormation template or Terraform plan"), run.toString());
  }

  @Test
  void missingFilesAndPlainDirectoriesAreInputProblems() {
    Run missing = Run.of(dir.resolve("absent.json").toString());
    Run directory = Run.of(dir.toString());

    assertEquals(Main.INPUT_PROBLEM, missing.code(), missing.toString());
    assertTrue(missing.err().contains("absent.json: no such file"), missing.toString());
    assertEquals(Main.INPUT_PROBLEM, directory.code(), directory.toString());
    assertTrue(directory.err().contains("a directory, but not a cloud assembly"), directory.toString());
  }

  @Test
  void oneBadInputStillReportsTheOthers() {
    Run run = Run.of("--cache-file", Examples.CACHE.toString(), Examples.STORY.toString(),
        dir.resolve("absent.json").toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.out().contains("[HG001]"), run.toString());
    assertTrue(run.err().contains("absent.json: no such file"), run.toString());
  }

  @Test
  void usageProblemsExitTwo() {
    Run none = Run.of();
    Run badSeverity = Run.of("--fail-on", "fatal", Examples.STORY.toString());
    Run unknownOption = Run.of("--colour", Examples.STORY.toString());

    assertEquals(Main.INPUT_PROBLEM, none.code(), none.toString());
    assertTrue(none.err().contains("Missing required parameter: 'INPUT'"), none.toString());
    assertEquals(Main.INPUT_PROBLEM, badSeverity.code(), badSeverity.toString());
    assertTrue(badSeverity.err().contains("--fail-on"), badSeverity.toString());
    assertEquals(Main.INPUT_PROBLEM, unknownOption.code(), unknownOption.toString());
  }

  @Test
  void aDockerfileForAContainerNoInputHasIsAUsageProblem() throws IOException {
    Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM alpine:3.20\n");

    Run run = Run.of("--dockerfile", "web=" + dockerfile, Examples.STORY.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertEquals("healthguard: --dockerfile: no container named 'web' in the inputs (they have [myapp])\n", run.err());
  }

  /** Yields opening braces up to a length, counting what was taken. */
  private static final class CountingStream extends InputStream {
    private final long length;
    long read;

    CountingStream(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      if (read >= length) {
        return -1;
      }
      read++;
      return '{';
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (count == 0) {
        return 0;
      }
      int n = (int) Math.min(count, length - read);
      if (n <= 0) {
        return -1;
      }
      java.util.Arrays.fill(buffer, offset, offset + n, (byte) '{');
      read += n;
      return n;
    }
  }
}
