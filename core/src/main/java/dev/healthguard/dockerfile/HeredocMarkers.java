package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the heredoc markers ({@code <<EOF}, {@code <<-'EOF'}, {@code 3<<EOF}) on an instruction
 * line (BuildKit parser/parser.go {@code heredocsFromLine}, {@code ParseHeredoc}). Only RUN,
 * COPY and ADD in shell form carry heredocs, also when wrapped in ONBUILD.
 */
final class HeredocMarkers {
  private static final Set<String> CARRIERS = Set.of("run", "copy", "add");
  private static final Pattern MARKER = Pattern.compile("^(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)$", Pattern.DOTALL);
  // "<<" or "<<-" as a word of its own: the delimiter is the next word ("RUN <<  EOF").
  private static final Pattern BARE_MARKER = Pattern.compile("^(\\d*)<<(-?)$");

  private static final WordExpander LINE_EXPANDER = new WordExpander('\\', new WordExpander.Mode(true, true, true));
  private static final WordExpander NAME_EXPANDER = new WordExpander('\\', new WordExpander.Mode(false, false, true));
  private static final WordExpander RAW_NAME_EXPANDER = new WordExpander('\\', new WordExpander.Mode(true, false, true));

  private HeredocMarkers() {}

  static boolean mayCarry(Node instruction) {
    Node node = instruction;
    if (node.value().equalsIgnoreCase("onbuild") && node.next() != null && !node.next().children().isEmpty()) {
      node = node.next().children().get(0);
    }
    return CARRIERS.contains(node.value().toLowerCase(java.util.Locale.ROOT)) && !node.json();
  }

  /**
   * The heredocs named on a line, without content, in order.
   *
   * @throws SyntaxProblem for a delimiter with unbalanced quotes
   */
  static List<Heredoc> onLine(String line) {
    if (!line.contains("<<")) {
      return List.of();
    }
    List<String> words;
    try {
      words = LINE_EXPANDER.processWords(line, WordExpander.Variables.NONE);
    } catch (SyntaxProblem e) {
      return List.of(); // BuildKit ignores a line it cannot split; the shell will complain
    }
    List<Heredoc> found = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      Matcher bare = BARE_MARKER.matcher(words.get(i));
      Heredoc heredoc;
      if (bare.matches() && i + 1 < words.size() && !words.get(i + 1).contains("<")) {
        heredoc = fromParts(bare.group(1), bare.group(2), words.get(++i));
      } else {
        heredoc = parse(words.get(i));
      }
      if (heredoc != null) {
        found.add(heredoc);
      }
    }
    return found;
  }

  /**
   * Arguments with a lone {@code <<} or {@code <<-} joined to the word after it, so that
   * {@code COPY <<  EOF /dest} names the heredoc source {@code <<EOF}.
   */
  static List<String> joinBareMarkers(List<String> words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (BARE_MARKER.matcher(word).matches() && i + 1 < words.size() - 1 && !words.get(i + 1).contains("<")) {
        out.add(word + " " + words.get(++i));
      } else {
        out.add(word);
      }
    }
    return out;
  }

  /** Like {@link #parse} but null, not an error, for a word with unbalanced quotes. */
  static Heredoc parseOrNull(String word) {
    try {
      return parse(word);
    } catch (SyntaxProblem e) {
      return null;
    }
  }

  /** One word as a heredoc marker, or null when it is not one. */
  static Heredoc parse(String word) {
    Matcher m = MARKER.matcher(word);
    return m.matches() ? fromParts(m.group(1), m.group(2), m.group(3)) : null;
  }

  private static Heredoc fromParts(String fd, String dash, String rest) {
    if (rest.isEmpty()) {
      return null;
    }
    List<String> words = NAME_EXPANDER.processWords(rest, WordExpander.Variables.NONE);
    if (words.size() != 1) {
      return null; // "<<EOF sh" as one quoted word is not a marker
    }
    List<String> raw = RAW_NAME_EXPANDER.processWords(rest, WordExpander.Variables.NONE);
    if (raw.size() != 1) {
      throw new SyntaxProblem("internal lexing of heredoc produced inconsistent results: " + Excerpt.inline(rest));
    }
    // Any quoted part of the delimiter turns expansion off: the raw lexing then keeps quotes
    // that the normal lexing removed. An escaped quote is not a quoted part.
    boolean expand = quotes(words.get(0)) == quotes(raw.get(0));
    int descriptor = fd.isEmpty() ? 0 : parseDescriptor(fd);
    return new Heredoc(words.get(0), descriptor, expand, dash.equals("-"), "");
  }

  private static int parseDescriptor(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0; // Go's ParseUint error is ignored the same way
    }
  }

  private static long quotes(String s) {
    return s.chars().filter(c -> c == '\'' || c == '"').count();
  }
}
