package dev.healthguard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShellParserTest {

  private static ShellNode parseClean(String script) {
    ShellParser.Result r = ShellParser.parse(script);
    assertEquals(List.of(), r.problems(), "no problems for: " + script);
    return r.root();
  }

  private static List<String> words(ShellNode node) {
    return ((ShellNode.Simple) node).words().stream().map(Word::value).collect(Collectors.toList());
  }

  @Test
  void parse_simpleCommandSeparatesAssignmentsWordsAndRedirections() {
    ShellNode.Simple s = (ShellNode.Simple) parseClean("FOO=bar X=1 curl -f >/dev/null http://h/ 2>&1");
    assertEquals(List.of("FOO=bar", "X=1"),
        s.assignments().stream().map(Word::value).collect(Collectors.toList()));
    assertEquals(List.of("curl", "-f", "http://h/"), words(s));
    assertEquals(2, s.redirects().size());
    assertEquals(">", s.redirects().get(0).operator());
    assertEquals("/dev/null", s.redirects().get(0).target().value());
    assertEquals(2, s.redirects().get(1).fd());
    assertEquals(">&", s.redirects().get(1).operator());
  }

  @Test
  void parse_assignmentAfterTheCommandIsAnArgument() {
    assertEquals(List.of("env", "X=1", "cmd"), words(parseClean("env X=1 cmd")));
  }

  @Test
  void parse_quotedAssignmentIsTheCommand() {
    ShellNode.Simple s = (ShellNode.Simple) parseClean("'FOO=bar' x");
    assertEquals(0, s.assignments().size());
  }

  @Test
  void parse_andOrListKeepsOperatorsInOrder() {
    ShellNode.AndOr a = (ShellNode.AndOr) parseClean("a && b || c");
    assertEquals(List.of("&&", "||"), a.operators());
    assertEquals(3, a.items().size());
  }

  @Test
  void parse_lineBreakAfterAndOrOperatorIsAllowed() {
    assertInstanceOf(ShellNode.AndOr.class, parseClean("curl -f x ||\n  exit 1"));
  }

  @Test
  void parse_pipelineWithNegation() {
    ShellNode.Pipeline p = (ShellNode.Pipeline) parseClean("! curl x | grep -q ok");
    assertTrue(p.negated());
    assertEquals(2, p.commands().size());
  }

  @Test
  void parse_sequenceRecordsBackgroundItems() {
    ShellNode.Sequence q = (ShellNode.Sequence) parseClean("a & b; c\nd");
    assertEquals(4, q.items().size());
    assertEquals(List.of(true, false, false, false), q.background());
  }

  @Test
  void parse_subshellAndGroup() {
    ShellNode.AndOr a = (ShellNode.AndOr) parseClean("(cd /app && ./check) || { echo bad; exit 1; }");
    assertInstanceOf(ShellNode.Subshell.class, a.items().get(0));
    assertInstanceOf(ShellNode.Group.class, a.items().get(1));
  }

  @Test
  void parse_braceIsOnlyReservedAsItsOwnWord() {
    assertEquals(List.of("echo", "{x}", "}"), words(parseClean("echo {x} }")));
  }

  @Test
  void parse_ifElifElse() {
    ShellNode.If i = (ShellNode.If) parseClean("if a; then b; elif c; then d; else e; fi");
    assertEquals(2, i.conditions().size());
    assertEquals(2, i.branches().size());
    assertEquals(List.of("e"), words(i.otherwise()));
  }

  @Test
  void parse_ifWithoutElse() {
    assertNull(((ShellNode.If) parseClean("if [ -f /x ]\nthen\n  exit 0\nfi")).otherwise());
  }

  @Test
  void parse_loops() {
    ShellNode.Loop w = (ShellNode.Loop) parseClean("while ! nc -z h 1; do sleep 1; done");
    assertEquals("while", w.keyword());
    ShellNode.Loop f = (ShellNode.Loop) parseClean("for i in 1 2 3; do curl -f x && exit 0; sleep 1; done");
    assertEquals("for", f.keyword());
    assertEquals(3, f.items().size());
  }

  @Test
  void parse_caseArms() {
    ShellNode.Case c = (ShellNode.Case) parseClean("case $(cat s) in ok|up) exit 0;; (*) exit 1;; esac");
    assertEquals(2, c.arms().size());
  }

  @Test
  void parse_functionDefinition() {
    ShellNode.Sequence q = (ShellNode.Sequence) parseClean("check() { curl -f x; }; check");
    assertInstanceOf(ShellNode.FunctionDef.class, q.items().get(0));
    assertEquals("check", ((ShellNode.FunctionDef) q.items().get(0)).name());
  }

  @Test
  void parse_reservedWordsAreArgumentsAfterTheCommandWord() {
    assertEquals(List.of("echo", "if", "then", "done"), words(parseClean("echo if then done")));
  }

  @Test
  void parse_doubleBracketReadsOperatorsAsWords() {
    ShellNode.AndOr a = (ShellNode.AndOr) parseClean("[[ -n $X && $X < 5 ]] && curl x");
    assertEquals(List.of("[[", "-n", "$X", "&&", "$X", "<", "5", "]]"), words(a.items().get(0)));
  }

  @Test
  void parse_redirectionOnlyCommand() {
    ShellNode.Simple s = (ShellNode.Simple) parseClean("</dev/tcp/localhost/8080");
    assertEquals(0, s.words().size());
    assertEquals("/dev/tcp/localhost/8080", s.redirects().get(0).target().value());
  }

  @Test
  void parse_syntaxErrorsAreProblemsNotExceptions() {
    assertTrue(ShellParser.parse("if true; then echo").problems().get(0).contains("has no `fi`"));
    assertTrue(ShellParser.parse("curl x |").problems().get(0).contains("`|` at character 8"));
    assertTrue(ShellParser.parse("curl x &&").problems().get(0).contains("has no command after it"));
    assertTrue(ShellParser.parse("a ) b").problems().get(0).startsWith("Unexpected `)`"));
    assertTrue(ShellParser.parse("fi").problems().get(0).startsWith("Unexpected `fi`"));
    assertTrue(ShellParser.parse("( a").problems().get(0).contains("has no `)`"));
    assertTrue(ShellParser.parse("{ a }").problems().get(0).contains("has no `}`"));
    assertTrue(ShellParser.parse("echo >").problems().get(0).contains("has no target"));
    assertTrue(ShellParser.parse("while true; echo; done").problems().get(0).contains("has no `do`"));
  }

  @Test
  void parse_keepsCommandsAroundASyntaxError() {
    ShellParser.Result r = ShellParser.parse("curl -f x ) ; wget y");
    assertEquals(1, r.problems().size());
    ShellNode.Sequence q = (ShellNode.Sequence) r.root();
    assertEquals(2, q.items().size());
  }

  @Test
  void parse_deepNestingStopsAtTheLimitWithoutStackOverflow() {
    String deep = "(".repeat(100_000) + "true" + ")".repeat(100_000);
    ShellParser.Result r = ShellParser.parse(deep);
    assertTrue(r.problems().stream().anyMatch(p -> p.contains("Nesting deeper than")), r.problems().toString());
  }

  @Test
  void parse_emptyScriptIsAnEmptySequence() {
    ShellNode.Sequence q = (ShellNode.Sequence) parseClean("  \n ");
    assertEquals(0, q.items().size());
  }
}
