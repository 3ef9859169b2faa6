package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BuildKit's own parser tests, run against our parser: {@code TestParseCases},
 * {@code TestParseErrorCases} and {@code TestParseIncludesLineNumbers} from
 * frontend/dockerfile/parser/parser_test.go, over the unmodified golden files.
 */
class ParserConformanceTest {

  @TestFactory
  Stream<DynamicTest> everyGoldenCaseDumpsExactlyLikeBuildKit() {
    List<Path> cases = Corpus.caseDirectories(Corpus.parser().resolve("testfiles"));
    assertEquals(33, cases.size(), "positive cases in the corpus");
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      String dockerfile = Corpus.read(dir.resolve("Dockerfile"));
      String expected = Corpus.read(dir.resolve("result"));

      DockerfileAst ast = DockerfileParser.parse(dockerfile, "Dockerfile");

      assertEquals(expected, ast.dump() + "\n");
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyNegativeCaseIsRejected() {
    List<Path> cases = Corpus.caseDirectories(Corpus.parser().resolve("testfiles-negative"));
    assertEquals(4, cases.size(), "negative cases in the corpus");
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      String dockerfile = Corpus.read(dir.resolve("Dockerfile"));

      assertThrows(DockerfileException.class, () -> DockerfileParser.parse(dockerfile, "Dockerfile"));
    }));
  }

  @Test
  void lineNumbersCountEveryPhysicalLine() {
    // GIVEN the fixture of TestParseIncludesLineNumbers
    String dockerfile = Corpus.read(Corpus.parser().resolve("testfile-line/Dockerfile"));

    DockerfileAst ast = DockerfileParser.parse(dockerfile, "Dockerfile");

    // THEN the ranges written into the corpus README
    assertEquals(5, ast.root().startLine());
    assertEquals(31, ast.root().endLine());
    List<Node> children = ast.instructions();
    assertEquals(3, children.size());
    int[][] expected = {{5, 5}, {11, 12}, {17, 31}};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i][0], children.get(i).startLine(), "start of child " + i);
      assertEquals(expected[i][1], children.get(i).endLine(), "end of child " + i);
    }
  }
}
