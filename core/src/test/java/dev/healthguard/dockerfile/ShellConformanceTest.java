package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * BuildKit's expansion tables ({@code TestShellParser4EnvVars}, {@code TestShellParser4Words} in
 * frontend/dockerfile/shell/lex_test.go) run against {@link WordExpander}.
 */
class ShellConformanceTest {

  /**
   * Rows we knowingly do not pass, by table line number, each with its reason. Windows-only rows
   * ({@code W|}) are not listed: they test case-insensitive names, which only apply to Windows
   * images, and are skipped by platform like the upstream test does on Linux.
   */
  private static final Set<Integer> KNOWN_ENV_VAR_FAILURES = Set.of();

  private static final Map<String, String> ENV_VAR_TEST_ENV =
      Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");

  @TestFactory
  Stream<DynamicTest> envVarTestRows() {
    String table = Corpus.read(Corpus.shell().resolve("envVarTest"));
    List<DynamicTest> tests = new ArrayList<>();
    int windowsOnly = 0;
    String[] lines = table.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\|", -1);
      assertEquals(3, fields.length, "envVarTest:" + lineNumber + " is not P|input|expected");
      String platform = fields[0].strip();
      String input = fields[1].strip();
      String expected = fields[2].strip();
      if (platform.equals("W")) {
        windowsOnly++;
        continue;
      }
      if (KNOWN_ENV_VAR_FAILURES.contains(lineNumber)) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest("envVarTest:" + lineNumber + " " + input, () -> {
        WordExpander expander = new WordExpander('\\');
        if (expected.equals("error")) {
          assertThrows(SyntaxProblem.class, () -> expander.processWord(input, ENV_VAR_TEST_ENV::get));
        } else {
          assertEquals(expected, expander.processWord(input, ENV_VAR_TEST_ENV::get));
        }
      }));
    }
    assertEquals(2, windowsOnly, "Windows-only rows in envVarTest");
    assertEquals(228, tests.size() + KNOWN_ENV_VAR_FAILURES.size(), "A and U rows in envVarTest");
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> wordsTestRows() {
    String table = Corpus.read(Corpus.shell().resolve("wordsTest"));
    List<DynamicTest> tests = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    String[] lines = table.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("ENV ")) {
        // Everything after "ENV " is one name=value entry, trailing blanks included; the first
        // definition of a name wins, as in BuildKit's buildEnvs.
        String entry = line.substring(3).replaceFirst("^ +", "");
        int eq = entry.indexOf('=');
        env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
        continue;
      }
      String[] fields = line.split("\\|", -1);
      if (fields.length != 2) {
        fail("wordsTest:" + lineNumber + " is not input|w1,w2");
      }
      String input = fields[0].strip();
      List<String> expected = Arrays.asList(fields[1].replaceFirst("^ +", "").split(",", -1));
      Map<String, String> snapshot = Map.copyOf(env);
      tests.add(DynamicTest.dynamicTest("wordsTest:" + lineNumber + " " + input, () -> {
        WordExpander expander = new WordExpander('\\');
        List<String> actual;
        try {
          actual = expander.processWords(input, snapshot::get);
        } catch (SyntaxProblem e) {
          actual = List.of("error");
        }
        assertEquals(expected, actual);
      }));
    }
    assertEquals(24, tests.size(), "rows in wordsTest");
    return tests.stream();
  }
}
