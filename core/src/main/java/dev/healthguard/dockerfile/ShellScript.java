package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a POSIX shell script (a RUN line or a heredoc body) into simple commands: at
 * {@code && || ; | &}, newlines and {@code ( )}, respecting quotes, {@code $( )}, backquotes and
 * {@code ${ }}. Reserved words that open or close compound commands ({@code if then do { }} …)
 * are stripped so that {@code if x; then apk add y; fi} yields {@code apk add y}; redirections
 * and the bodies of heredocs inside the script are dropped. It never fails: text it cannot
 * follow ends up in some command's words, which stay opaque.
 */
final class ShellScript {
  private static final Set<String> OPENERS = Set.of("if", "while", "until");
  private static final Set<String> CLOSERS = Set.of("fi", "done", "esac");
  private static final Set<String> PREFIX_WORDS = Set.of("!", "{", "}", "then", "else", "elif", "do", "time");

  /**
   * One simple command.
   *
   * @param words its words as written, quotes kept, redirections removed
   * @param start offset of its first character in the script
   * @param end offset just after its last character
   * @param conditional true inside {@code if/while/until/for/case} or after {@code ||}: it may
   *     not have run
   */
  record Command(List<String> words, int start, int end, boolean conditional) {
    Command {
      words = List.copyOf(words);
    }
  }

  private final String s;
  private final List<Command> commands = new ArrayList<>();
  private List<String> words = new ArrayList<>();
  private StringBuilder word;
  private int pos;
  private int commandStart = -1;
  private int commandEnd;
  private boolean redirectTarget;
  private boolean heredocDelimiter;
  private boolean heredocStripsTabs;
  private final List<String[]> pendingHeredocs = new ArrayList<>();
  private int nesting;
  private int controlDepth;
  private int caseDepth;
  private boolean patternExpected;
  private boolean afterOr;

  private ShellScript(String script) {
    this.s = script;
  }

  static List<Command> parse(String script) {
    ShellScript scan = new ShellScript(script);
    scan.run();
    return scan.commands;
  }

  private void run() {
    int n = s.length();
    while (pos < n) {
      char c = s.charAt(pos);
      char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
      if (c == '\\' && next == '\n') {
        pos += 2;
      } else if (c == '\\') {
        append(pos, Math.min(n, pos + 2));
      } else if (c == ' ' || c == '\t' || c == '\r') {
        endWord();
        pos++;
      } else if (c == '\n') {
        endWord();
        endCommand("\n");
        pos++;
        skipHeredocBodies();
      } else if (c == '#' && word == null) {
        int nl = s.indexOf('\n', pos);
        pos = nl < 0 ? n : nl;
      } else if (c == '\'') {
        int close = s.indexOf('\'', pos + 1);
        append(pos, close < 0 ? n : close + 1);
      } else if (c == '"') {
        append(pos, skipDoubleQuoted(pos));
      } else if (c == '`') {
        append(pos, skipBackquoted(pos));
      } else if (c == '$' && (next == '(' || next == '{')) {
        append(pos, skipBalanced(pos + 1, next, next == '(' ? ')' : '}'));
      } else if (c == '&' && next == '>') {
        endWord();
        pos += s.startsWith("&>>", pos) ? 3 : 2;
        redirectTarget = true;
      } else if (";&|()".indexOf(c) >= 0) {
        endWord();
        String op = operator();
        pos += op.length();
        endCommand(op);
      } else if (c == '<' || c == '>') {
        redirection();
      } else {
        append(pos, pos + 1);
      }
    }
    endWord();
    endCommand("");
  }

  private void append(int from, int to) {
    if (word == null) {
      word = new StringBuilder();
      if (commandStart < 0 && !redirectTarget && !heredocDelimiter) {
        commandStart = from;
      }
    }
    word.append(s, from, to);
    pos = to;
  }

  private void endWord() {
    if (word == null) {
      return;
    }
    String w = word.toString();
    word = null;
    commandEnd = pos;
    if (heredocDelimiter) {
      heredocDelimiter = false;
      pendingHeredocs.add(new String[] {unquote(w), heredocStripsTabs ? "-" : ""});
    } else if (redirectTarget) {
      redirectTarget = false;
    } else {
      words.add(w);
    }
  }

  private String operator() {
    for (String op : List.of(";;&", ";;", ";&", "&&", "||", "|&")) {
      if (s.startsWith(op, pos)) {
        return op;
      }
    }
    return String.valueOf(s.charAt(pos));
  }

  private void redirection() {
    if (word != null && word.chars().allMatch(Character::isDigit)) {
      word = null; // the file descriptor of "2>&1"
    } else {
      endWord();
    }
    String op = s.startsWith("<<<", pos) ? "<<<"
        : s.startsWith("<<-", pos) ? "<<-"
        : s.startsWith("<<", pos) ? "<<"
        : s.length() > pos + 1 && "&>|".indexOf(s.charAt(pos + 1)) >= 0 ? s.substring(pos, pos + 2)
        : s.substring(pos, pos + 1);
    pos += op.length();
    commandEnd = pos;
    if (op.equals("<<") || op.equals("<<-")) {
      heredocDelimiter = true;
      heredocStripsTabs = op.equals("<<-");
    } else {
      redirectTarget = true;
    }
  }

  private void endCommand(String op) {
    List<String> w = words;
    words = new ArrayList<>();
    int start = commandStart;
    commandStart = -1;
    if (!w.isEmpty()) {
      classify(w, start, op);
    }
    if (op.equals(";;") || op.equals(";&") || op.equals(";;&")) {
      patternExpected = caseDepth > 0;
    }
    // "a ||" followed by a newline continues the list: the next command is still after ||.
    if (!op.equals("|") && !(w.isEmpty() && op.equals("\n"))) {
      afterOr = op.equals("||");
    }
  }

  private void classify(List<String> w, int start, String op) {
    if (patternExpected && (op.equals(")") || op.equals("|"))) {
      patternExpected = op.equals("|"); // "amd64|x86_64)" is a case pattern, not a command
      return;
    }
    if (w.get(0).equals("case")) {
      caseDepth++;
      patternExpected = !op.equals(")");
      return;
    }
    if (w.get(0).equals("for") || w.get(0).equals("select")) {
      controlDepth++;
      return;
    }
    int first = 0;
    boolean opens = false;
    while (first < w.size()) {
      String k = w.get(first);
      if (CLOSERS.contains(k)) {
        if (k.equals("esac")) {
          caseDepth = Math.max(0, caseDepth - 1);
          patternExpected = false;
        } else {
          controlDepth = Math.max(0, controlDepth - 1);
        }
      } else if (OPENERS.contains(k)) {
        opens = true;
      } else if (!PREFIX_WORDS.contains(k)) {
        break;
      }
      first++;
    }
    if (first < w.size()) {
      boolean conditional = controlDepth > 0 || caseDepth > 0 || afterOr;
      commands.add(new Command(w.subList(first, w.size()), start, commandEnd, conditional));
    }
    if (opens) {
      controlDepth++;
    }
  }

  private void skipHeredocBodies() {
    for (String[] heredoc : pendingHeredocs) {
      while (pos < s.length()) {
        int nl = s.indexOf('\n', pos);
        String line = s.substring(pos, nl < 0 ? s.length() : nl);
        pos = nl < 0 ? s.length() : nl + 1;
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (!heredoc[1].isEmpty()) {
          line = line.replaceFirst("^\\t+", "");
        }
        if (line.equals(heredoc[0])) {
          break;
        }
      }
    }
    pendingHeredocs.clear();
  }

  // Double quotes and $( ) nest in each other; each level is a call, so the depth is bounded.
  private int skipDoubleQuoted(int open) {
    if (++nesting > Limits.MAX_NESTING) {
      throw new LimitExceeded("the script nests quotes and substitutions deeper than " + Limits.MAX_NESTING
          + " levels, the most HealthGuard analyses");
    }
    try {
      return skipDoubleQuotedBody(open);
    } finally {
      nesting--;
    }
  }

  private int skipDoubleQuotedBody(int open) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
        i = skipBalanced(i + 1, '(', ')');
      } else if (c == '`') {
        i = skipBackquoted(i);
      } else {
        i++;
      }
    }
    return s.length();
  }

  private int skipBackquoted(int open) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '`') {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  /** From an opening bracket to just after its match, skipping quoted text. */
  private int skipBalanced(int openAt, char open, char close) {
    int depth = 0;
    int i = openAt;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\'') {
        int q = s.indexOf('\'', i + 1);
        i = q < 0 ? s.length() : q + 1;
        continue;
      }
      if (c == '"') {
        i = skipDoubleQuoted(i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close) {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return s.length();
  }

  private static String unquote(String delimiter) {
    return delimiter.replace("'", "").replace("\"", "").replace("\\", "");
  }
}
