package dev.healthguard.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The simple commands of a script, in the order written, each with whether it may not have run;
 * for readers that need only those, such as RUN analysis. It never fails: what the parser cannot
 * follow ends up in some command's words, which stay opaque to the caller.
 */
public final class SimpleCommands {

  /**
   * One simple command.
   *
   * @param words its assignments and words as written (quotes kept), redirections removed
   * @param start offset of its first word in the script
   * @param end offset just after its last word or redirection target
   * @param conditional true inside {@code if} branches, loop bodies and {@code case} arms, or after
   *     {@code ||}: it may not have run
   */
  public record Command(List<String> words, int start, int end, boolean conditional) {
    public Command {
      words = List.copyOf(words);
    }
  }

  private final List<Command> commands = new ArrayList<>();

  private SimpleCommands() {}

  /** The simple commands of {@code script}; syntax errors are skipped, not reported. */
  public static List<Command> of(String script) {
    SimpleCommands flat = new SimpleCommands();
    flat.walk(ShellParser.parse(script).root(), false);
    return List.copyOf(flat.commands);
  }

  private void walk(ShellNode node, boolean conditional) {
    if (node instanceof ShellNode.Simple s) {
      simple(s, conditional);
    } else if (node instanceof ShellNode.Pipeline p) {
      p.commands().forEach(c -> walk(c, conditional));
    } else if (node instanceof ShellNode.AndOr a) {
      for (int i = 0; i < a.items().size(); i++) {
        walk(a.items().get(i), conditional || i > 0 && a.operators().get(i - 1).equals("||"));
      }
    } else if (node instanceof ShellNode.Sequence q) {
      q.items().forEach(item -> walk(item, conditional));
    } else if (node instanceof ShellNode.Subshell s) {
      walk(s.body(), conditional);
    } else if (node instanceof ShellNode.Group g) {
      walk(g.body(), conditional);
    } else if (node instanceof ShellNode.If i) {
      // The first condition always runs; an elif's only when the branches before were not taken.
      for (int c = 0; c < i.conditions().size(); c++) {
        walk(i.conditions().get(c), conditional || c > 0);
      }
      i.branches().forEach(b -> walk(b, true));
      if (i.otherwise() != null) {
        walk(i.otherwise(), true);
      }
    } else if (node instanceof ShellNode.Loop l) {
      if (l.condition() != null) {
        walk(l.condition(), conditional);
      }
      walk(l.body(), true);
    } else if (node instanceof ShellNode.Case c) {
      c.arms().forEach(arm -> walk(arm, true));
    } else if (node instanceof ShellNode.FunctionDef f) {
      walk(f.body(), conditional);
    }
  }

  private void simple(ShellNode.Simple s, boolean conditional) {
    List<Word> written = new ArrayList<>(s.assignments());
    written.addAll(s.words());
    if (written.isEmpty()) {
      return; // only redirections: ">f" runs nothing
    }
    int end = 0;
    for (Word w : written) {
      end = Math.max(end, w.offset() + w.raw().length());
    }
    for (ShellNode.Redirect r : s.redirects()) {
      if (r.target() != null) {
        end = Math.max(end, r.target().offset() + r.target().raw().length());
      }
    }
    commands.add(new Command(written.stream().map(Word::raw).toList(), written.get(0).offset(), end, conditional));
  }
}
