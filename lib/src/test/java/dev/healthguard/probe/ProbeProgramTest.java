package dev.healthguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.dockerfile.DockerfileAst;
import dev.healthguard.dockerfile.DockerfileEvaluator;
import dev.healthguard.dockerfile.DockerfileParser;
import dev.healthguard.dockerfile.ImageRecipe;
import dev.healthguard.dockerfile.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe's sources as shipped, read without Go: the Dockerfile (with HealthGuard's own parser
 * and evaluator), the Go version and the imports. {@link ProbeGoTest} runs {@code go vet} and the
 * Go unit tests, {@link ProbeBinaryTest} builds the binary and runs it.
 */
class ProbeProgramTest {

  static String text(String name) {
    return new String(BundledProbe.fromResources().file(name), StandardCharsets.UTF_8);
  }

  @Test
  void theDockerfileBuildsAStaticProbeOnScratch() {
    // GIVEN
    String dockerfile = text("Dockerfile");
    ImageRecipe recipe = DockerfileEvaluator.evaluate(dockerfile, "Dockerfile", null);
    // THEN: the final image, as HealthGuard itself reads it
    assertEquals("scratch", recipe.baseImage());
    assertEquals("65532:65532", recipe.user());
    assertEquals(null, recipe.healthcheck());
    List<String> instructions = DockerfileParser.parse(dockerfile, "Dockerfile").instructions().stream()
        .map(n -> n.value().toUpperCase(Locale.ROOT)).toList();
    assertFalse(instructions.contains("EXPOSE"), "the probe listens on nothing");
    assertTrue(dockerfile.contains("ENTRYPOINT [\"/probe\"]"));
    assertTrue(dockerfile.contains("CGO_ENABLED=0"));
    assertTrue(dockerfile.contains("VOLUME [\"" + "/healthguard" + "\"]"));
    assertTrue(dockerfile.contains("--chown=65532:65532"));
  }

  @Test
  void theBuildStageIsAGolangImagePinnedByTagAndDigest() {
    DockerfileAst ast = DockerfileParser.parse(text("Dockerfile"), "Dockerfile");
    Node from = ast.instructions().stream().filter(n -> n.value().equalsIgnoreCase("from")).findFirst().orElseThrow();
    List<String> words = from.arguments().stream().map(Node::value).toList();
    // golang:<major>.<minor>.<patch>[-variant]@sha256:<index digest> AS build
    assertTrue(words.get(0).matches("golang:\\d+\\.\\d+\\.\\d+(-[a-z0-9.]+)?@sha256:[0-9a-f]{64}"),
        words.toString());
    assertEquals(List.of("AS", "build"), List.of(words.get(1), words.get(2)).stream()
        .map(w -> w.equalsIgnoreCase("as") ? "AS" : w).toList());
  }

  @Test
  void theModuleTargetsGo119() {
    assertTrue(text("go.mod").lines().anyMatch(l -> l.strip().equals("go 1.19")), text("go.mod"));
  }

  @Test
  void theProgramUsesTheStandardLibraryOnly() {
    String main = text("main.go");
    Matcher block = Pattern.compile("import \\(([^)]*)\\)").matcher(main);
    assertTrue(block.find());
    List<String> imports = block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty())
        .map(l -> l.replace("\"", "")).toList();
    assertFalse(imports.isEmpty());
    for (String path : imports) {
      // Standard-library paths have no dot in their first element.
      assertFalse(path.split("/")[0].contains("."), path);
    }
  }

  @Test
  void theProgramHasTheFourSubcommandsAndExitsTwoOnUsageErrors() {
    String main = text("main.go");
    for (String sub : List.of("install", "http", "tcp", "sleep")) {
      assertTrue(main.contains("case \"" + sub + "\":"), sub);
    }
    assertTrue(main.contains("exitUsage     = 2"));
  }
}
