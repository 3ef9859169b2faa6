package dev.healthguard.command;

import dev.healthguard.shell.Dialect;
import dev.healthguard.shell.ShellNode;
import dev.healthguard.shell.ShellParser;
import dev.healthguard.shell.Shells;
import dev.healthguard.shell.Word;
import dev.healthguard.shell.Words;
import dev.healthguard.shell.Wrappers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a parsed script (or a {@code CMD} argv) once, in the order written. On the way it records
 * every invocation and probe in {@link Walk}, and it returns how the walked part can end
 * ({@link Outcomes}), with a human reason when it cannot fail.
 *
 * <p>The exit-status rules are POSIX XCU 2.9: a pipeline's status is its last command's;
 * {@code a && b} and {@code a || b} run {@code b} only on success or failure of {@code a}; a list's
 * status is its last command's; {@code exit} and {@code exec} end the shell; an {@code if} with no
 * branch taken exits 0. Commands the analyser knows nothing about may succeed or fail. Loops are
 * treated as "may succeed or fail", which can only make the analysis say "can fail" more often.
 *
 * <p>Every command written is listed, even after an {@code exit} that makes it unreachable: the
 * list is what the script names, and such scripts are not worth the complexity.
 *
 * <p>The walker keeps the node algebra and what an argv runs (probes, {@code sh -c}, busybox
 * applets, wrappers); {@link Builtins} says what {@code exit}, {@code exec}, {@code set} and the
 * other builtins do, {@link Redirections} what a command's redirections do.
 */
final class ScriptWalker {

  /** Nested scripts ({@code sh -c}, {@code $(…)}, {@code eval}) deeper than this are not read. */
  static final int MAX_SCRIPT_DEPTH = 16;

  /** Scripts longer than this are not analysed; real health checks are well under 1 KiB. */
  static final int MAX_SCRIPT_CHARS = 65_536;

  /**
   * How a walked part can end.
   *
   * @param reason why it cannot fail, for a human; null when it can fail or nobody knows why
   */
  record Result(Outcomes outcomes, String reason) {
    static Result of(Outcomes outcomes) {
      return new Result(outcomes, null);
    }
  }

  private final Walk findings;
  private final Dialect dialect;
  private final int depth;
  private final String context;
  private final Redirections redirections;
  private final Set<String> functions = new HashSet<>();
  private boolean errexit;
  private boolean pipefail;

  private ScriptWalker(
      Walk findings, Dialect dialect, boolean errexit, boolean pipefail, int depth,
      String context) {
    this.findings = findings;
    this.dialect = dialect;
    this.errexit = errexit;
    this.pipefail = pipefail;
    this.depth = depth;
    this.context = context;
    this.redirections = new Redirections(findings, dialect, context);
  }

  /** Analyses a {@code CMD-SHELL} script run by {@code /bin/sh -c}. */
  static Result shellScript(String script, Walk findings) {
    return new ScriptWalker(findings, Dialect.SH, false, false, 0, "").walkScript(script);
  }

  /** Analyses a {@code CMD} argv: exec'd directly, no shell, no builtins. */
  static Result execForm(List<String> argv, Walk findings) {
    ScriptWalker walker = new ScriptWalker(findings, Dialect.SH, false, false, 0, "");
    Result r = walker.runArgv(argv, false, false, Outcomes.SUCCEEDS, false);
    return new Result(r.outcomes().inChild(), r.reason());
  }

  // ---- scripts ----

  private Result walkScript(String script) {
    if (depth > MAX_SCRIPT_DEPTH) {
      findings.notAnalysed(context + "Scripts nested more than " + MAX_SCRIPT_DEPTH
          + " levels deep are not analysed.");
      return Result.of(Outcomes.ANYTHING);
    }
    if (script.length() > MAX_SCRIPT_CHARS) {
      findings.notAnalysed(context + "The script is " + script.length() + " characters long; "
          + "scripts over " + MAX_SCRIPT_CHARS + " characters are not analysed.");
      return Result.of(Outcomes.ANYTHING);
    }
    if (script.indexOf('\r') >= 0) {
      // sh does not treat CR as white space (XCU 2.3): "exit 1\r" is "exit" with "1\r".
      findings.problem(context + "The script contains carriage returns (CRLF line ends?); "
          + "sh reads them as part of words, so `exit 1\\r` fails with \"Illegal number\".");
    }
    ShellParser.Result parsed = ShellParser.parse(script);
    for (String problem : parsed.problems()) {
      findings.brokenInput(context + problem);
    }
    if (script.isBlank()) {
      findings.problem(context + "The script is empty.");
      return new Result(Outcomes.SUCCEEDS, "the script is empty, and an empty `sh -c` exits 0");
    }
    return walk(parsed.root(), Outcomes.SUCCEEDS, false, false);
  }

  private Result nested(String script, Dialect nestedDialect, boolean e, boolean p, String where) {
    return new ScriptWalker(findings, nestedDialect, e, p, depth + 1, where).walkScript(script);
  }

  // ---- nodes ----

  /**
   * @param incoming what {@code $?} can be before the node (only OK/FAIL bits)
   * @param inCondition inside an {@code if}/{@code while} condition, where {@code set -e} does
   *     not apply (XCU 2.14 "set -e")
   * @param pipelineTail the node is the last command of a multi-command pipeline
   */
  private Result walk(ShellNode node, Outcomes incoming, boolean inCondition, boolean pipelineTail) {
    if (node instanceof ShellNode.Simple s) {
      return simple(s, incoming, pipelineTail);
    }
    if (node instanceof ShellNode.Pipeline p) {
      return pipeline(p, incoming, inCondition);
    }
    if (node instanceof ShellNode.AndOr a) {
      return andOr(a, incoming, inCondition);
    }
    if (node instanceof ShellNode.Sequence q) {
      return sequence(q, incoming, inCondition);
    }
    if (node instanceof ShellNode.Subshell s) {
      Result r = walk(s.body(), incoming, inCondition, false);
      return new Result(redirections.apply(s.redirects(), r.outcomes().inChild(), null), r.reason());
    }
    if (node instanceof ShellNode.Group g) {
      Result r = walk(g.body(), incoming, inCondition, false);
      return new Result(redirections.apply(g.redirects(), r.outcomes(), null), r.reason());
    }
    if (node instanceof ShellNode.If i) {
      return ifClause(i, incoming, inCondition);
    }
    if (node instanceof ShellNode.Loop l) {
      return loop(l, incoming, inCondition);
    }
    if (node instanceof ShellNode.Case c) {
      return caseClause(c, incoming, inCondition);
    }
    if (node instanceof ShellNode.FunctionDef f) {
      functions.add(f.name());
      walk(f.body(), Outcomes.SUCCEEDS, false, false); // list what the function runs
      return new Result(Outcomes.SUCCEEDS, "defining a function always exits 0");
    }
    return Result.of(Outcomes.ANYTHING);
  }

  private Result sequence(ShellNode.Sequence q, Outcomes incoming, boolean inCondition) {
    if (q.items().isEmpty()) {
      return new Result(incoming.continuing(), "an empty list exits 0");
    }
    Outcomes state = incoming.continuing();
    Outcomes exits = Outcomes.NONE;
    Result decisive = null;
    int decisiveMark = 0;
    int mark = findings.invocations.size();
    for (int i = 0; i < q.items().size(); i++) {
      ShellNode item = q.items().get(i);
      boolean reachable = state.continues();
      int itemMark = findings.invocations.size();
      Result r = walk(item, reachable ? state : Outcomes.SUCCEEDS, inCondition, false);
      if (!reachable) {
        continue; // after an unconditional exit: listed, but it never runs
      }
      Outcomes o = r.outcomes();
      if (q.background().get(i)) {
        // "cmd &" starts cmd and continues at once with status 0 (XCU 2.9.3.1).
        o = Outcomes.SUCCEEDS;
        r = new Result(o, "`" + NodeText.of(item) + " &` runs in the background, so its status is"
            + " always 0");
      }
      if (errexit && !inCondition) {
        o = o.errexit();
      }
      exits = exits.union(o.exits());
      state = o.continuing();
      // What decides a list that cannot fail: the item that always ends the script, else the
      // last item. Later items are unreachable and skipped above.
      if (!state.continues() || i == q.items().size() - 1) {
        decisive = r;
        decisiveMark = itemMark;
      }
    }
    Outcomes result = state.union(exits);
    String reason = null;
    if (!result.canFail() && decisive != null && decisive.reason() != null) {
      // Only programs: "whatever set returns" would be noise.
      String before = NodeText.names(findings.invocations.subList(mark, decisiveMark), true);
      reason = decisive.reason();
      if (!before.isEmpty()) {
        reason += reason.contains("whatever")
            ? "; " + NodeText.whatever(before) + " before it is ignored too"
            : ", so the check succeeds " + NodeText.whatever(before);
      }
    }
    return new Result(result, reason);
  }

  private Result andOr(ShellNode.AndOr a, Outcomes incoming, boolean inCondition) {
    int mark = findings.invocations.size();
    Result first = walk(a.items().get(0), incoming, inCondition, false);
    Outcomes cur = first.outcomes();
    String reason = first.reason();
    for (int i = 1; i < a.items().size(); i++) {
      boolean and = a.operators().get(i - 1).equals("&&");
      int leftEnd = findings.invocations.size();
      ShellNode item = a.items().get(i);
      // $? entering the right side is the left side's status: 0 after &&, non-zero after ||.
      Result right = walk(item, and ? Outcomes.SUCCEEDS : Outcomes.FAILS, inCondition, false);
      boolean runs = cur.has(and ? Outcomes.OK : Outcomes.FAIL);
      Outcomes next = cur.exits().union(cur.has(and ? Outcomes.FAIL : Outcomes.OK)
          ? (and ? Outcomes.FAILS : Outcomes.SUCCEEDS) : Outcomes.NONE);
      if (runs) {
        next = next.union(right.outcomes());
      }
      if (!next.canFail()) {
        if (and) {
          reason = runs ? right.reason() : reason;
        } else if (cur.canFail()) {
          String text = NodeText.of(item);
          String left = NodeText.names(findings.invocations.subList(mark, leftEnd));
          reason = "`|| " + text + "` makes the check succeed "
              + NodeText.whatever(left.isEmpty() ? "the commands before it" : left);
          if (right.reason() != null && !right.reason().startsWith("`" + text + "`")) {
            reason += " (" + right.reason() + ")";
          }
        }
      } else {
        reason = null;
      }
      cur = next;
    }
    return new Result(cur, cur.canFail() ? null : reason);
  }

  private Result pipeline(ShellNode.Pipeline p, Outcomes incoming, boolean inCondition) {
    int mark = findings.invocations.size();
    List<Result> results = new ArrayList<>();
    int lastMark = mark;
    int n = p.commands().size();
    for (int i = 0; i < n; i++) {
      if (i == n - 1) {
        lastMark = findings.invocations.size();
      }
      results.add(walk(p.commands().get(i), incoming, inCondition, n > 1 && i == n - 1));
    }
    Result last = results.get(n - 1);
    Outcomes o;
    if (n == 1) {
      o = last.outcomes();
    } else {
      // Each command of a multi-command pipeline runs in a subshell (XCU 2.9.2), so an exit
      // inside one only sets that command's status.
      o = last.outcomes().inChild();
      if (pipefail) {
        boolean anyFails = results.stream().anyMatch(r -> r.outcomes().inChild().canFail());
        boolean allSucceed = results.stream().allMatch(r -> r.outcomes().inChild().has(Outcomes.OK));
        o = new Outcomes((anyFails ? Outcomes.FAIL : 0) | (allSucceed ? Outcomes.OK : 0));
      }
    }
    String reason = last.reason();
    if (p.negated()) {
      o = o.negated();
      reason = "`!` turns every failure of " + NodeText.of(p.commands().get(n - 1)) + " into success";
    } else if (n > 1 && !pipefail && !o.canFail()) {
      String before = NodeText.names(findings.invocations.subList(mark, lastMark));
      reason = "a pipeline's status is that of its last command, `"
          + NodeText.of(p.commands().get(n - 1)) + "`, which always succeeds; without pipefail, "
          + NodeText.whatever(before.isEmpty() ? "the commands before it" : before) + " is lost";
    }
    return new Result(o, o.canFail() ? null : reason);
  }

  private Result ifClause(ShellNode.If node, Outcomes incoming, boolean inCondition) {
    Outcomes result = Outcomes.NONE;
    Outcomes reach = incoming.continuing();
    for (int i = 0; i < node.conditions().size(); i++) {
      boolean reachable = reach.continues();
      Result cond = walk(node.conditions().get(i), reachable ? reach : Outcomes.SUCCEEDS, true, false);
      Result branch = walk(node.branches().get(i), Outcomes.SUCCEEDS, inCondition, false);
      if (!reachable) {
        continue;
      }
      result = result.union(cond.outcomes().exits());
      if (cond.outcomes().has(Outcomes.OK)) {
        result = result.union(branch.outcomes());
      }
      reach = cond.outcomes().has(Outcomes.FAIL) ? Outcomes.FAILS : Outcomes.NONE;
    }
    if (node.otherwise() != null) {
      Result other = walk(node.otherwise(), reach.continues() ? reach : Outcomes.FAILS, inCondition, false);
      if (reach.continues()) {
        result = result.union(other.outcomes());
      }
    } else if (reach.continues()) {
      result = result.union(Outcomes.SUCCEEDS); // no branch taken: status 0 (XCU 2.9.4.4)
    }
    result = redirections.apply(node.redirects(), result, null);
    return new Result(result, result.canFail() ? null : "every path through the `if` exits 0");
  }

  private Result loop(ShellNode.Loop node, Outcomes incoming, boolean inCondition) {
    Outcomes result = Outcomes.MAYBE;
    for (Word w : node.items()) {
      substitutions(w);
    }
    if (node.condition() != null) {
      result = result.union(walk(node.condition(), incoming, true, false).outcomes().exits());
    }
    result = result.union(walk(node.body(), Outcomes.MAYBE, inCondition, false).outcomes().exits());
    return Result.of(redirections.apply(node.redirects(), result, null));
  }

  private Result caseClause(ShellNode.Case node, Outcomes incoming, boolean inCondition) {
    substitutions(node.subject());
    Outcomes result = Outcomes.SUCCEEDS; // no pattern matched: status 0 (XCU 2.9.4.3)
    for (ShellNode arm : node.arms()) {
      result = result.union(walk(arm, incoming, inCondition, false).outcomes());
    }
    result = redirections.apply(node.redirects(), result, null);
    return new Result(result, result.canFail() ? null : "every branch of the `case` exits 0");
  }

  // ---- simple commands ----

  private Result simple(ShellNode.Simple s, Outcomes incoming, boolean pipelineTail) {
    Outcomes substitutionStatus = null;
    for (Word w : s.assignments()) {
      Outcomes o = substitutions(w);
      substitutionStatus = o == null ? substitutionStatus : o;
    }
    if (s.words().isEmpty()) {
      for (ShellNode.Redirect r : s.redirects()) {
        substitutions(r.target());
      }
      // "FOO=bar" alone exits 0, or with the status of its last command substitution (XCU 2.9.1).
      Outcomes o = substitutionStatus != null ? substitutionStatus : Outcomes.SUCCEEDS;
      o = redirections.apply(s.redirects(), o, null);
      String reason = s.assignments().isEmpty()
          ? "a command with only redirections exits 0"
          : "a plain assignment exits 0";
      return new Result(o, o.canFail() ? null : reason);
    }
    List<String> argv = new ArrayList<>();
    for (Word w : s.words()) {
      argv.add(w.value());
    }
    int commandIndex = findings.invocations.size();
    Result r = runArgv(argv, true, true, incoming, pipelineTail);
    Invocation invocation = findings.invocations.get(commandIndex);
    for (Word w : s.words()) {
      substitutions(w);
    }
    for (ShellNode.Redirect redirect : s.redirects()) {
      substitutions(redirect.target());
    }
    Outcomes o = redirections.apply(s.redirects(), r.outcomes(), invocation);
    return new Result(o, o.canFail() ? null : r.reason());
  }

  /** Walks the command substitutions of a word; returns the last one's status, or null. */
  private Outcomes substitutions(Word word) {
    if (word == null) {
      return null;
    }
    Outcomes last = null;
    for (String sub : word.substitutions()) {
      last = nested(sub, dialect, false, false, "In `$(" + shorten(sub) + ")`: ").outcomes().inChild();
    }
    return last;
  }

  /**
   * Records the invocation of {@code argv} (and whatever it wraps) and works out its status.
   *
   * @param viaShell a shell runs it
   * @param allowBuiltin the shell may run it as a builtin (false after exec, in CMD form, and for
   *     programs started by wrappers, which exec it)
   */
  Result runArgv(
      List<String> argv, boolean viaShell, boolean allowBuiltin, Outcomes incoming,
      boolean pipelineTail) {
    String command = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    boolean builtin =
        viaShell && allowBuiltin
            && (Builtins.isBuiltin(command, dialect) || functions.contains(command));
    Invocation invocation = new Invocation(command, args, builtin, viaShell);
    findings.invocations.add(invocation);
    if (builtin) {
      return Builtins.run(this, invocation, incoming, pipelineTail);
    }
    if (command.isEmpty()) {
      findings.problem(context + "A command name is empty: it is never found.");
      return Result.of(Outcomes.FAILS);
    }
    String name = invocation.name();
    Probe probe = ProbeRecognizers.recognize(name, args, invocation, findings);
    if (probe != null) {
      findings.probes.add(probe);
    }
    Shells.Script script = Shells.scriptOf(argv);
    if (script != null) {
      if (script.script() == null) {
        findings.problem(context + "`" + command + " -c` has no script: the shell exits with an"
            + " error.");
        return Result.of(Outcomes.FAILS);
      }
      Result inner = nested(script.script(), script.dialect(), script.errexit(), script.pipefail(),
          context + "In the `" + name + " -c` script: ");
      String reason = inner.reason() == null ? null : "the `" + name + " -c` script cannot fail: "
          + inner.reason();
      return new Result(inner.outcomes().inChild(), reason);
    }
    if (Shells.isBusybox(command) && !args.isEmpty()) {
      // "busybox wget …" runs the applet inside busybox: no separate file, but still a probe.
      String applet = Words.basename(args.get(0));
      List<String> appletArgs = args.subList(1, args.size());
      Probe appletProbe = ProbeRecognizers.recognize(applet, appletArgs, invocation, findings);
      if (appletProbe != null) {
        findings.probes.add(appletProbe);
      }
      return KnownStatus.program(applet, appletArgs, pipelineTail);
    }
    List<String> target = Wrappers.target(name, args);
    if (target != null) {
      Result inner = runArgv(target, viaShell, false, incoming, false);
      Outcomes o = inner.outcomes().inChild();
      if (Wrappers.addsTimeout(name)) {
        return Result.of(o.with(Outcomes.FAIL)); // timeout exits 124 when time runs out
      }
      return new Result(o, inner.reason());
    }
    return KnownStatus.program(name, args, pipelineTail);
  }

  // ---- for Builtins ----

  Dialect dialect() {
    return dialect;
  }

  /** Notes a problem, prefixed with where in the nested scripts it is. */
  void problem(String message) {
    findings.problem(context + message);
  }

  void errexit(boolean on) {
    errexit = on;
  }

  void pipefail(boolean on) {
    pipefail = on;
  }

  /** {@code eval}: its arguments, joined by spaces, run as a script in the same shell. */
  Result eval(String script) {
    return nested(script, dialect, errexit, pipefail, context + "In `eval`: ");
  }

  private static String shorten(String s) {
    String oneLine = s.replace('\n', ' ').strip();
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 39) + "…";
  }
}
