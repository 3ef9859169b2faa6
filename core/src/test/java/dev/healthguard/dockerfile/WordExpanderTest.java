package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expansion forms the BuildKit tables do not cover. */
class WordExpanderTest {
  private static final Map<String, String> ENV = Map.of(
      "FILE", "/usr/local/lib/libfoo.so.1", "VERSION", "v1.2.3", "PLATFORM", "linux/arm64/v8", "EMPTY", "");

  private static String word(String input) {
    return new WordExpander('\\').processWord(input, ENV::get);
  }

  @Test
  void prefixRemovalShortestAndLongest() {
    assertEquals("usr/local/lib/libfoo.so.1", word("${FILE#*/}"));
    assertEquals("libfoo.so.1", word("${FILE##*/}"));
    assertEquals("1.2.3", word("${VERSION#v}"));
    assertEquals("v1.2.3", word("${VERSION#x}"));
  }

  @Test
  void suffixRemovalShortestAndLongest() {
    assertEquals("/usr/local/lib/libfoo.so", word("${FILE%.*}"));
    assertEquals("/usr/local/lib/libfoo", word("${FILE%%.*}"));
    assertEquals("linux/arm64", word("${PLATFORM%/*}"));
    assertEquals("linux", word("${PLATFORM%%/*}"));
  }

  @Test
  void patternsSupportClassesAndEscapes() {
    assertEquals("1.2.3", word("${VERSION#[uv]}"));
    assertEquals("v1.2.3", word("${VERSION#[!v]}"));
    assertEquals("v1.2", word("${VERSION%\\.*}"));
  }

  @Test
  void replaceFirstAndAll() {
    assertEquals("linux-arm64/v8", word("${PLATFORM/\\//-}"));
    assertEquals("linux-arm64-v8", word("${PLATFORM//\\//-}"));
    assertEquals("v1_2.3", word("${VERSION/./_}"));
    assertEquals("", word("${UNSET/a/b}"));
  }

  @Test
  void colonWithPatternModifiersIsAnError() {
    assertThrows(SyntaxProblem.class, () -> word("${FILE:#x}"));
    assertThrows(SyntaxProblem.class, () -> word("${FILE:%x}"));
  }

  @Test
  void questionModifiersReportTheVariable() {
    SyntaxProblem unset = assertThrows(SyntaxProblem.class, () -> word("${MISSING?}"));
    SyntaxProblem empty = assertThrows(SyntaxProblem.class, () -> word("${EMPTY:?must be set}"));

    assertEquals("MISSING: is not allowed to be unset", unset.getMessage());
    assertEquals("EMPTY: must be set", empty.getMessage());
  }

  @Test
  void unsetReferencesAreReportedUnlessADefaultCoversThem() {
    WordExpander.Expansion e = new WordExpander('\\').expand("$A ${B} ${C:-x} ${D+y} ${E#p}", ENV::get);

    assertEquals(Set.of("A", "B", "E"), e.unset());
  }

  @Test
  void backtickEscapeTokenEscapesAndBackslashIsLiteral() {
    WordExpander windows = new WordExpander('`');

    assertEquals("C:\\app $x", windows.processWord("C:\\app `$x", WordExpander.Variables.NONE));
    assertEquals("a\"b", windows.processWord("\"a`\"b\"", WordExpander.Variables.NONE));
  }

  @Test
  void wordsSplitOnlyUnquotedExpansions() {
    List<String> words = new WordExpander('\\').processWords("a \"$PLATFORM x\" $LIST", Map.of("PLATFORM", "p", "LIST", "1 2")::get);

    assertEquals(List.of("a", "p x", "1", "2"), words);
  }

  @Test
  void rawModesKeepQuotesEscapesAndUnsetReferences() {
    WordExpander raw = new WordExpander('\\', new WordExpander.Mode(true, true, true));

    assertEquals(List.of("'a b'", "\"$X\"", "\\$Y", "${Z:-d}"),
        raw.processWords("'a b' \"$X\" \\$Y ${Z:-d}", WordExpander.Variables.NONE));
  }
}
