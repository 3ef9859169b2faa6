package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's own table of every {@code ${…}} form, quoting and word splitting
 * ({@code word-expansion.txt}, format described at its top), so that a clone without BuildKit's
 * corpus still tests {@link WordExpander}.
 */
class WordExpansionTableTest {

  @TestFactory
  Stream<DynamicTest> everyRowExpandsAsWritten() throws IOException {
    String table;
    try (InputStream in = WordExpansionTableTest.class.getResourceAsStream("word-expansion.txt")) {
      table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> env = new HashMap<>();
    char escape = '\\';
    List<DynamicTest> tests = new ArrayList<>();
    String[] lines = table.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      String where = "word-expansion.txt:" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("env ")) {
        String entry = line.substring(4);
        int eq = entry.indexOf('=');
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
        continue;
      }
      if (line.startsWith("escape ")) {
        escape = line.substring(7).strip().charAt(0);
        continue;
      }
      int space = line.indexOf(' ');
      int arrow = line.lastIndexOf(" =>");
      assertTrue(space > 0 && arrow > space, where + " is not '<kind> <input> => <expected>'");
      String kind = line.substring(0, space);
      String input = line.substring(space, arrow).strip();
      String expected = line.substring(arrow + 3).strip();
      Map<String, String> vars = Map.copyOf(env);
      WordExpander expander = new WordExpander(escape);
      tests.add(DynamicTest.dynamicTest(where + " " + kind + " " + input, () -> {
        switch (kind) {
          case "word" -> assertEquals(expected, expander.processWord(input, vars::get));
          case "words" -> assertEquals(
              expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" / ", -1)),
              expander.processWords(input, vars::get));
          case "error" -> assertEquals(expected, assertThrows(SyntaxProblem.class,
              () -> expander.processWord(input, vars::get)).getMessage());
          default -> throw new AssertionError(where + ": unknown kind " + kind);
        }
      }));
    }
    assertTrue(tests.size() >= 90, "rows read: " + tests.size());
    return tests.stream();
  }
}
