package dev.healthguard.command;

import dev.healthguard.shell.ShellNode;
import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Short renderings of AST nodes and command names for human-readable reasons. */
final class NodeText {

  private static final int MAX = 60;

  private NodeText() {}

  /** {@code curl -f http://localhost/}, {@code { … }}, shortened to about 60 characters. */
  static String of(ShellNode node) {
    // Invisible characters escaped: the text goes to terminals and reports (issue 10).
    String text = Excerpt.inline(render(node), Integer.MAX_VALUE);
    return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
  }

  private static String render(ShellNode node) {
    if (node instanceof ShellNode.Simple s) {
      List<String> parts = new ArrayList<>();
      s.assignments().forEach(w -> parts.add(w.raw()));
      s.words().forEach(w -> parts.add(w.raw()));
      return String.join(" ", parts);
    }
    if (node instanceof ShellNode.Pipeline p) {
      List<String> parts = new ArrayList<>();
      p.commands().forEach(c -> parts.add(render(c)));
      return (p.negated() ? "! " : "") + String.join(" | ", parts);
    }
    if (node instanceof ShellNode.AndOr a) {
      StringBuilder sb = new StringBuilder(render(a.items().get(0)));
      for (int i = 1; i < a.items().size(); i++) {
        sb.append(' ').append(a.operators().get(i - 1)).append(' ').append(render(a.items().get(i)));
      }
      return sb.toString();
    }
    if (node instanceof ShellNode.Sequence q) {
      List<String> parts = new ArrayList<>();
      q.items().forEach(c -> parts.add(render(c)));
      return String.join("; ", parts);
    }
    if (node instanceof ShellNode.Subshell) {
      return "( … )";
    }
    if (node instanceof ShellNode.Group) {
      return "{ …; }";
    }
    if (node instanceof ShellNode.If) {
      return "if … fi";
    }
    if (node instanceof ShellNode.Loop l) {
      return l.keyword() + " … done";
    }
    if (node instanceof ShellNode.Case) {
      return "case … esac";
    }
    if (node instanceof ShellNode.FunctionDef f) {
      return f.name() + "() …";
    }
    return "…";
  }

  /**
   * "curl", "curl and grep", "curl, grep and cut": the programs among {@code invocations}, or the
   * builtins when there are none ("[" for {@code [ -f x ] || true}).
   */
  static String names(List<Invocation> invocations) {
    return names(invocations, false);
  }

  /** As {@link #names(List)}; with {@code externalOnly}, "" when only builtins ran. */
  static String names(List<Invocation> invocations, boolean externalOnly) {
    Set<String> external = new LinkedHashSet<>();
    Set<String> all = new LinkedHashSet<>();
    for (Invocation i : invocations) {
      all.add(i.name());
      if (!i.builtin()) {
        external.add(i.name());
      }
    }
    List<String> names = new ArrayList<>(external.isEmpty() && !externalOnly ? all : external);
    if (names.isEmpty()) {
      return "";
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** "whatever curl returns", "whatever curl and wget return". */
  static String whatever(String names) {
    boolean plural = names.contains(" and ") || names.startsWith("the commands");
    return "whatever " + names + (plural ? " return" : " returns");
  }
}
