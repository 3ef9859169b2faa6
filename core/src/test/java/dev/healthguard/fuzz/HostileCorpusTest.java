package dev.healthguard.fuzz;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile inputs of issue 10 that are too large to seed a fuzzer (libFuzzer mutates inputs of
 * up to 4 KB, and the instrumented code is slow on them): a 300 KB line, 2,000 RUN lines, chains of
 * 100,000 tar headers, a gzip name without its NUL. Each goes through the same target and
 * invariants as the fuzzer's inputs, uninstrumented, in every test run. The small seeds live in
 * Jazzer's {@code <Target>FuzzTestInputs} directories and are replayed by the fuzz tests.
 */
class HostileCorpusTest {

  interface Target {
    void check(byte[] input) throws IOException;
  }

  static Stream<Arguments> inputs() throws IOException, URISyntaxException {
    Path root = Path.of(HostileCorpusTest.class.getResource("hostile").toURI());
    List<Arguments> all = new java.util.ArrayList<>();
    for (String target : List.of("Dockerfile", "Command", "ImageName", "Layer")) {
      try (Stream<Path> files = Files.list(root.resolve(target))) {
        files.sorted().forEach(f -> all.add(Arguments.of(target, f.getFileName().toString(), f)));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("inputs")
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang; the time bound itself is checked below
  void hostileInputIsHandled(String target, String name, Path file) throws Exception {
    Target check = switch (target) {
      case "Dockerfile" -> DockerfileFuzzTest::check;
      case "Command" -> CommandFuzzTest::check;
      case "ImageName" -> ImageNameFuzzTest::check;
      default -> LayerFuzzTest::check;
    };
    byte[] input = Files.readAllBytes(file);
    Invariants.withinTime(() -> check.check(input));
  }
}
