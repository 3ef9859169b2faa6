package dev.healthguard.dockerfile;

import java.util.List;

/**
 * A parsed Dockerfile: the syntax tree and the parse state that later layers need.
 *
 * @param fileName the name given to {@link DockerfileParser#parse}, for messages
 * @param root the root node; its children are the instructions in file order
 * @param escapeToken {@code \} or the character chosen by an {@code # escape=} directive
 * @param warnings parse warnings (empty continuation lines), each starting with "file:line: "
 */
public record DockerfileAst(String fileName, Node root, char escapeToken, List<String> warnings) {

  public DockerfileAst {
    warnings = List.copyOf(warnings);
  }

  /** The instructions, in file order. */
  public List<Node> instructions() {
    return root.children();
  }

  /** {@link Node#dump()} of the root: BuildKit's golden-file format without the final newline. */
  public String dump() {
    return root.dump();
  }
}
