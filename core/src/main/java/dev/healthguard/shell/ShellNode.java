package dev.healthguard.shell;

import java.util.List;

/**
 * The small AST {@link ShellParser} builds: just enough of the POSIX shell grammar (XCU 2.9,
 * "Shell Commands") to find every command a health check runs and to work out its exit status.
 */
public sealed interface ShellNode {

  /**
   * {@code FOO=bar cmd arg >/dev/null}: assignments come first and are not the command;
   * redirections may appear anywhere and are not arguments. {@code words} may be empty
   * ({@code >f}, {@code FOO=bar}).
   */
  record Simple(List<Word> assignments, List<Word> words, List<Redirect> redirects, int offset)
      implements ShellNode {
    public Simple {
      assignments = List.copyOf(assignments);
      words = List.copyOf(words);
      redirects = List.copyOf(redirects);
    }
  }

  /** {@code [!] a | b | c}: the status is that of {@code c} unless pipefail is set. */
  record Pipeline(boolean negated, List<ShellNode> commands) implements ShellNode {
    public Pipeline {
      commands = List.copyOf(commands);
    }
  }

  /** {@code a && b || c}: {@code operators.get(i)} sits between items i and i+1. */
  record AndOr(List<ShellNode> items, List<String> operators) implements ShellNode {
    public AndOr {
      items = List.copyOf(items);
      operators = List.copyOf(operators);
    }
  }

  /** {@code a; b & c}: {@code background.get(i)} is true when item i ends with {@code &}. */
  record Sequence(List<ShellNode> items, List<Boolean> background) implements ShellNode {
    public Sequence {
      items = List.copyOf(items);
      background = List.copyOf(background);
    }
  }

  /** {@code ( list )}: runs in a child process, so {@code exit} inside ends only the subshell. */
  record Subshell(ShellNode body, List<Redirect> redirects) implements ShellNode {
    public Subshell {
      redirects = List.copyOf(redirects);
    }
  }

  /** <code>{ list; }</code>: runs in the current shell. */
  record Group(ShellNode body, List<Redirect> redirects) implements ShellNode {
    public Group {
      redirects = List.copyOf(redirects);
    }
  }

  /**
   * {@code if c1; then b1; elif c2; then b2; else e; fi}; {@code otherwise} is null without
   * {@code else}.
   */
  record If(List<ShellNode> conditions, List<ShellNode> branches, ShellNode otherwise, List<Redirect> redirects)
      implements ShellNode {
    public If {
      conditions = List.copyOf(conditions);
      branches = List.copyOf(branches);
      redirects = List.copyOf(redirects);
    }
  }

  /**
   * {@code while}/{@code until c; do b; done} and {@code for x in words; do b; done};
   * {@code condition} is null for {@code for}.
   */
  record Loop(String keyword, ShellNode condition, List<Word> items, ShellNode body, List<Redirect> redirects)
      implements ShellNode {
    public Loop {
      items = List.copyOf(items);
      redirects = List.copyOf(redirects);
    }
  }

  /** {@code case word in p) list;; … esac}: one arm per pattern list. */
  record Case(Word subject, List<ShellNode> arms, List<Redirect> redirects) implements ShellNode {
    public Case {
      arms = List.copyOf(arms);
      redirects = List.copyOf(redirects);
    }
  }

  /** {@code name() compound-command}. */
  record FunctionDef(String name, ShellNode body) implements ShellNode {}

  /**
   * A redirection; {@code fd} is null when not written, {@code target} is null when missing.
   */
  record Redirect(Integer fd, String operator, Word target) {}
}
