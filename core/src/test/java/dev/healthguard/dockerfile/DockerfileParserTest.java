package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

  private static DockerfileAst parse(String dockerfile) {
    return DockerfileParser.parse(dockerfile, "Dockerfile");
  }

  private static List<Heredoc> heredocsOf(String dockerfile, int instruction) {
    return parse(dockerfile).instructions().get(instruction).heredocs();
  }

  @Test
  void heredocBodyIsRawAndEndsTheInstructionAtItsTerminator() {
    String dockerfile = "FROM alpine\nRUN <<EOF\n# internal comment\necho a \\\necho b # trailing\nEOF\nUSER nobody\n";

    DockerfileAst ast = parse(dockerfile);

    Node run = ast.instructions().get(1);
    assertEquals(List.of(new Heredoc("EOF", 0, true, false, "# internal comment\necho a \\\necho b # trailing\n")),
        run.heredocs());
    assertEquals(2, run.startLine());
    assertEquals(6, run.endLine());
    assertEquals("(from \"alpine\")\n(run \"<<EOF\")\n(user \"nobody\")", ast.dump());
  }

  @Test
  void quotedHeredocDelimitersTurnExpansionOff() {
    assertEquals(new Heredoc("EOF", 0, false, false, "x\n"), heredocsOf("FROM a\nRUN <<'EOF'\nx\nEOF\n", 1).get(0));
    assertEquals(new Heredoc("EOF", 0, false, false, "x\n"), heredocsOf("FROM a\nRUN <<\"EOF\"\nx\nEOF\n", 1).get(0));
    assertEquals(new Heredoc("eof", 0, false, false, ""), heredocsOf("FROM a\nRUN <<eo'f'\neof\n", 1).get(0));
    // an escaped quote is part of the name, not quoting
    assertEquals(new Heredoc("eo'f", 0, true, false, ""), heredocsOf("FROM a\nRUN <<eo\\'f\neo'f\n", 1).get(0));
    assertEquals(new Heredoc("one two", 0, false, false, ""), heredocsOf("FROM a\nRUN <<'one two'\none two\n", 1).get(0));
    assertEquals(new Heredoc("$EOF", 0, true, false, ""), heredocsOf("FROM a\nRUN <<$EOF\n$EOF\n", 1).get(0));
  }

  @Test
  void dashHeredocIgnoresLeadingTabsOfTheTerminatorAndKeepsThemInTheContent() {
    Heredoc heredoc = heredocsOf("FROM a\nRUN <<-EOT\n\tbaz\n\tquux\n\tEOT\n", 1).get(0);

    assertEquals(new Heredoc("EOT", 0, true, true, "\tbaz\n\tquux\n"), heredoc);
    assertEquals("baz\nquux\n", heredoc.chompedContent());
  }

  @Test
  void severalHeredocsOnOneLineAreReadInOrder() {
    List<Heredoc> heredocs = heredocsOf("FROM a\nCOPY <<X <<Y /dest\nY\nX\nX\nY\n", 1);

    assertEquals(List.of(new Heredoc("X", 0, true, false, "Y\n"), new Heredoc("Y", 0, true, false, "X\n")), heredocs);
  }

  @Test
  void heredocMarkersAcceptDescriptorsSpacesAndTrailingWords() {
    assertEquals(new Heredoc("EMPTY2", 3, true, false, ""), heredocsOf("FROM a\nRUN 3<<EMPTY2\nEMPTY2\n", 1).get(0));
    assertEquals("EOF", heredocsOf("FROM a\nRUN <<  EOF\nEOF\n", 1).get(0).name());
    assertEquals("-EOF", heredocsOf("FROM a\nRUN << -EOF\n-EOF\n", 1).get(0).name());
    assertEquals("print('hi')\n", heredocsOf("FROM a\nRUN <<COMPLEX python3\nprint('hi')\nCOMPLEX\n", 1).get(0).content());
    assertEquals("echo hello\n",
        heredocsOf("FROM a\nRUN --mount=type=cache,target=/foo <<MOUNT\necho hello\nMOUNT\n", 1).get(0).content());
  }

  @Test
  void heredocsOnlyBelongToShellFormRunCopyAndAdd() {
    // USER <<X is no heredoc, so X is the next instruction
    DockerfileAst user = parse("FROM a\nUSER <<INVALID\nINVALID\n");
    assertEquals("(from \"a\")\n(user \"<<INVALID\")\n(invalid \"\")", user.dump());
    assertTrue(heredocsOf("FROM a\nRUN [\"<<EOF\"]\n", 1).isEmpty());
    assertTrue(heredocsOf("FROM a\nRUN \"<<NOHEREDOC\"\n", 1).isEmpty());
    assertTrue(heredocsOf("FROM a\nRUN '<<NOHEREDOC'\n", 1).isEmpty());
  }

  @Test
  void onbuildCarriesTheHeredocOfItsTrigger() {
    DockerfileAst ast = parse("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n");

    Node onbuild = ast.instructions().get(1);
    assertEquals("onbuild (run \"<<EOF\")", onbuild.dump());
    assertEquals("echo hi\n", onbuild.heredocs().get(0).content());
  }

  @Test
  void unterminatedHeredocIsAnErrorAtItsInstruction() {
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> DockerfileParser.parse("FROM alpine\n\nRUN <<EOF\napk add curl\n", "Dockerfile.prod"));

    assertEquals("Dockerfile.prod:3: unterminated heredoc EOF", e.getMessage());
    assertEquals(3, e.location().startLine());
    assertEquals(4, e.location().endLine());
  }

  @Test
  void heredocMarkerWordsFollowBuildKitsParseHeredoc() {
    for (String valid : List.of("<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<EO\"F\"", "<< EOF", "<<- EOF")) {
      assertEquals("EOF", HeredocMarkers.parse(valid).name(), valid);
    }
    for (String notHeredoc : List.of("", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh")) {
      assertNull(HeredocMarkers.parse(notHeredoc), notHeredoc);
    }
    for (String invalid : List.of("<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\"")) {
      assertThrows(SyntaxProblem.class, () -> HeredocMarkers.parse(invalid), invalid);
    }
  }

  @Test
  void aLineWithAnUnbalancedQuoteHasNoHeredocs() {
    // BuildKit ignores a line it cannot split into words; the shell reports the quote later.
    assertTrue(heredocsOf("FROM a\nRUN <<'EOF\necho\n", 1).isEmpty());
  }

  @Test
  void escapeDirectiveChangesContinuationAndEscaping() {
    DockerfileAst ast = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n  c:\\\n");

    assertEquals('`', ast.escapeToken());
    assertEquals("(from \"mcr.microsoft.com/windows/servercore\")\n(run \"dir   c:\\\\\")", ast.dump());
  }

  @Test
  void directivesAreOnlyReadAtTheTop() {
    assertEquals('\\', parse("FROM a\n# escape=`\n").escapeToken());
    assertEquals('\\', parse("\n# escape=`\nFROM a\n").escapeToken());
    assertEquals('\\', parse("# unknown=x\n# escape=`\nFROM a\n").escapeToken());
    assertEquals('`', parse("# syntax=docker/dockerfile:1\n# check=skip=all\n#ESCAPE = `\nFROM a\n").escapeToken());
  }

  @Test
  void aRepeatedOrInvalidDirectiveIsAnError() {
    DockerfileException repeated = assertThrows(DockerfileException.class,
        () -> parse("# escape=\\\n# escape=`\nFROM a\n"));
    DockerfileException invalid = assertThrows(DockerfileException.class, () -> parse("# escape=x\nFROM a\n"));

    assertEquals("Dockerfile:2: only one escape parser directive can be used", repeated.getMessage());
    assertEquals("Dockerfile:1: invalid escape token 'x' does not match ` or \\", invalid.getMessage());
  }

  @Test
  void crlfLineEndingsAndAByteOrderMarkAreAccepted() {
    DockerfileAst ast = parse("\uFEFFFROM alpine\r\nRUN echo a \\\r\n  b\r\n");

    assertEquals("(from \"alpine\")\n(run \"echo a   b\")", ast.dump());
    assertEquals(2, ast.instructions().get(1).startLine());
    assertEquals(3, ast.instructions().get(1).endLine());
  }

  @Test
  void emptyContinuationLinesAreAcceptedWithAWarning() {
    DockerfileAst ast = parse("FROM a\nRUN echo \\\n\n  ok\n");

    assertEquals("(from \"a\")\n(run \"echo   ok\")", ast.dump());
    assertEquals(1, ast.warnings().size());
    assertTrue(ast.warnings().get(0).startsWith("Dockerfile:2: "));
  }

  @Test
  void jsonArrayWithANonStringIsAnErrorWithItsLine() {
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> parse("FROM a\n\nENTRYPOINT [\"app\", 1]\n"));

    assertEquals("Dockerfile:3: when using JSON array syntax, arrays must be comprised of strings only", e.getMessage());
  }

  @Test
  void jsonWithTrailingTextIsShellForm() {
    Node cmd = parse("CMD [\"a\"] b\n").instructions().get(0);

    assertEquals(List.of("[\"a\"] b"), cmd.argumentValues());
    assertEquals(false, cmd.json());
  }

  @Test
  void envWithoutValueIsAnError() {
    DockerfileException e = assertThrows(DockerfileException.class, () -> parse("FROM a\nENV PATH\n"));

    assertEquals("Dockerfile:2: ENV must have two arguments", e.getMessage());
  }

  @Test
  void flagsAndOriginalTextAreKept() {
    Node copy = parse("COPY --chown=\"app user\" --from=build -- a b /c/\n").instructions().get(0);

    assertEquals(List.of("--chown=app user", "--from=build"), copy.flags());
    assertEquals(List.of("a", "b", "/c/"), copy.argumentValues());
    assertEquals("COPY --chown=\"app user\" --from=build -- a b /c/", copy.original());
    assertEquals("COPY", copy.keyword());
    assertNull(copy.arguments().get(2).next());
  }
}
