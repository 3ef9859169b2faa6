package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import dev.healthguard.text.Excerpt;
import java.util.List;

/**
 * A shell glob ({@code *}, {@code ?}, {@code [a-z]}, {@code [!x]}) as used by the
 * {@code ${VAR#pat}}, {@code ${VAR%pat}} and {@code ${VAR/pat/repl}} expansions. The escape
 * token makes the next character literal.
 *
 * <p>Matching simulates the glob's automaton over the value once, keeping one thread per
 * pattern position, so it costs at most (value length × pattern length) steps whatever the
 * pattern: a backtracking regex took exponential time on {@code ${a##*a*a*a…b}} (issue 10).
 * BuildKit compiles the glob to a Go regexp, which is an automaton too (shell/lex.go,
 * convertShellPatternToRegex), so the results are the same: {@code #} and {@code %} take the
 * shortest match, {@code ##} and {@code %%} the longest, {@code /} the leftmost-longest.
 */
final class ShellPattern {
  /** One pattern position: a star, or a test on one character. */
  private record Token(boolean star, boolean negated, int[] ranges) {
    static final Token STAR = new Token(true, false, new int[0]);
    static final Token ANY = new Token(false, true, new int[0]);

    static Token literal(int c) {
      return new Token(false, false, new int[] {c, c});
    }

    boolean accepts(int c) {
      for (int i = 0; i < ranges.length; i += 2) {
        if (c >= ranges[i] && c <= ranges[i + 1]) {
          return !negated;
        }
      }
      return negated;
    }
  }

  private final Token[] tokens;

  private ShellPattern(Token[] tokens) {
    this.tokens = tokens;
  }

  /** @throws SyntaxProblem for a class whose range runs backwards ({@code [z-a]}), as Go's regexp does */
  static ShellPattern compile(String glob, int escapeToken) {
    List<Token> out = new ArrayList<>();
    int[] cps = glob.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == escapeToken && i + 1 < cps.length) {
        out.add(Token.literal(cps[++i]));
      } else if (c == '*') {
        if (out.isEmpty() || !out.get(out.size() - 1).star()) {
          out.add(Token.STAR); // ** matches what * matches
        }
      } else if (c == '?') {
        out.add(Token.ANY);
      } else if (c == '[' && closingBracket(cps, i) > 0) {
        int end = closingBracket(cps, i);
        out.add(bracket(glob, cps, i + 1, end));
        i = end;
      } else {
        out.add(Token.literal(c));
      }
    }
    return new ShellPattern(out.toArray(new Token[0]));
  }

  private static int closingBracket(int[] cps, int open) {
    int i = open + 1;
    if (i < cps.length && (cps[i] == '!' || cps[i] == '^')) {
      i++;
    }
    if (i < cps.length && cps[i] == ']') {
      i++; // a ] right after [ or [! is a member, not the end
    }
    for (; i < cps.length; i++) {
      if (cps[i] == ']') {
        return i;
      }
    }
    return -1;
  }

  private static Token bracket(String glob, int[] cps, int from, int to) {
    int start = from;
    boolean negated = cps[start] == '!' || cps[start] == '^';
    if (negated) {
      start++;
    }
    List<Integer> ranges = new ArrayList<>();
    for (int i = start; i < to; i++) {
      int lo = cps[i];
      int hi = lo;
      if (i + 2 < to && cps[i + 1] == '-') {
        hi = cps[i + 2];
        i += 2;
        if (hi < lo) {
          throw new SyntaxProblem("invalid pattern (" + Excerpt.quote(glob) + ") in substitution");
        }
      }
      ranges.add(lo);
      ranges.add(hi);
    }
    return new Token(false, negated, ranges.stream().mapToInt(Integer::intValue).toArray());
  }

  private ShellPattern reversed() {
    Token[] back = new Token[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      back[i] = tokens[tokens.length - 1 - i];
    }
    return new ShellPattern(back);
  }

  /**
   * The match the automaton finds in {@code text} at or after {@code from}, as {start, end}
   * indexes into {@code text}, or null.
   *
   * @param anchored the match must start at {@code from}
   * @param longest the longest match at the leftmost start, else the shortest
   */
  private int[] find(int[] text, int from, boolean anchored, boolean longest) {
    int states = tokens.length + 1; // the last state accepts
    int[] start = new int[states];
    int[] next = new int[states];
    Arrays.fill(start, -1);
    int[] found = null;
    for (int p = from; ; p++) {
      if (found == null && (p == from || !anchored)) {
        offer(start, 0, p);
      }
      // A star may match nothing: its thread also stands at the position after it.
      for (int s = 0; s < tokens.length; s++) {
        if (start[s] >= 0 && tokens[s].star()) {
          offer(start, s + 1, start[s]);
        }
      }
      int accept = start[tokens.length];
      if (accept >= 0 && (found == null || found[0] == accept)) {
        found = new int[] {accept, p};
        if (!longest) {
          return found;
        }
      }
      if (p == text.length) {
        return found;
      }
      Arrays.fill(next, -1);
      boolean alive = false;
      for (int s = 0; s < tokens.length; s++) {
        // Once a match is found, only threads from its start can make it longer.
        if (start[s] < 0 || found != null && start[s] != found[0]) {
          continue;
        }
        if (tokens[s].star()) {
          offer(next, s, start[s]);
          alive = true;
        } else if (tokens[s].accepts(text[p])) {
          offer(next, s + 1, start[s]);
          alive = true;
        }
      }
      int[] swap = start;
      start = next;
      next = swap;
      if (!alive && (found != null || anchored)) {
        return found;
      }
    }
  }

  // The earliest start wins a state: it is the leftmost match that state can still lead to.
  private static void offer(int[] threads, int state, int from) {
    if (threads[state] < 0 || from < threads[state]) {
      threads[state] = from;
    }
  }

  String removePrefix(String value, boolean longest) {
    int[] cps = value.codePoints().toArray();
    int[] match = find(cps, 0, true, longest);
    return match == null ? value : new String(cps, match[1], cps.length - match[1]);
  }

  // The shortest or longest suffix is the shortest or longest prefix of the reversed value.
  String removeSuffix(String value, boolean longest) {
    int[] cps = value.codePoints().toArray();
    int[] back = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      back[i] = cps[cps.length - 1 - i];
    }
    int[] match = reversed().find(back, 0, true, longest);
    return match == null ? value : new String(cps, 0, cps.length - match[1]);
  }

  /**
   * Replaces the first (or every) leftmost-longest match the way Go's regexp does, where an
   * empty match right after a match is not replaced; an empty pattern replaces nothing.
   *
   * @param maxChars the longest result allowed
   * @throws LimitExceeded when the result would be longer than {@code maxChars}
   */
  String replace(String value, String replacement, boolean all, int maxChars) {
    if (tokens.length == 0) {
      return value;
    }
    int[] cps = value.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    int lastEnd = 0;
    int search = 0;
    while (search <= cps.length) {
      int[] match = find(cps, search, false, true);
      if (match == null) {
        break;
      }
      out.append(new String(cps, lastEnd, match[0] - lastEnd));
      if (match[1] > lastEnd || match[0] == 0) {
        out.append(replacement);
      }
      lastEnd = match[1];
      if (out.length() > maxChars) {
        throw LimitExceeded.word(maxChars);
      }
      if (!all) {
        break;
      }
      search = search + 1 > match[1] ? search + 1 : match[1];
    }
    out.append(new String(cps, lastEnd, cps.length - lastEnd));
    if (out.length() > maxChars) {
      throw LimitExceeded.word(maxChars);
    }
    return out.toString();
  }

  /** Drops escape tokens, keeping what they escape. */
  static String unescape(String s, int escapeToken) {
    StringBuilder out = new StringBuilder();
    int[] cps = s.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == escapeToken && i + 1 < cps.length) {
        i++;
      }
      out.appendCodePoint(cps[i]);
    }
    return out.toString();
  }
}
