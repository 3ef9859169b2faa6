package dev.healthguard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellLexerTest {

  /** Tokens rendered compactly: words by value, operators in angle brackets, newlines as NL. */
  private static List<String> tokens(String script) {
    List<String> out = new ArrayList<>();
    for (Token t : ShellLexer.lex(script).tokens()) {
      switch (t.kind()) {
        case WORD -> out.add(t.word().value());
        case OPERATOR -> out.add("<" + t.text() + ">");
        case IO_NUMBER -> out.add("fd" + t.text());
        case NEWLINE -> out.add("NL");
        case END -> { }
      }
    }
    return out;
  }

  private static Word onlyWord(String script) {
    List<Token> ts = ShellLexer.lex(script).tokens();
    assertEquals(2, ts.size(), "one word then END: " + ts);
    return ts.get(0).word();
  }

  @Test
  void lex_splitsOnBlanksAndOperators() {
    assertEquals(List.of("curl", "-f", "http://localhost/", "<||>", "exit", "1"),
        tokens("curl -f http://localhost/ || exit 1"));
    assertEquals(List.of("a", "<&&>", "b", "<;>", "c", "<|>", "d", "<&>"), tokens("a&&b;c|d&"));
    assertEquals(List.of("<(>", "a", "<)>", "<;;>"), tokens("(a);;"));
  }

  @Test
  void lex_singleQuotesKeepEverythingLiteral() {
    Word w = onlyWord("'a b $X \\n \"q\"'");
    assertEquals("a b $X \\n \"q\"", w.value());
    assertTrue(w.quoted());
    assertFalse(w.dynamic(), "no expansion inside single quotes");
  }

  @Test
  void lex_doubleQuotesExpandAndEscapeOnlySpecialCharacters() {
    Word w = onlyWord("\"x=\\$HOME \\\" \\a $PORT\"");
    assertEquals("x=$HOME \" \\a $PORT", w.value());
    assertTrue(w.dynamic(), "$PORT is an expansion");
  }

  @Test
  void lex_backslashQuotesOneCharacterAndJoinsLines() {
    assertEquals(List.of("a b", "c"), tokens("a\\ b c"));
    assertEquals(List.of("curl", "-f", "x"), tokens("curl \\\n  -f x"));
    assertEquals(List.of("ab"), tokens("a\\\nb"));
  }

  @Test
  void lex_concatenatesQuotedAndUnquotedParts() {
    Word w = onlyWord("http://\"localhost\":'8080'/h");
    assertEquals("http://localhost:8080/h", w.value());
    assertEquals("http://\"localhost\":'8080'/h", w.raw());
  }

  @Test
  void lex_keepsParameterExpansionsVerbatim() {
    assertEquals("http://localhost:${PORT:-8080}/health",
        onlyWord("http://localhost:${PORT:-8080}/health").value());
    assertEquals("$1$?$$", onlyWord("$1$?$$").value());
    assertEquals("cost$", onlyWord("cost$").value(), "a lone $ is literal");
  }

  @Test
  void lex_collectsCommandSubstitutions() {
    Word w = onlyWord("http://localhost:$(cat /run/port)/`hostname`");
    assertEquals(List.of("cat /run/port", "hostname"), w.substitutions());
    assertTrue(w.dynamic());
    assertEquals("http://localhost:$(cat /run/port)/`hostname`", w.value());
  }

  @Test
  void lex_nestedSubstitutionIsKeptWhole() {
    Word w = onlyWord("$(echo $(cat f) \")\")");
    assertEquals(List.of("echo $(cat f) \")\""), w.substitutions());
  }

  @Test
  void lex_arithmeticIsNotACommandSubstitution() {
    Word w = onlyWord("$((1+2))");
    assertEquals(List.of(), w.substitutions());
    assertTrue(w.dynamic());
  }

  @Test
  void lex_backticksUnescapeDollarBackquoteBackslash() {
    Word w = onlyWord("`echo \\$HOME \\` x`");
    assertEquals(List.of("echo $HOME ` x"), w.substitutions());
  }

  @Test
  void lex_ansiCQuotesDecodeEscapes() {
    assertEquals("a\nb", onlyWord("$'a\\nb'").value());
  }

  @Test
  void lex_recognisesRedirectionsAndFileDescriptors() {
    assertEquals(List.of("cmd", "<>>", "/dev/null", "fd2", "<>&>", "1"), tokens("cmd >/dev/null 2>&1"));
    assertEquals(List.of("exec", "fd3", "<<>>", "/dev/tcp/h/80"), tokens("exec 3<>/dev/tcp/h/80"));
    assertEquals(List.of("cmd", "<&>>", "/dev/null"), tokens("cmd &>/dev/null"));
    assertEquals(List.of("cmd", "<>>>", "log", "<<>", "in"), tokens("cmd >>log <in"));
    assertEquals(List.of("echo", "2x"), tokens("echo 2x"), "digits not followed by < or > are a word");
  }

  @Test
  void lex_commentsRunToEndOfLineButOnlyAtWordStart() {
    assertEquals(List.of("true", "NL", "x#y"), tokens("true # ignored\nx#y"));
  }

  @Test
  void lex_skipsHereDocumentBodies() {
    assertEquals(List.of("cat", "<<<->", "EOF", "NL", "echo", "done"),
        tokens("cat <<-EOF\n\tbody $(not run)\n\tEOF\necho done"));
    assertTrue(ShellLexer.lex("cat <<EOF\nbody\n").problems().get(0).contains("not closed"));
  }

  @Test
  void lex_reportsUnterminatedQuotesAndKeepsTheRest() {
    ShellLexer.Result r = ShellLexer.lex("curl 'http://x/ || exit 1");
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).startsWith("Unterminated single quote (') at character 6"),
        r.problems().get(0));
    assertEquals("http://x/ || exit 1", r.tokens().get(1).word().value());

    assertTrue(ShellLexer.lex("echo \"abc").problems().get(0).contains("double quote"));
    assertTrue(ShellLexer.lex("echo $(abc").problems().get(0).contains("command substitution"));
    assertTrue(ShellLexer.lex("echo `abc").problems().get(0).contains("backquote"));
    assertTrue(ShellLexer.lex("echo ${abc").problems().get(0).contains("parameter expansion"));
  }

  @Test
  void lex_emptyAndBlankScriptsGiveOnlyEnd() {
    assertEquals(List.of(), tokens(""));
    assertEquals(List.of(), tokens("   \t "));
    assertEquals(List.of(), tokens(null));
  }

  @Test
  void lex_trailingBackslashStaysLiteral() {
    assertEquals("a\\", onlyWord("a\\").value());
  }
}
