package dev.healthguard.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Go toolchain the probe's tests build and test {@code main.go} with. A machine without Go
 * skips those tests with the reason printed; {@code .ci/run} installs Debian's Go, so CI runs them.
 * Nothing is fetched: the probe uses the standard library only, {@code GOPROXY=off} makes sure, and
 * the build cache lives under {@code target/}.
 */
final class GoToolchain {
  /** The probe's Go module, as shipped (its {@code _test.go} files are kept out of the jar). */
  static final Path SOURCES = Path.of("src", "main", "resources", "dev", "healthguard", "probe").toAbsolutePath();
  /** Where builds go; {@code mvn clean} removes it. */
  static final Path WORK = Path.of("target", "go").toAbsolutePath();

  private static final long TIMEOUT_MINUTES = 10;

  /**
   * The output and exit status of one command.
   *
   * @param exit the exit status
   * @param output stdout and stderr, interleaved
   */
  record Result(int exit, String output) {}

  private final Path go;

  private GoToolchain(Path go) {
    this.go = go;
  }

  /** The {@code go} on the PATH; without one the calling test is skipped, the reason printed. */
  static GoToolchain require() {
    Path found = null;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, "go");
      if (candidate != null && Files.isExecutable(candidate)) {
        found = candidate;
        break;
      }
    }
    String reason = "no Go toolchain (go) on the PATH; skipping the probe's Go tests and built-binary "
        + "tests (.ci/run installs Debian's golang-go)";
    if (found == null) {
      System.err.println("SKIPPED: " + reason);
    }
    assumeTrue(found != null, reason);
    return new GoToolchain(found);
  }

  /** Runs {@code go <args>} in the probe's module directory. */
  Result go(String... args) {
    List<String> command = new ArrayList<>(List.of(go.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(SOURCES.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("GOCACHE", WORK.resolve("cache").toString());
    env.put("GOPATH", WORK.resolve("path").toString());
    env.put("GOPROXY", "off");
    env.put("GOFLAGS", "");
    env.put("GOENV", "off");
    env.put("GOTOOLCHAIN", "local");
    env.put("GOTELEMETRY", "off");
    // Static, as the probe image builds it; also spares the tests a C compiler.
    env.put("CGO_ENABLED", "0");
    return run(builder, "go " + String.join(" ", args));
  }

  /** Runs a process to its end (at most ten minutes) and returns its status and output. */
  static Result run(ProcessBuilder builder, String what) {
    try {
      Files.createDirectories(WORK);
      Path log = Files.createTempFile(WORK, "out-", ".txt");
      Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(what + " did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + " was interrupted", e);
    }
  }
}
