package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node of the positioned syntax tree that {@link DockerfileParser} produces, shaped like
 * BuildKit's {@code parser.Node}: the root's {@link #children} are the instructions; an
 * instruction's {@link #value} is its keyword as written and its arguments hang off {@link #next}
 * as a chain. No semantics are applied at this level: no variable expansion, no validation of
 * keywords or flags.
 *
 * @param value the keyword (instruction nodes) or the argument text (argument nodes); empty for
 *     the root and for the wrapper that holds an ONBUILD sub-instruction
 * @param next the next argument, or null
 * @param children for the root, the instructions; for an ONBUILD argument, the sub-instruction
 * @param heredocs the here-documents of a RUN/COPY/ADD (or ONBUILD of one), in order
 * @param flags the leading {@code --name[=value]} words of an instruction, quotes removed
 * @param json true when the arguments were given as a JSON array
 * @param original the instruction line with continuations joined, as BuildKit keeps it
 * @param startLine first physical line, 1-based (0 for argument nodes)
 * @param endLine last physical line, including heredoc bodies
 */
public record Node(
    String value,
    Node next,
    List<Node> children,
    List<Heredoc> heredocs,
    List<String> flags,
    boolean json,
    String original,
    int startLine,
    int endLine) {

  public Node {
    children = List.copyOf(children);
    heredocs = List.copyOf(heredocs);
    flags = List.copyOf(flags);
  }

  static Node argument(String value, Node next) {
    return new Node(value, next, List.of(), List.of(), List.of(), false, "", 0, 0);
  }

  /** Links argument values into a {@link #next} chain; null for no values. */
  static Node chain(List<String> values) {
    Node head = null;
    for (int i = values.size() - 1; i >= 0; i--) {
      head = argument(values.get(i), head);
    }
    return head;
  }

  /** The argument nodes after this one, in order. */
  public List<Node> arguments() {
    List<Node> out = new ArrayList<>();
    for (Node n = next; n != null; n = n.next) {
      out.add(n);
    }
    return out;
  }

  /** The values of {@link #arguments()}. */
  public List<String> argumentValues() {
    return arguments().stream().map(Node::value).toList();
  }

  /** The keyword in upper case, as messages name it. */
  public String keyword() {
    return value.toUpperCase(Locale.ROOT);
  }

  /**
   * The s-expression BuildKit's {@code Node.Dump()} prints: one {@code (keyword ["--flags"]
   * "arg" …)} per instruction for the root, arguments in Go quoting. The golden {@code result}
   * files hold {@code root.dump() + "\n"}.
   */
  public String dump() {
    StringBuilder out = new StringBuilder(value.toLowerCase(Locale.ROOT));
    if (!flags.isEmpty()) {
      out.append(' ').append(GoText.quoteList(flags));
    }
    for (Node child : children) {
      out.append('(').append(child.dump()).append(")\n");
    }
    for (Node n = next; n != null; n = n.next) {
      out.append(' ').append(n.children.isEmpty() ? GoText.quote(n.value) : n.dump());
    }
    return GoText.trimSpace(out.toString());
  }
}
