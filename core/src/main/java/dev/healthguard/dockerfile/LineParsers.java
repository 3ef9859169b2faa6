package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns one joined instruction line into an instruction {@link Node}: the keyword, its flags
 * and its arguments, split the way each instruction splits them (BuildKit parser/parser.go
 * dispatch table and parser/line_parsers.go). Keywords are not validated here: an unknown one
 * keeps a single empty argument, like BuildKit's {@code parseIgnore}.
 */
final class LineParsers {
  private static final int MAX_ONBUILD_NESTING = 8;

  private LineParsers() {}

  /** Arguments of one instruction and whether they came from a JSON array. */
  private record Args(Node head, boolean json) {
    static final Args NONE = new Args(null, false);

    static Args of(List<String> values) {
      return new Args(Node.chain(values), false);
    }
  }

  /**
   * @param line the instruction with continuations joined
   * @throws SyntaxProblem for what BuildKit's parser rejects
   */
  static Node instruction(String line, char escapeToken, int startLine, int endLine) {
    return instruction(line, escapeToken, startLine, endLine, 0);
  }

  // ONBUILD's argument is parsed as an instruction again; the depth bounds that recursion.
  private static Node instruction(String line, char escapeToken, int startLine, int endLine, int depth) {
    InstructionLine split = InstructionLine.split(line);
    Args args = arguments(split.keyword().toLowerCase(Locale.ROOT), split.rest(), escapeToken, startLine, endLine, depth);
    return new Node(
        split.keyword(), args.head(), List.of(), List.of(), split.flags(), args.json(), line, startLine, endLine);
  }

  private static Args arguments(String keyword, String rest, char escape, int startLine, int endLine, int depth) {
    return switch (keyword) {
      case "add", "copy", "volume" -> jsonOrWhitespaceList(rest);
      case "arg" -> Args.of(QuotedWords.split(rest, escape));
      case "cmd", "entrypoint", "run", "shell" -> jsonOrString(rest);
      case "env" -> keyValues(rest, "ENV", escape);
      case "label" -> keyValues(rest, "LABEL", escape);
      case "expose", "from" -> whitespaceList(rest);
      case "healthcheck" -> healthcheck(rest);
      case "maintainer", "stopsignal", "user", "workdir" -> rest.isEmpty() ? Args.NONE : Args.of(List.of(rest));
      case "onbuild" -> onbuild(rest, escape, startLine, endLine, depth);
      default -> Args.of(List.of(""));
    };
  }

  // BuildKit line_parsers.go parseMaybeJSON: one string unless a valid JSON array.
  private static Args jsonOrString(String rest) {
    if (rest.isEmpty()) {
      return Args.NONE;
    }
    List<String> json = JsonArray.parse(rest);
    if (json != null) {
      return new Args(Node.chain(json), true);
    }
    return Args.of(List.of(rest));
  }

  // BuildKit line_parsers.go parseMaybeJSONToList: quotes are not honoured in the fallback.
  private static Args jsonOrWhitespaceList(String rest) {
    List<String> json = JsonArray.parse(rest);
    if (json != null) {
      return new Args(Node.chain(json), true);
    }
    return whitespaceList(rest);
  }

  private static Args whitespaceList(String rest) {
    if (rest.isEmpty()) {
      return Args.NONE;
    }
    return Args.of(Arrays.asList(InstructionLine.WHITESPACE.split(rest, -1)));
  }

  /**
   * ENV and LABEL: the legacy {@code KEY value with spaces} form when the first word has no
   * {@code =}, else one {@code key=value} per word. Each pair becomes key, value, separator.
   */
  private static Args keyValues(String rest, String instruction, char escape) {
    List<String> words = QuotedWords.split(rest, escape);
    if (words.isEmpty()) {
      return Args.NONE;
    }
    if (!words.get(0).contains("=")) {
      String[] parts = InstructionLine.WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new SyntaxProblem(instruction + " must have two arguments");
      }
      return Args.of(List.of(parts[0], parts[1], ""));
    }
    List<String> triples = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new SyntaxProblem(
            "Syntax error - can't find = in " + GoText.quoteExcerpt(word) + ". Must be of the form: name=value");
      }
      triples.add(word.substring(0, eq));
      triples.add(word.substring(eq + 1));
      triples.add("=");
    }
    return Args.of(triples);
  }

  // BuildKit line_parsers.go parseHealthConfig: a type word, then CMD-style arguments.
  private static Args healthcheck(String rest) {
    int sep = 0;
    while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      return Args.NONE;
    }
    int next = sep;
    while (next < rest.length() && GoText.isSpace(rest.charAt(next))) {
      next++;
    }
    Args command = jsonOrString(rest.substring(next));
    return new Args(Node.argument(rest.substring(0, sep), command.head()), command.json());
  }

  private static Args onbuild(String rest, char escape, int startLine, int endLine, int depth) {
    if (rest.isEmpty()) {
      return Args.NONE;
    }
    // Only one level is valid (BuildKit refuses ONBUILD ONBUILD later); a few parse like BuildKit.
    if (depth >= MAX_ONBUILD_NESTING) {
      throw new SyntaxProblem("ONBUILD is nested deeper than " + MAX_ONBUILD_NESTING
          + " levels, the most HealthGuard parses");
    }
    Node sub = instruction(rest, escape, startLine, endLine, depth + 1);
    Node wrapper = new Node("", null, List.of(sub), List.of(), List.of(), false, "", 0, 0);
    return new Args(wrapper, false);
  }
}
