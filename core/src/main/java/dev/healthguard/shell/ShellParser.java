package dev.healthguard.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a {@link ShellNode} tree from a script, by recursive descent over the POSIX shell grammar
 * (XCU 2.10.2): lists, and-or lists, pipelines, simple commands, subshells, brace groups,
 * {@code if}, {@code while}/{@code until}, {@code for}, {@code case} and function definitions.
 *
 * <p>It never throws on bad input. A syntax error adds a problem and the parser skips the token
 * that broke it, so the invocations around it are still found. Since sh refuses to run a script
 * with a syntax error, any problem here means the analysis must not claim the check cannot fail.
 */
public final class ShellParser {

  /**
   * Nesting deeper than this is not parsed. Real health checks nest two or three levels; the limit
   * keeps hostile input from exhausting the stack.
   */
  public static final int MAX_NESTING = 100;

  /**
   * At most this many problems are kept; hostile input such as 100,000 stray {@code )} would
   * otherwise produce as many messages. Real scripts have one or two.
   */
  public static final int MAX_PROBLEMS = 20;

  // Reserved words that end a list or cannot start a command (XCU 2.4).
  private static final Set<String> NOT_A_COMMAND_START =
      Set.of("then", "else", "elif", "fi", "do", "done", "esac", "}", "in");

  private final List<Token> tokens;
  private final List<String> problems = new ArrayList<>();
  private int pos;
  private int nesting;

  /** The tree, and every lexical and syntax problem; a clean parse has none. */
  public record Result(ShellNode root, List<String> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private ShellParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  public static Result parse(String script) {
    ShellLexer.Result lexed = ShellLexer.lex(script);
    ShellParser parser = new ShellParser(lexed.tokens());
    parser.problems.addAll(lexed.problems());
    // At the top level parseList reports and skips stray tokens, so it always reaches the end.
    ShellNode root = parser.parseList(Set.of());
    return new Result(root, List.copyOf(parser.problems));
  }

  // ---- lists ----

  /** A (compound) list, stopping before a token in {@code terminators} or the end. */
  private ShellNode parseList(Set<String> terminators) {
    List<ShellNode> items = new ArrayList<>();
    List<Boolean> background = new ArrayList<>();
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.kind() == Token.Kind.END || isTerminator(t, terminators)) {
        break;
      }
      int before = pos;
      ShellNode item = parseAndOr();
      if (item == null) {
        if (peek().kind() == Token.Kind.END) {
          break; // the nesting limit jumped to the end; already reported
        }
        if (!terminators.isEmpty() && isAnyListEnd(t)) {
          break; // an outer construct's terminator: let the caller report what is missing
        }
        report("Unexpected " + describe(t) + ".");
        pos = Math.max(pos + 1, before + 1);
        continue;
      }
      items.add(item);
      Token sep = peek();
      if (sep.isOperator(";") || sep.isOperator("&")) {
        pos++;
        background.add(sep.isOperator("&"));
      } else {
        background.add(false);
        if (sep.kind() != Token.Kind.NEWLINE
            && sep.kind() != Token.Kind.END
            && !isTerminator(sep, terminators)) {
          if (!terminators.isEmpty() && isAnyListEnd(sep)) {
            break;
          }
          report("Unexpected " + describe(sep) + ".");
          pos++;
          if (peek().isOperator(";") || peek().isOperator("&")) {
            pos++; // the separator after the stray token belongs to it; do not report it twice
          }
        }
      }
    }
    if (items.size() == 1 && !background.get(0)) {
      return items.get(0);
    }
    return new ShellNode.Sequence(items, background);
  }

  private ShellNode parseAndOr() {
    ShellNode first = parsePipeline();
    if (first == null) {
      return null;
    }
    List<ShellNode> items = new ArrayList<>(List.of(first));
    List<String> operators = new ArrayList<>();
    while (peek().isOperator("&&") || peek().isOperator("||")) {
      Token op = next();
      skipNewlines(); // a line may end after && or || (XCU 2.10.2 linebreak)
      ShellNode item = parsePipeline();
      if (item == null) {
        report("`" + op.text() + "` at character " + (op.offset() + 1) + " has no command after it.");
        break;
      }
      operators.add(op.text());
      items.add(item);
    }
    return items.size() == 1 ? first : new ShellNode.AndOr(items, operators);
  }

  private ShellNode parsePipeline() {
    boolean negated = false;
    Token bang = peek();
    if (bang.isWord("!")) {
      pos++;
      negated = true;
    }
    ShellNode first = parseCommand();
    if (first == null) {
      if (negated) {
        report("`!` at character " + (bang.offset() + 1) + " has no command after it.");
      }
      return null;
    }
    List<ShellNode> commands = new ArrayList<>(List.of(first));
    while (peek().isOperator("|")) {
      Token bar = next();
      skipNewlines();
      ShellNode command = parseCommand();
      if (command == null) {
        report("`|` at character " + (bar.offset() + 1) + " has no command after it.");
        break;
      }
      commands.add(command);
    }
    return negated || commands.size() > 1 ? new ShellNode.Pipeline(negated, commands) : first;
  }

  // ---- commands ----

  private ShellNode parseCommand() {
    Token t = peek();
    if (t.kind() == Token.Kind.OPERATOR && !t.isRedirection() && !t.isOperator("(")) {
      return null;
    }
    if (t.kind() == Token.Kind.WORD && isReserved(t, NOT_A_COMMAND_START)) {
      return null;
    }
    if (t.isOperator("(") || t.isWord("{") || t.isWord("if") || t.isWord("while")
        || t.isWord("until") || t.isWord("for") || t.isWord("case")) {
      if (nesting >= MAX_NESTING) {
        report("Nesting deeper than " + MAX_NESTING + " levels at character "
            + (t.offset() + 1) + " is not analysed.");
        pos = tokens.size() - 1; // jump to END
        return null;
      }
      nesting++;
      try {
        return parseCompound(t);
      } finally {
        nesting--;
      }
    }
    if (t.kind() == Token.Kind.WORD && peekAt(1).isOperator("(") && peekAt(2).isOperator(")")) {
      return parseFunction();
    }
    return parseSimple();
  }

  private ShellNode parseCompound(Token t) {
    if (t.isOperator("(")) {
      pos++;
      ShellNode body = parseList(Set.of(")"));
      expectOperator(")", "(", t);
      return new ShellNode.Subshell(body, parseRedirects());
    }
    if (t.isWord("{")) {
      pos++;
      ShellNode body = parseList(Set.of("}"));
      expectWord("}", "{", t);
      return new ShellNode.Group(body, parseRedirects());
    }
    if (t.isWord("if")) {
      return parseIf(t);
    }
    if (t.isWord("for")) {
      return parseFor(t);
    }
    if (t.isWord("case")) {
      return parseCase(t);
    }
    return parseWhile(t);
  }

  private ShellNode parseIf(Token ifToken) {
    pos++;
    List<ShellNode> conditions = new ArrayList<>();
    List<ShellNode> branches = new ArrayList<>();
    ShellNode otherwise = null;
    Token opener = ifToken;
    while (true) {
      conditions.add(parseList(Set.of("then")));
      if (!expectWord("then", opener.text(), opener)) {
        branches.add(new ShellNode.Sequence(List.of(), List.of()));
        break;
      }
      branches.add(parseList(Set.of("elif", "else", "fi")));
      if (peek().isWord("elif")) {
        opener = next();
        continue;
      }
      if (peek().isWord("else")) {
        pos++;
        otherwise = parseList(Set.of("fi"));
      }
      expectWord("fi", "if", ifToken);
      break;
    }
    return new ShellNode.If(conditions, branches, otherwise, parseRedirects());
  }

  private ShellNode parseWhile(Token keyword) {
    pos++;
    ShellNode condition = parseList(Set.of("do"));
    ShellNode body = parseDoGroup(keyword);
    return new ShellNode.Loop(keyword.text(), condition, List.of(), body, parseRedirects());
  }

  private ShellNode parseFor(Token keyword) {
    pos++;
    if (peek().kind() == Token.Kind.WORD) {
      pos++; // the loop variable
    } else {
      report("`for` at character " + (keyword.offset() + 1) + " has no variable name.");
    }
    List<Word> items = new ArrayList<>();
    skipNewlines();
    if (peek().isWord("in")) {
      pos++;
      while (peek().kind() == Token.Kind.WORD) {
        items.add(next().word());
      }
    }
    if (peek().isOperator(";")) {
      pos++;
    }
    ShellNode body = parseDoGroup(keyword);
    return new ShellNode.Loop("for", null, items, body, parseRedirects());
  }

  private ShellNode parseDoGroup(Token keyword) {
    skipNewlines();
    if (!expectWord("do", keyword.text(), keyword)) {
      return new ShellNode.Sequence(List.of(), List.of());
    }
    ShellNode body = parseList(Set.of("done"));
    expectWord("done", keyword.text(), keyword);
    return body;
  }

  private ShellNode parseCase(Token keyword) {
    pos++;
    Word subject = peek().kind() == Token.Kind.WORD ? next().word() : Word.literal("");
    skipNewlines();
    List<ShellNode> arms = new ArrayList<>();
    if (!expectWord("in", "case", keyword)) {
      return new ShellNode.Case(subject, arms, List.of());
    }
    while (true) {
      skipNewlines();
      if (peek().isWord("esac") || peek().kind() == Token.Kind.END) {
        break;
      }
      if (peek().isOperator("(")) {
        pos++;
      }
      // Patterns: word ( '|' word )* ')'. Reserved words are plain patterns here (XCU 2.10.2).
      while (peek().kind() == Token.Kind.WORD || peek().isOperator("|")) {
        pos++;
      }
      if (!peek().isOperator(")")) {
        report("`case` at character " + (keyword.offset() + 1)
            + " has a pattern without `)` before " + describe(peek()) + ".");
        break;
      }
      pos++;
      arms.add(parseList(Set.of(";;", "esac")));
      if (peek().isOperator(";;")) {
        pos++;
      } else {
        break;
      }
    }
    expectWord("esac", "case", keyword);
    return new ShellNode.Case(subject, arms, parseRedirects());
  }

  private ShellNode parseFunction() {
    String name = next().word().value();
    pos += 2; // ( )
    skipNewlines();
    ShellNode body = parseCommand();
    if (body == null) {
      report("Function `" + name + "` has no body.");
      body = new ShellNode.Sequence(List.of(), List.of());
    }
    return new ShellNode.FunctionDef(name, body);
  }

  private ShellNode parseSimple() {
    int start = peek().offset();
    List<Word> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<ShellNode.Redirect> redirects = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.isRedirection()) {
        redirects.add(parseRedirect());
      } else if (t.kind() == Token.Kind.WORD) {
        pos++;
        if (words.isEmpty() && !t.word().quoted() && Words.isAssignment(t.text())) {
          assignments.add(t.word());
        } else {
          words.add(t.word());
          if (words.size() == 1 && t.isWord("[[")) {
            readDoubleBracket(words, t);
          }
        }
      } else {
        break;
      }
    }
    if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
      return null;
    }
    return new ShellNode.Simple(assignments, words, redirects, start);
  }

  /**
   * {@code [[ … ]]} (bash, busybox ash): inside it {@code &&}, {@code ||}, {@code <}, {@code (}
   * are operands of the test, not shell operators, so they are read back as words.
   */
  private void readDoubleBracket(List<Word> words, Token open) {
    while (true) {
      Token t = peek();
      if (t.kind() == Token.Kind.END || t.kind() == Token.Kind.NEWLINE) {
        report("`[[` at character " + (open.offset() + 1) + " has no `]]`.");
        return;
      }
      pos++;
      Word w = t.kind() == Token.Kind.WORD ? t.word() : Word.literal(t.text());
      words.add(w);
      if (t.isWord("]]")) {
        return;
      }
    }
  }

  private List<ShellNode.Redirect> parseRedirects() {
    List<ShellNode.Redirect> redirects = new ArrayList<>();
    while (peek().isRedirection()) {
      redirects.add(parseRedirect());
    }
    return redirects;
  }

  private ShellNode.Redirect parseRedirect() {
    Integer fd = null;
    if (peek().kind() == Token.Kind.IO_NUMBER) {
      Token number = next();
      try {
        fd = Integer.valueOf(number.text());
      } catch (NumberFormatException e) {
        fd = null; // absurdly long digit string; the fd does not matter to the analysis
      }
    }
    Token op = next();
    if (op.kind() != Token.Kind.OPERATOR) {
      // An IO_NUMBER is always followed by '<' or '>' by construction; be safe anyway.
      pos--;
      return new ShellNode.Redirect(fd, "", null);
    }
    if (peek().kind() == Token.Kind.WORD) {
      return new ShellNode.Redirect(fd, op.text(), next().word());
    }
    report("Redirection `" + op.text() + "` at character " + (op.offset() + 1)
        + " has no target.");
    return new ShellNode.Redirect(fd, op.text(), null);
  }

  // ---- helpers ----

  private boolean expectWord(String word, String opener, Token openerToken) {
    if (peek().isWord(word)) {
      pos++;
      return true;
    }
    report("`" + opener + "` at character " + (openerToken.offset() + 1) + " has no `" + word
        + "` (found " + describe(peek()) + ").");
    return false;
  }

  private void expectOperator(String op, String opener, Token openerToken) {
    if (peek().isOperator(op)) {
      pos++;
      return;
    }
    report("`" + opener + "` at character " + (openerToken.offset() + 1) + " has no `" + op
        + "` (found " + describe(peek()) + ").");
  }

  private static boolean isTerminator(Token t, Set<String> terminators) {
    if (terminators.isEmpty()) {
      return false;
    }
    if (t.kind() == Token.Kind.OPERATOR) {
      return terminators.contains(t.text());
    }
    return t.kind() == Token.Kind.WORD && isReserved(t, terminators);
  }

  /** A token that closes some enclosing construct. */
  private static boolean isAnyListEnd(Token t) {
    return t.isOperator(")") || t.isOperator(";;")
        || (t.kind() == Token.Kind.WORD && isReserved(t, NOT_A_COMMAND_START));
  }

  private static boolean isReserved(Token t, Set<String> words) {
    return !t.word().quoted() && !t.word().dynamic() && words.contains(t.word().value());
  }

  private void skipNewlines() {
    while (peek().kind() == Token.Kind.NEWLINE) {
      pos++;
    }
  }

  private Token peek() {
    return peekAt(0);
  }

  private Token peekAt(int ahead) {
    int i = Math.min(pos + ahead, tokens.size() - 1);
    return tokens.get(i);
  }

  private Token next() {
    Token t = peek();
    if (pos < tokens.size() - 1) {
      pos++;
    }
    return t;
  }

  private String describe(Token t) {
    return t.kind() == Token.Kind.END || t.kind() == Token.Kind.NEWLINE
        ? t.describe()
        : t.describe() + " at character " + (t.offset() + 1);
  }

  /**
   * Records a problem. Past {@link #MAX_PROBLEMS} the rest would only repeat the story; one
   * beyond the limit is kept so that the caller can say the list was cut.
   */
  private void report(String problem) {
    if (problems.size() <= MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
