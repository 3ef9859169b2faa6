package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a Dockerfile into a positioned syntax tree the way BuildKit's {@code parser.Parse}
 * does: directives, comments, line continuations, heredoc bodies, and per-instruction argument
 * splitting, but no semantics. {@link DockerfileEvaluator} builds on it.
 */
public final class DockerfileParser {
  private DockerfileParser() {}

  /**
   * Parses a Dockerfile.
   *
   * @param content the file's text; a leading byte-order mark is ignored
   * @param fileName the name to use in messages and {@link SourceLocation}s
   * @throws DockerfileException for a file with no instructions, a bad directive, JSON arguments
   *     that are not all strings, a missing ENV/LABEL value, or an unterminated heredoc
   */
  public static DockerfileAst parse(String content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    try {
      return new Run(content, fileName).parse();
    } catch (DockerfileException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug of ours must still reach the user as a finding about this file, not a stack trace.
      throw new DockerfileException(new SourceLocation(fileName, 0, 0, ""),
          "HealthGuard could not parse this Dockerfile (" + e + ")", e);
    }
  }

  private static final class Run {
    private final PhysicalLines lines;
    private final String fileName;
    private final Directives directives = new Directives();
    private final List<Node> instructions = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Run(String content, String fileName) {
      this.lines = new PhysicalLines(content.startsWith("\uFEFF") ? content.substring(1) : content);
      this.fileName = fileName;
    }

    DockerfileAst parse() {
      String raw;
      while ((raw = lines.next()) != null) {
        int start = lines.number();
        Directives.Trimmed first = directives.trimContinuation(logicalPart(raw, true));
        if (first.endsInstruction() && first.text().isEmpty()) {
          continue; // blank line, comment or directive
        }
        StringBuilder line = new StringBuilder(first.text());
        boolean ended = first.endsInstruction();
        boolean emptyContinuation = false;
        while (!ended && (raw = lines.next()) != null) {
          String part = logicalPart(raw, false);
          if (PhysicalLines.isComment(raw)) {
            continue;
          }
          if (GoText.trimLeftSpace(part).isEmpty()) {
            emptyContinuation = true;
            continue;
          }
          Directives.Trimmed next = directives.trimContinuation(part);
          line.append(next.text());
          ended = next.endsInstruction();
        }
        if (emptyContinuation) {
          warnings.add(fileName + ":" + start + ": empty continuation line (will become an error in BuildKit)");
        }
        instructions.add(instruction(line.toString(), start));
      }
      if (instructions.isEmpty()) {
        throw new DockerfileException(new SourceLocation(fileName, 0, 0, ""), "file with no instructions");
      }
      Node root = new Node(
          "", null, instructions, List.of(), List.of(), false, "",
          instructions.get(0).startLine(), instructions.get(instructions.size() - 1).endLine());
      return new DockerfileAst(fileName, root, directives.escapeToken(), warnings);
    }

    /**
     * A physical line without its line ending, without leading blanks when it starts an
     * instruction, and empty when it is a comment; directives are read on the way.
     */
    private String logicalPart(String raw, boolean startsInstruction) {
      String token = PhysicalLines.trimNewline(raw);
      if (startsInstruction) {
        token = GoText.trimLeftSpace(token);
      }
      String problem = directives.consider(token);
      if (problem != null) {
        int n = lines.number();
        throw new DockerfileException(new SourceLocation(fileName, n, n, SourceText.shorten(token)), problem);
      }
      return token.startsWith("#") ? "" : token;
    }

    private Node instruction(String line, int start) {
      Node node;
      try {
        node = LineParsers.instruction(line, directives.escapeToken(), start, lines.number());
      } catch (SyntaxProblem e) {
        throw failure(line, start, e.getMessage());
      }
      if (!HeredocMarkers.mayCarry(node)) {
        return node;
      }
      List<Heredoc> markers;
      try {
        markers = HeredocMarkers.onLine(line);
      } catch (SyntaxProblem e) {
        throw failure(line, start, e.getMessage());
      }
      if (markers.isEmpty()) {
        return node;
      }
      List<Heredoc> bodies = new ArrayList<>();
      for (Heredoc marker : markers) {
        bodies.add(marker.withContent(body(marker, line, start)));
      }
      return new Node(
          node.value(), node.next(), node.children(), bodies, node.flags(), node.json(),
          node.original(), start, lines.number());
    }

    // Body lines are raw: no comment stripping, no continuation, line endings kept.
    private String body(Heredoc marker, String line, int start) {
      StringBuilder content = new StringBuilder();
      String raw;
      while ((raw = lines.next()) != null) {
        String candidate = PhysicalLines.trimNewline(raw);
        if (marker.chomp()) {
          candidate = candidate.replaceFirst("^\\t+", "");
        }
        if (candidate.equals(marker.name())) {
          return content.toString();
        }
        content.append(raw);
      }
      throw failure(line, start, "unterminated heredoc " + marker.name());
    }

    private DockerfileException failure(String line, int start, String problem) {
      int end = Math.max(start, lines.number());
      return new DockerfileException(new SourceLocation(fileName, start, end, SourceText.shorten(line)), problem);
    }
  }
}
