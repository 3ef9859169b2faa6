package dev.healthguard.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a POSIX shell script into tokens, following POSIX XCU 2.3 "Token Recognition" closely
 * enough for health-check one-liners.
 *
 * <p>Quote removal happens here: a {@link Word}'s value has quotes and backslashes removed and
 * keeps expansions verbatim. Command substitutions are not tokenised here: their text is kept on
 * the word so the walker can analyse it as its own script.
 *
 * <p>Broken input never throws: an unterminated quote or substitution adds a problem and takes the
 * rest of the script as its content, which is what a reader would expect and errs toward keeping
 * invocations visible.
 *
 * <p>Known gaps, all rare in health checks: {@code case} patterns inside {@code $(…)} (the
 * {@code )} closes the substitution early, as in old shells), bash's {@code |&}, {@code ((…))}
 * arithmetic commands, and {@code {fd}>} redirections.
 */
final class ShellLexer {

  // Longest first, so that "<<-" wins over "<<" and "&>>" over "&>" (XCU 2.3 rule 2).
  private static final List<String> OPERATORS =
      List.of(
          "<<-", "&>>", "&&", "||", ";;", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "|", "&", ";",
          "<", ">", "(", ")");

  // "&>" and "&>>" are bash's "redirect stdout and stderr" (bash manual, "Redirecting Standard
  // Output and Standard Error"). POSIX sh has no such operator: dash reads "cmd &>f" as "cmd &"
  // then ">f" (XCU 2.10 grammar: '&' is a separator). They are kept as one token here, and the
  // walker notes the difference.
  private static final Set<String> REDIRECTIONS =
      Set.of("<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<-", "&>", "&>>");

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<PendingHeredoc> heredocs = new ArrayList<>();
  private boolean nextWordIsHeredocDelimiter;
  private boolean stripTabsForNextHeredoc;
  private int pos;

  /** Tokens (ending with {@link Token.Kind#END}) and the problems met on the way. */
  record Result(List<Token> tokens, List<String> problems) {}

  private record PendingHeredoc(String delimiter, boolean stripTabs, int offset) {}

  private ShellLexer(String src) {
    this.src = src;
  }

  static Result lex(String script) {
    ShellLexer lexer = new ShellLexer(script == null ? "" : script);
    lexer.run();
    return new Result(List.copyOf(lexer.tokens), List.copyOf(lexer.problems));
  }

  static boolean isRedirectionOperator(String op) {
    return REDIRECTIONS.contains(op);
  }

  private void run() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2; // line continuation: removed before anything else (XCU 2.2.1)
      } else if (c == '\n') {
        tokens.add(new Token(Token.Kind.NEWLINE, "\n", null, pos));
        pos++;
        readHeredocBodies();
      } else if (c == '#') {
        // A comment only starts a word (XCU 2.3 rule 9); inside a word '#' is literal.
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (isOperatorStart(c)) {
        readOperator();
      } else {
        readWordToken();
      }
    }
    if (!heredocs.isEmpty()) {
      PendingHeredoc first = heredocs.get(0);
      report(
          "Here-document `<<" + first.delimiter() + "` at character " + (first.offset() + 1)
              + " has no body: the script ends first.");
      heredocs.clear();
    }
    tokens.add(new Token(Token.Kind.END, "", null, src.length()));
  }

  private static boolean isOperatorStart(char c) {
    return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')';
  }

  private void readOperator() {
    for (String op : OPERATORS) {
      if (src.startsWith(op, pos)) {
        tokens.add(new Token(Token.Kind.OPERATOR, op, null, pos));
        pos += op.length();
        if (op.equals("<<") || op.equals("<<-")) {
          nextWordIsHeredocDelimiter = true;
          stripTabsForNextHeredoc = op.equals("<<-");
        }
        return;
      }
    }
    throw new IllegalStateException("not an operator start at " + pos); // unreachable
  }

  private void readWordToken() {
    int start = pos;
    Word word = readWord();
    if (word.raw().isEmpty()) {
      // Cannot happen: readWord consumes at least one character when called here. Guard anyway,
      // so a bug can never turn into an endless loop.
      pos = Math.max(pos, start + 1);
      return;
    }
    boolean digitsOnly = word.raw().chars().allMatch(Character::isDigit);
    if (digitsOnly && pos < src.length() && (src.charAt(pos) == '<' || src.charAt(pos) == '>')) {
      // "2>&1": the digits name the file descriptor (XCU 2.10.1, IO_NUMBER).
      tokens.add(new Token(Token.Kind.IO_NUMBER, word.raw(), null, start));
      return;
    }
    tokens.add(new Token(Token.Kind.WORD, word.raw(), word, start));
    if (nextWordIsHeredocDelimiter) {
      nextWordIsHeredocDelimiter = false;
      heredocs.add(new PendingHeredoc(word.value(), stripTabsForNextHeredoc, start));
    }
  }

  /** Skips here-document bodies queued on the line that just ended (XCU 2.7.4). */
  private void readHeredocBodies() {
    while (!heredocs.isEmpty()) {
      PendingHeredoc doc = heredocs.remove(0);
      boolean closed = false;
      while (pos < src.length()) {
        int eol = src.indexOf('\n', pos);
        int end = eol < 0 ? src.length() : eol;
        String line = src.substring(pos, end);
        pos = eol < 0 ? src.length() : eol + 1;
        if (doc.stripTabs()) {
          line = line.replaceFirst("^\t+", "");
        }
        if (line.equals(doc.delimiter())) {
          closed = true;
          break;
        }
      }
      if (!closed) {
        report(
            "Here-document `<<" + doc.delimiter() + "` at character " + (doc.offset() + 1)
                + " is not closed by a line `" + doc.delimiter() + "`.");
      }
    }
  }

  private Word readWord() {
    int start = pos;
    StringBuilder value = new StringBuilder();
    List<String> substitutions = new ArrayList<>();
    boolean[] flags = new boolean[2]; // [0] quoted, [1] dynamic
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || isOperatorStart(c)) {
        break;
      }
      switch (c) {
        case '\\' -> readBackslash(value, flags);
        case '\'' -> readSingleQuoted(value, flags);
        case '"' -> readDoubleQuoted(value, substitutions, flags);
        case '$' -> readDollar(value, substitutions, flags);
        case '`' -> readBackticks(value, substitutions, flags);
        default -> {
          value.append(c);
          pos++;
        }
      }
    }
    return new Word(
        src.substring(start, pos), value.toString(), flags[0], flags[1], substitutions, start);
  }

  private void readBackslash(StringBuilder value, boolean[] flags) {
    if (pos + 1 >= src.length()) {
      value.append('\\'); // a trailing backslash stays literal
      pos++;
      return;
    }
    char next = src.charAt(pos + 1);
    pos += 2;
    if (next != '\n') {
      value.append(next);
      flags[0] = true;
    }
  }

  private void readSingleQuoted(StringBuilder value, boolean[] flags) {
    int open = pos;
    flags[0] = true;
    int close = src.indexOf('\'', pos + 1);
    if (close < 0) {
      report(unterminated("single quote (')", open));
      value.append(src, pos + 1, src.length());
      pos = src.length();
      return;
    }
    value.append(src, pos + 1, close);
    pos = close + 1;
  }

  private void readDoubleQuoted(StringBuilder value, List<String> substitutions, boolean[] flags) {
    int open = pos;
    flags[0] = true;
    pos++;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        // Inside double quotes a backslash only escapes $ ` " \ and newline (XCU 2.2.3).
        char next = src.charAt(pos + 1);
        if (next == '$' || next == '`' || next == '"' || next == '\\') {
          value.append(next);
          pos += 2;
        } else if (next == '\n') {
          pos += 2;
        } else {
          value.append('\\');
          pos++;
        }
      } else if (c == '$') {
        readDollar(value, substitutions, flags);
      } else if (c == '`') {
        readBackticks(value, substitutions, flags);
      } else {
        value.append(c);
        pos++;
      }
    }
    report(unterminated("double quote (\")", open));
  }

  private void readDollar(StringBuilder value, List<String> substitutions, boolean[] flags) {
    int start = pos;
    char next = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
    if (next == '(') {
      boolean arithmetic = pos + 2 < src.length() && src.charAt(pos + 2) == '(';
      int end = matchingParen(pos + 1);
      if (end < 0) {
        report(unterminated(arithmetic ? "arithmetic expansion $((" : "command substitution $(", start));
        end = src.length();
        if (!arithmetic) {
          substitutions.add(src.substring(pos + 2));
        }
      } else if (!arithmetic) {
        substitutions.add(src.substring(pos + 2, end - 1));
      }
      value.append(src, start, end);
      pos = end;
      flags[1] = true;
    } else if (next == '{') {
      int end = matchingBrace(pos + 1);
      if (end < 0) {
        report(unterminated("parameter expansion ${", start));
        end = src.length();
      }
      value.append(src, start, end);
      pos = end;
      flags[1] = true;
    } else if (next == '\'') {
      readAnsiCQuoted(value, flags);
    } else if (next == '"') {
      pos++; // $"…" is a locale-translated string; read it as a plain double-quoted one
      readDoubleQuoted(value, substitutions, flags);
    } else if (Character.isLetter(next) || next == '_') {
      int end = pos + 1;
      while (end < src.length()
          && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
        end++;
      }
      value.append(src, start, end);
      pos = end;
      flags[1] = true;
    } else if (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0) {
      value.append(src, start, pos + 2);
      pos += 2;
      flags[1] = true;
    } else {
      value.append('$'); // a lone '$' is literal
      pos++;
    }
  }

  /** {@code $'…'} (bash, busybox ash; POSIX since 2024): backslash escapes, no expansion. */
  private void readAnsiCQuoted(StringBuilder value, boolean[] flags) {
    int open = pos;
    flags[0] = true;
    pos += 2;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\'') {
        pos++;
        return;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        char next = src.charAt(pos + 1);
        value.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> next;
            });
        pos += 2;
      } else {
        value.append(c);
        pos++;
      }
    }
    report(unterminated("quote $'", open));
  }

  private void readBackticks(StringBuilder value, List<String> substitutions, boolean[] flags) {
    int open = pos;
    flags[1] = true;
    StringBuilder inner = new StringBuilder();
    pos++;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '`') {
        pos++;
        substitutions.add(inner.toString());
        value.append(src, open, pos);
        return;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        // Inside backquotes a backslash keeps its meaning only before $ ` \ (XCU 2.6.3).
        char next = src.charAt(pos + 1);
        if (next == '$' || next == '`' || next == '\\') {
          inner.append(next);
          pos += 2;
          continue;
        }
      }
      inner.append(c);
      pos++;
    }
    report(unterminated("backquote (`)", open));
    substitutions.add(inner.toString());
    value.append(src, open, src.length());
  }

  /**
   * The index just past the {@code )} that closes the {@code (} at {@code open}, skipping quoted
   * text; -1 when there is none.
   */
  private int matchingParen(int open) {
    return matching(open, '(', ')');
  }

  private int matchingBrace(int open) {
    return matching(open, '{', '}');
  }

  private int matching(int open, char opening, char closing) {
    int depth = 0;
    int i = open;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\'') {
        int close = src.indexOf('\'', i + 1);
        if (close < 0) {
          return -1;
        }
        i = close + 1;
        continue;
      }
      if (c == '"' || c == '`') {
        i = skipQuoted(i, c);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (c == opening) {
        depth++;
      } else if (c == closing) {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return -1;
  }

  /** Index past the quote that closes the one at {@code open}; -1 when unterminated. */
  private int skipQuoted(int open, char quote) {
    int i = open + 1;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static String unterminated(String what, int offset) {
    return "Unterminated " + what + " at character " + (offset + 1)
        + ": sh would stop with a syntax error, so the check would always fail.";
  }

  /**
   * Records a problem. Past {@link ShellParser#MAX_PROBLEMS} the rest would only repeat the
   * story; one beyond the limit is kept so that the caller can say the list was cut.
   */
  private void report(String problem) {
    if (problems.size() <= ShellParser.MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
