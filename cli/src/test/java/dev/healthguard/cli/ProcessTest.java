package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exit codes reach the shell: {@code main} in its own JVM, as {@code java -jar} runs it. */
class ProcessTest {

  @Test
  void theProcessExitsOneOnTheStoryAndTwoOnBadInput() throws IOException, InterruptedException {
    Process story = start("--cache-file", Examples.CACHE.toString(), Examples.STORY.toString());
    Process missing = start("absent.json");

    String out = new String(story.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(Main.FAILED, exit(story), out);
    assertTrue(out.contains(": error: [HG001]"), out);
    assertEquals(Main.INPUT_PROBLEM, exit(missing), err);
    assertEquals("healthguard: absent.json: no such file\n", err);
  }

  private static Process start(String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(
        List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  private static int exit(Process process) throws InterruptedException {
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends");
    return process.exitValue();
  }
}
