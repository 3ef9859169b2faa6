package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's own golden parser cases, so that a clone without BuildKit's corpus still tests
 * the parser. Each folder under {@code parser-cases/} holds a {@code Dockerfile} and an {@code
 * expected} file in our own format (see {@link #render}): one line per instruction with its
 * physical line range and BuildKit-style dump, its heredocs, then the parse warnings; or a single
 * {@code error} line for a file the parser must reject.
 */
class ParserCasesTest {

  @TestFactory
  Stream<DynamicTest> everyCaseParsesAsExpected() throws IOException, URISyntaxException {
    Path root = Path.of(ParserCasesTest.class.getResource("parser-cases").toURI());
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(root)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 15, "cases found: " + cases.size());
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      String dockerfile = Files.readString(dir.resolve("Dockerfile"), StandardCharsets.UTF_8);
      String expected = Files.readString(dir.resolve("expected"), StandardCharsets.UTF_8);

      assertEquals(expected, render(dockerfile));
    }));
  }

  /**
   * {@code escape <token>}, then per instruction {@code <start>-<end> <dump>} and one indented
   * {@code heredoc <name> fd=<n> expand=<bool> chomp=<bool> <content in Go quoting>} line per
   * heredoc, then {@code warning <text>} lines. A rejected file renders as {@code error <message>}.
   */
  static String render(String dockerfile) {
    DockerfileAst ast;
    try {
      ast = DockerfileParser.parse(dockerfile, "Dockerfile");
    } catch (DockerfileException e) {
      return "error " + e.getMessage() + "\n";
    }
    StringBuilder out = new StringBuilder("escape ").append(ast.escapeToken()).append('\n');
    for (Node instruction : ast.instructions()) {
      out.append(instruction.startLine()).append('-').append(instruction.endLine()).append(' ')
          .append(instruction.dump()).append('\n');
      for (Heredoc h : instruction.heredocs()) {
        out.append("  heredoc ").append(h.name()).append(" fd=").append(h.fileDescriptor())
            .append(" expand=").append(h.expand()).append(" chomp=").append(h.chomp()).append(' ')
            .append(GoText.quote(h.content())).append('\n');
      }
    }
    ast.warnings().forEach(w -> out.append("warning ").append(w).append('\n'));
    return out.toString();
  }
}
