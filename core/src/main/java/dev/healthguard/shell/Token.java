package dev.healthguard.shell;

/**
 * A lexical token of a shell script (POSIX XCU 2.3 "Token Recognition").
 *
 * @param kind what it is
 * @param text the operator text ({@code &&}, {@code 2}, …) or the word's raw text
 * @param word the word, for {@link Kind#WORD} only
 * @param offset where it starts in the script, 0-based
 */
record Token(Kind kind, String text, Word word, int offset) {

  enum Kind {
    WORD,
    /** A control or redirection operator: {@code && || ;; ; & | ( ) < > >> <& >& <> >| << <<- &> &>>}. */
    OPERATOR,
    /** A digit string directly followed by {@code <} or {@code >}: the fd of a redirection. */
    IO_NUMBER,
    NEWLINE,
    END
  }

  boolean isOperator(String op) {
    return kind == Kind.OPERATOR && text.equals(op);
  }

  /** True for an unquoted word equal to {@code reserved} (if, then, {, !, …). */
  boolean isWord(String reserved) {
    return kind == Kind.WORD && word.is(reserved);
  }

  boolean isRedirection() {
    return kind == Kind.IO_NUMBER || (kind == Kind.OPERATOR && ShellLexer.isRedirectionOperator(text));
  }

  /** How a token is shown in a problem message. */
  String describe() {
    return switch (kind) {
      case NEWLINE -> "end of line";
      case END -> "end of script";
      default -> "`" + text + "`";
    };
  }
}
