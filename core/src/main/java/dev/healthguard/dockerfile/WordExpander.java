package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Word expansion as BuildKit does it for ARG, ENV, FROM, COPY, WORKDIR, USER… (BuildKit
 * shell/lex.go): quotes, the escape token, {@code $VAR}, {@code ${VAR}} and the modifiers
 * {@code :- - :+ + :? ? # ## % %% / //}. Positional and special parameters ({@code $1},
 * {@code $@}) are always unset. Command substitution and arithmetic are not shell features
 * here: {@code $(} is a literal dollar followed by a parenthesis.
 */
final class WordExpander {
  private static final int EOF = -1;

  /** Where values come from: null means unset, "" means set and empty. */
  @FunctionalInterface
  interface Variables {
    String get(String name);

    Variables NONE = name -> null;
  }

  /**
   * Lexer switches used inside BuildKit's parser for heredoc detection.
   *
   * @param rawQuotes keep quote characters in the output
   * @param rawEscapes keep escape tokens in the output
   * @param skipUnset leave references to unset variables as written
   */
  record Mode(boolean rawQuotes, boolean rawEscapes, boolean skipUnset) {
    static final Mode DEFAULT = new Mode(false, false, false);
  }

  /**
   * The result of one expansion.
   *
   * @param word the expanded text, blanks kept ({@code ProcessWord})
   * @param words the text split into words after expansion, quoted blanks kept ({@code
   *     ProcessWords})
   * @param unset variables that were referenced without a value and without a default
   */
  record Expansion(String word, List<String> words, Set<String> unset) {}

  private final int escapeToken;
  private final Mode mode;

  WordExpander(char escapeToken) {
    this(escapeToken, Mode.DEFAULT);
  }

  WordExpander(char escapeToken, Mode mode) {
    this.escapeToken = escapeToken;
    this.mode = mode;
  }

  /** @throws SyntaxProblem for unbalanced quotes, a bad {@code ${…}}, or {@code ${X:?msg}} */
  Expansion expand(String input, Variables variables) {
    return expand(input, variables, new ExpansionBudget());
  }

  /**
   * @param budget what the references may still produce; shared by one evaluation's expansions
   * @throws SyntaxProblem for unbalanced quotes, a bad {@code ${…}}, or {@code ${X:?msg}}
   * @throws LimitExceeded for a word longer than {@link Limits#MAX_WORD_CHARS}, nesting deeper
   *     than {@link Limits#MAX_NESTING}, or a spent budget
   */
  Expansion expand(String input, Variables variables, ExpansionBudget budget) {
    Scan scan = new Scan(input, variables, budget);
    Piece top = scan.until(EOF, mode.rawEscapes());
    return new Expansion(top.text(), top.words(), scan.unset);
  }

  String processWord(String input, Variables variables) {
    return expand(input, variables).word();
  }

  List<String> processWords(String input, Variables variables) {
    return expand(input, variables).words();
  }

  private record Piece(String text, List<String> words) {}

  /** Word splitting after expansion: unquoted blanks from expansions split, quoted ones do not. */
  private static final class Words {
    private final List<String> done = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addChar(int ch) {
      if (GoText.isSpace(ch)) {
        if (inWord && word.length() > 0) {
          done.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      word.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String s) {
      s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
      word.append(s);
      inWord = true;
    }

    List<String> finish() {
      if (word.length() > 0) {
        done.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
      return done;
    }
  }

  private final class Scan {
    private final int[] cps;
    private final Variables variables;
    private final ExpansionBudget budget;
    private final Set<String> unset = new LinkedHashSet<>();
    private int pos;
    private int depth;

    Scan(String input, Variables variables, ExpansionBudget budget) {
      this.cps = input.codePoints().toArray();
      this.variables = variables;
      this.budget = budget;
    }

    private static void checkLength(StringBuilder built) {
      if (built.length() > Limits.MAX_WORD_CHARS) {
        throw LimitExceeded.word(Limits.MAX_WORD_CHARS);
      }
    }

    // A substituted value is what makes words grow beyond their input, so it is what is counted.
    private String substituted(String value) {
      budget.spend(value.length());
      return value;
    }

    private int peek() {
      return pos < cps.length ? cps[pos] : EOF;
    }

    private int next() {
      return pos < cps.length ? cps[pos++] : EOF;
    }

    Piece until(int stop, boolean rawEscapes) {
      StringBuilder result = new StringBuilder();
      Words words = new Words();
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return new Piece(result.toString(), words.finish());
        }
        if (ch == '$' || ch == '\'' || ch == '"') {
          String part = ch == '$' ? dollar() : ch == '\'' ? singleQuoted() : doubleQuoted();
          result.append(part);
          checkLength(result);
          if (ch == '$') {
            words.addString(part);
          } else {
            words.addRawString(part);
          }
          continue;
        }
        ch = next();
        if (ch == escapeToken) {
          if (rawEscapes) {
            words.addRawChar(ch);
            result.appendCodePoint(ch);
          }
          ch = next();
          if (ch == EOF) {
            break; // a trailing escape token is dropped
          }
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result.appendCodePoint(ch);
      }
      if (stop != EOF) {
        throw new SyntaxProblem(
            "unexpected end of statement while looking for matching " + Character.toString(stop));
      }
      return new Piece(result.toString(), words.finish());
    }

    // Nothing is special between single quotes, not even the escape token.
    private String singleQuoted() {
      StringBuilder out = new StringBuilder();
      int open = next();
      if (mode.rawQuotes()) {
        out.appendCodePoint(open);
      }
      while (true) {
        int ch = next();
        if (ch == EOF) {
          throw new SyntaxProblem("unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          if (mode.rawQuotes()) {
            out.appendCodePoint(ch);
          }
          return out.toString();
        }
        out.appendCodePoint(ch);
      }
    }

    // Between double quotes only $ expands, and the escape token escapes only " $ and itself.
    private String doubleQuoted() {
      StringBuilder out = new StringBuilder();
      int open = next();
      if (mode.rawQuotes()) {
        out.appendCodePoint(open);
      }
      while (true) {
        int ch = peek();
        if (ch == EOF) {
          throw new SyntaxProblem("unexpected end of statement while looking for matching double-quote");
        }
        if (ch == '"') {
          next();
          if (mode.rawQuotes()) {
            out.appendCodePoint(ch);
          }
          return out.toString();
        }
        if (ch == '$') {
          out.append(dollar());
          checkLength(out);
          continue;
        }
        ch = next();
        if (ch == escapeToken) {
          int following = peek();
          if (following == EOF) {
            continue;
          }
          if (following == '"' || following == '$' || following == escapeToken) {
            if (mode.rawEscapes()) {
              out.appendCodePoint(ch);
            }
            ch = next();
          }
        }
        out.appendCodePoint(ch);
      }
    }

    private String dollar() {
      next();
      if (peek() != '{') {
        return plainReference();
      }
      if (++depth > Limits.MAX_NESTING) {
        throw new LimitExceeded("the expansions are nested deeper than " + Limits.MAX_NESTING
            + " levels, the most HealthGuard evaluates");
      }
      try {
        return braced();
      } finally {
        depth--;
      }
    }

    private String plainReference() {
      String name = name();
      if (name.isEmpty()) {
        return "$";
      }
      String value = variables.get(name);
      if (value == null) {
        if (mode.skipUnset()) {
          return "$" + name;
        }
        unset.add(name);
        return "";
      }
      return substituted(value);
    }

    private String braced() {
      next();
      int first = peek();
      if (first == EOF) {
        throw new SyntaxProblem("syntax error: missing '}'");
      }
      if (first == '{' || first == '}' || first == ':') {
        throw new SyntaxProblem("syntax error: bad substitution");
      }
      String name = name();
      int ch = next();
      switch (ch) {
        case '}' -> {
          String value = variables.get(name);
          if (value == null) {
            if (mode.skipUnset()) {
              return "${" + name + "}";
            }
            unset.add(name);
            return "";
          }
          return substituted(value);
        }
        case ':' -> {
          return modifier(name, next(), true);
        }
        case '+', '-', '?', '#', '%' -> {
          return modifier(name, ch, false);
        }
        case '/' -> {
          return replace(name);
        }
        case EOF -> throw new SyntaxProblem("syntax error: missing '}'");
        default -> throw unsupported(Character.toString(ch));
      }
    }

    private SyntaxProblem unsupported(String modifier) {
      return new SyntaxProblem("unsupported modifier (" + Excerpt.inline(modifier) + ") in substitution");
    }

    private String modifier(String name, int op, boolean colon) {
      String shown = (colon ? ":" : "") + (op == EOF ? "" : Character.toString(op));
      boolean pattern = op == '#' || op == '%';
      if (op != '+' && op != '-' && op != '?' && !pattern) {
        throw op == EOF ? new SyntaxProblem("syntax error: missing '}'") : unsupported(shown);
      }
      if (colon && pattern) {
        throw unsupported(shown);
      }
      String word = until('}', pattern).text();
      String value = variables.get(name);
      boolean set = value != null;
      if (mode.skipUnset() && !set) {
        return "${" + name + shown + word + "}";
      }
      boolean empty = !set || (colon && value.isEmpty());
      switch (op) {
        case '-':
          return empty ? word : substituted(value);
        case '+':
          return empty ? "" : word;
        case '?':
          if (!set) {
            throw new SyntaxProblem(Excerpt.inline(name) + ": " + (word.isEmpty() ? "is not allowed to be unset" : Excerpt.inline(word)));
          }
          if (colon && value.isEmpty()) {
            throw new SyntaxProblem(Excerpt.inline(name) + ": " + (word.isEmpty() ? "is not allowed to be empty" : Excerpt.inline(word)));
          }
          return substituted(value);
        default:
          if (!set) {
            unset.add(name);
            value = "";
          }
          boolean longest = word.startsWith(Character.toString(op));
          String glob = longest ? word.substring(1) : word;
          ShellPattern p = ShellPattern.compile(glob, escapeToken);
          return substituted(op == '#' ? p.removePrefix(value, longest) : p.removeSuffix(value, longest));
      }
    }

    private String replace(String name) {
      boolean all = peek() == '/';
      if (all) {
        next();
      }
      String glob = until('/', true).text();
      String replacement = ShellPattern.unescape(until('}', true).text(), escapeToken);
      String value = variables.get(name);
      if (value == null) {
        if (mode.skipUnset()) {
          return "${" + name + (all ? "//" : "/") + glob + "/" + replacement + "}";
        }
        unset.add(name);
        return "";
      }
      return substituted(ShellPattern.compile(glob, escapeToken).replace(value, replacement, all, Limits.MAX_WORD_CHARS));
    }

    // A name is letters, digits and _; or a run of digits (positional); or one special char.
    private String name() {
      StringBuilder name = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (name.length() == 0 && Character.isDigit(ch)) {
          while (peek() != EOF && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
          return Character.toString(next());
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }
  }
}
