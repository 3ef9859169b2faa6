package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files inside the context are read, each up to a cap, and none of them blocks (issue 10). */
class BuildContextTest {

  @TempDir Path dir;

  private Path context() throws IOException {
    return Files.createDirectories(dir.resolve("app/docker"));
  }

  private Path foreign() throws IOException {
    return Files.writeString(dir.resolve("secret.env"), "SECRET_TOKEN=hunter2-do-not-echo\n");
  }

  private String refusal(Path context, String relative) {
    UnreadableFileException e = assertThrows(UnreadableFileException.class,
        () -> BuildContext.of(context).readText(relative, "the Dockerfile " + relative, 1 << 20));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET_TOKEN"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aRegularFileInsideTheContextIsRead() throws Exception {
    Path context = context();
    Files.writeString(context.resolve("Dockerfile"), "FROM alpine\n");
    Files.createDirectories(context.resolve("sub"));
    Files.writeString(context.resolve("sub/Dockerfile.prod"), "FROM debian\n");
    Files.createSymbolicLink(context.resolve("Dockerfile.link"), Path.of("sub/Dockerfile.prod"));

    assertEquals("FROM alpine\n", BuildContext.of(context).readText("Dockerfile", "d", 100));
    assertEquals("FROM debian\n", BuildContext.of(context).readText("sub/Dockerfile.prod", "d", 100));
    assertEquals("FROM debian\n", BuildContext.of(context).readText("Dockerfile.link", "d", 100)); // a link that stays inside
  }

  @Test
  void aPathOutsideTheContextIsRefusedByName() throws Exception {
    Path context = context();
    foreign();

    String message = refusal(context, "../../secret.env");

    assertEquals("the Dockerfile ../../secret.env is outside the build context, which is all a build can read; "
        + "it was not read", message);
  }

  @Test
  void aSymlinkLeadingOutsideTheContextIsRefused() throws Exception {
    Path context = context();
    Files.createSymbolicLink(context.resolve("Dockerfile"), foreign());

    assertEquals("the Dockerfile Dockerfile is a symbolic link that leads outside the build context, which is all "
        + "a build can read; it was not read", refusal(context, "Dockerfile"));
  }

  @Test
  void aDirectoryLinkLeadingOutsideIsRefusedToo() throws Exception {
    Path context = context();
    foreign();
    Files.createSymbolicLink(context.resolve("up"), dir);

    assertTrue(refusal(context, "up/secret.env").contains("outside the build context"));
  }

  @Test
  void devZeroThroughALinkIsNeverOpened() throws Exception {
    Path context = context();
    Files.createSymbolicLink(context.resolve("Dockerfile"), Path.of("/dev/zero"));

    String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(context, "Dockerfile"));

    assertTrue(message.contains("outside the build context"), message);
  }

  @Test
  void aFifoInsideTheContextIsRefusedWithoutBlocking() throws Exception {
    Path context = context();
    Path fifo = context.resolve("Dockerfile");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");

    String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(context, "Dockerfile"));

    assertEquals("the Dockerfile Dockerfile is a special file (a pipe, socket or device), not a regular file; "
        + "it was not read", message);
  }

  @Test
  void aFileOverTheCapIsRefusedAndOneAtTheCapIsRead() throws Exception {
    Path context = context();
    Files.write(context.resolve("Dockerfile"), new byte[101]);

    UnreadableFileException e = assertThrows(UnreadableFileException.class,
        () -> BuildContext.of(context).readBytes("Dockerfile", "the Dockerfile Dockerfile", 100));
    assertEquals("the Dockerfile Dockerfile is larger than 100 bytes", e.getMessage());
    assertEquals(101, BuildContext.of(context).readBytes("Dockerfile", "d", 101).length);
  }

  @Test
  void aMissingFileAndADirectorySayWhat() throws Exception {
    Path context = context();
    Files.createDirectories(context.resolve("Dockerfile"));
    Files.createSymbolicLink(context.resolve("dangling"), context.resolve("nothing"));

    assertEquals("the Dockerfile Dockerfile is a directory, not a file", refusal(context, "Dockerfile"));
    assertEquals("the Dockerfile gone could not be read: it does not exist (or is a link to nothing)",
        refusal(context, "gone"));
    assertTrue(refusal(context, "dangling").contains("does not exist"));
  }

  @Test
  void aHostileFileNameIsEscapedAndCut() throws Exception {
    Path context = context();
    String name = "x\u001b[31m".repeat(100);

    String message = refusal(context, name);

    assertFalse(message.contains("\u001b"), message);
    assertEquals(1, message.split("more characters", -1).length - 1, message); // the name once, cut
    assertTrue(message.endsWith("could not be read: File name too long"), message);
  }

  @Test
  void latin1InACommentOrStringIsReadAsDockerDoes() throws Exception {
    Path context = context();
    byte[] latin1 = "# caf\u00e9 au lait\nFROM alpine\nLABEL note=\"\u00e9t\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(context.resolve("Dockerfile"), latin1);

    String text = BuildContext.of(context).readText("Dockerfile", "d", 1000);

    assertEquals("# caf\u00e9 au lait\nFROM alpine\nLABEL note=\"\u00e9t\u00e9\"\n", text);
    ImageRecipe recipe = DockerfileEvaluator.evaluate(text, "Dockerfile", BuildOptions.DEFAULT);
    assertEquals("alpine", recipe.baseImage());
  }

  @Test
  void utf8StaysUtf8BesideAStrayByte() {
    byte[] mixed = {'a', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xE9, ' ', (byte) 0xE2, (byte) 0x82, 'x',
        (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};

    assertEquals("a\u00e9 \u00e9 \u00e2\u0082x\uD83D\uDE00", DockerfileText.decode(mixed));
  }

  private static boolean mkfifo(Path path) {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
