package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dockerfile CONTAINER=PATH} with {@code --target} and {@code --build-arg}. */
class DockerfileMapTest {

  @TempDir Path dir;

  @Test
  void theMappedDockerfileDecidesWithItsTargetAndBuildArgs() throws IOException {
    Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), """
        ARG BASE=gcr.io/distroless/static-debian12
        FROM alpine:3.20 AS debug
        RUN apk add --no-cache curl
        FROM ${BASE} AS runtime
        """);
    String story = Examples.STORY.toString();

    Run runtime = Run.of("--dockerfile", "myapp=" + dockerfile, story);
    Run debug = Run.of("--dockerfile", "myapp=" + dockerfile, "--target", "myapp=debug", story);
    Run rebased = Run.of("--dockerfile", "myapp=" + dockerfile, "--build-arg", "myapp:BASE=nginx:1.27", story);
    Run everyContainer = Run.of("--dockerfile", "myapp=" + dockerfile, "--build-arg", "BASE=nginx:1.27", story);

    assertEquals(Main.FAILED, runtime.code(), runtime.toString());
    assertTrue(runtime.out().contains("[HG001] container 'myapp' of myapp, image asset "), runtime.toString());
    assertEquals(Main.CLEAN, debug.code(), debug.toString());
    assertFalse(debug.out().contains("error:"), debug.toString());
    assertEquals(Main.CLEAN, rebased.code(), rebased.toString());
    assertEquals(Main.CLEAN, everyContainer.code(), everyContainer.toString());
  }

  @Test
  void aTargetForAnUnmappedContainerIsAUsageProblem() {
    Run run = Run.of("--target", "myapp=debug", Examples.STORY.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertEquals("healthguard: --dockerfile: a build target or arg for 'myapp', which has no --dockerfile\n", run.err());
  }

  @Test
  void aHostileDockerfileIsAFindingThatShowsNoneOfItsBytes() throws IOException, InterruptedException {
    String story = Examples.STORY.toString();
    Path outside = Files.writeString(dir.resolve("secret.txt"), "SECRET_TOKEN=hunter2\n");
    Path context = Files.createDirectories(dir.resolve("context"));
    // A symlink out of the build context, a FIFO (opening it would block), and 20 MiB of one line.
    Path link = Files.createSymbolicLink(context.resolve("Dockerfile.link"), outside);
    Path fifo = context.resolve("Dockerfile.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path huge = Files.writeString(context.resolve("Dockerfile.huge"), "FROM alpine:3.20 " + "x".repeat(20 << 20));

    for (Path dockerfile : new Path[] {link, fifo, huge}) {
      Run run = Run.of("--dockerfile", "myapp=" + dockerfile, story);

      // Unknown, so a warning and never an error; the run finishes and names the file.
      assertEquals(Main.CLEAN, run.code(), dockerfile + ": " + run);
      assertTrue(run.out().contains("container 'myapp'") && run.out().contains(dockerfile.getFileName().toString()),
          dockerfile + ": " + run);
      assertFalse((run.out() + run.err()).contains("SECRET_TOKEN") || (run.out() + run.err()).contains("xxxxxxxxxx"),
          dockerfile + ": " + run);
      assertTrue(run.out().length() < 20_000, dockerfile + ": " + run.out().length() + " characters");
    }
  }
}
