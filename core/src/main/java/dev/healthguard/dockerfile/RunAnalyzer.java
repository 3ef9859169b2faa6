package dev.healthguard.dockerfile;

import dev.healthguard.shell.Shells;
import dev.healthguard.shell.SimpleCommands;
import dev.healthguard.shell.Words;
import dev.healthguard.shell.Wrappers;
import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a RUN does to the installed packages: package-manager calls become
 * {@link Step.PackagesAdded}/{@link Step.PackagesRemoved}, everything else
 * {@link Step.OpaqueRun}s holding the text of consecutive other commands. Shell form, exec form
 * ({@code ["/bin/sh","-c","…"]} or a package manager called directly) and heredoc bodies are
 * read. One analyzer serves one RUN. Scripts are read with the shell reader health checks use
 * ({@link dev.healthguard.shell}).
 */
final class RunAnalyzer {
  private static final WordExpander EXPANDER = new WordExpander('\\');
  private static final WordExpander UNQUOTE = new WordExpander('\\', new WordExpander.Mode(false, false, true));

  private final Warnings warnings;
  private final WordExpander.Variables stage;
  private final SourceLocation at;
  private final ExpansionBudget budget;
  private final PackageEffects effects;
  // Variables the script itself assigns; a null value means assigned but unknown ($(...)).
  private final Map<String, String> scriptVariables = new HashMap<>();

  /** @param stage the ARG and ENV values the RUN sees */
  RunAnalyzer(
      PackageLedger ledger, Warnings warnings, WordExpander.Variables stage, ExpansionBudget budget, SourceLocation at) {
    this.warnings = warnings;
    this.stage = stage;
    this.at = at;
    this.budget = budget;
    this.effects = new PackageEffects(ledger, warnings, at);
  }

  List<Step> analyze(Instruction.Run run, List<String> shell) {
    if (!run.shellForm()) {
      return execForm(run.command());
    }
    String text = run.command().isEmpty() ? "" : run.command().get(0);
    if (!isPosixShell(shell)) {
      warnings.add(at, "RUN under SHELL " + Excerpt.inline(shell.toString()) + " is not analysed; treated as opaque");
      return List.of(new Step.OpaqueRun(text, at));
    }
    if (!run.heredocs().isEmpty()) {
      List<Step> fromBody = heredocScript(text, run.heredocs().get(0));
      if (fromBody != null) {
        return fromBody;
      }
    }
    return script(text);
  }

  private static boolean isPosixShell(List<String> shell) {
    return Shells.isShellName(shell.get(0))
        || Shells.isBusybox(shell.get(0)) && shell.size() > 1 && Shells.isShellName(shell.get(1));
  }

  /**
   * {@code RUN <<EOF} (the body is the script) or {@code RUN bash -e <<EOF} (a shell reading the
   * body on stdin). Null when the body is data for some other command ({@code RUN cat <<EOF >f}).
   */
  private List<Step> heredocScript(String text, Heredoc heredoc) {
    List<SimpleCommands.Command> commands = commands(text);
    boolean bodyIsScript = commands.isEmpty()
        || commands.size() == 1 && Shells.readsStdin(unquoted(commands.get(0).words()));
    if (!bodyIsScript) {
      return null;
    }
    String body = heredoc.chompedContent();
    if (commands.isEmpty() && body.startsWith("#!")) {
      // BuildKit runs a body with a shebang through that interpreter.
      List<String> parts = List.of(body.lines().findFirst().orElse("").substring(2).trim().split("\\s+"));
      String program = parts.get(0);
      if (Words.basename(program).equals("env") && parts.size() > 1) {
        program = parts.get(1);
      }
      if (!Shells.isShellName(program)) {
        return List.of(new Step.OpaqueRun(body.strip(), at));
      }
    }
    return script(body);
  }

  private List<Step> execForm(List<String> argv) {
    if (argv.isEmpty()) {
      return List.of();
    }
    String text = String.join(" ", argv);
    List<Step> steps = command(argv, false, false);
    if (steps == null) {
      warnings.add(at, "exec-form RUN " + SourceText.shorten(text) + " is opaque");
      return List.of(new Step.OpaqueRun(text, at));
    }
    return steps;
  }

  /** Steps for a shell script: package calls in order, other commands merged into opaque runs. */
  private List<Step> script(String script) {
    List<Step> steps = new ArrayList<>();
    int opaqueStart = -1;
    int opaqueEnd = -1;
    for (SimpleCommands.Command c : commands(script)) {
      List<Step> own = command(c.words(), c.conditional(), true);
      if (own == null) {
        opaqueStart = opaqueStart < 0 ? c.start() : opaqueStart;
        opaqueEnd = Math.max(opaqueEnd, c.end());
        continue;
      }
      if (opaqueStart >= 0) {
        steps.add(opaque(script, opaqueStart, opaqueEnd));
        opaqueStart = -1;
      }
      steps.addAll(own);
    }
    if (opaqueStart >= 0) {
      steps.add(opaque(script, opaqueStart, opaqueEnd));
    }
    return steps;
  }

  /**
   * The script's simple commands. A carriage return (a Dockerfile with CRLF line ends) is read as
   * a blank, as the RUN reader always did; it keeps its place, so offsets still point into the
   * script.
   */
  private static List<SimpleCommands.Command> commands(String script) {
    return SimpleCommands.of(script.replace('\r', ' '));
  }

  private Step opaque(String script, int start, int end) {
    return new Step.OpaqueRun(script.substring(start, Math.max(start, Math.min(end, script.length()))).strip(), at);
  }

  /**
   * @param words the command's words, as written when {@code shellWords}, else exec-form argv
   * @return the steps of a package-manager call, or null for anything else
   */
  private List<Step> command(List<String> words, boolean conditional, boolean shellWords) {
    if (shellWords && rememberAssignments(words)) {
      return null;
    }
    List<String> plain = shellWords ? unquoted(words) : words;
    int first = programStart(plain);
    if (first < 0 || first >= words.size()) {
      return null;
    }
    List<String> rest = words.subList(first + 1, words.size());
    String program = Words.basename(plain.get(first));
    if (Shells.isShellName(program)) {
      return nestedShell(plain.subList(first, plain.size()));
    }
    PackageCall call = switch (program) {
      case "apk" -> ApkCall.parse(arguments(rest, shellWords));
      case "apt-get", "apt", "aptitude" -> AptCall.parse(arguments(rest, shellWords));
      case "apt-mark" -> AptCall.parseMark(arguments(rest, shellWords));
      case "dnf", "yum", "microdnf" -> RpmCall.parse(program, arguments(rest, shellWords));
      case "tdnf" -> RpmCall.parse("dnf", arguments(rest, shellWords));
      default -> null;
    };
    return call == null ? null : effects.apply(call, conditional);
  }

  /**
   * Where the program starts after assignments, the shell's own prefixes ({@code command},
   * {@code exec}, {@code builtin}, {@code time}) and wrappers ({@link Wrappers}: {@code sudo},
   * {@code env}, {@code nice}, {@code timeout} …).
   *
   * @param words unquoted words
   * @return the index, which may be {@code words.size()}; -1 for {@code command -v}, a lookup
   */
  private static int programStart(List<String> words) {
    int i = 0;
    while (i < words.size()) {
      String word = words.get(i);
      if (Words.isAssignment(word)) {
        i++;
        continue;
      }
      switch (Words.basename(word)) {
        case "command" -> {
          if (i + 1 < words.size() && (words.get(i + 1).startsWith("-v") || words.get(i + 1).startsWith("-V"))) {
            return -1;
          }
          i = skipOptions(words, i + 1);
        }
        case "exec", "builtin", "time" -> i = skipOptions(words, i + 1);
        default -> {
          List<String> args = words.subList(i + 1, words.size());
          List<String> target = Wrappers.target(Words.basename(word), args);
          if (target == null) {
            return Wrappers.isWrapper(Words.basename(word)) ? words.size() : i;
          }
          i = words.size() - target.size();
        }
      }
    }
    return i;
  }

  private static int skipOptions(List<String> words, int from) {
    int i = from;
    while (i < words.size() && words.get(i).startsWith("-")) {
      i++;
      if (words.get(i - 1).equals("--")) {
        break;
      }
    }
    return i;
  }

  // "sh -c 'apk add curl'" runs a script of its own.
  private List<Step> nestedShell(List<String> argv) {
    Shells.Script nested = Shells.scriptOf(argv);
    if (nested == null || nested.script() == null) {
      return null;
    }
    List<Step> steps = script(nested.script());
    boolean packages = steps.stream().anyMatch(s -> !(s instanceof Step.OpaqueRun));
    return packages ? steps : null;
  }

  /** A command of assignments only ({@code PKGS="curl jq"}, {@code export X=y}) sets script variables. */
  private boolean rememberAssignments(List<String> words) {
    int from = words.get(0).equals("export") ? 1 : 0;
    if (from == words.size() || !words.subList(from, words.size()).stream().allMatch(Words::isAssignment)) {
      return false;
    }
    for (String w : words.subList(from, words.size())) {
      int eq = w.indexOf('=');
      String raw = w.substring(eq + 1);
      if (raw.contains("apt-mark showmanual")) {
        effects.aptSnapshotTaken();
      }
      scriptVariables.put(w.substring(0, eq), substitutes(raw) ? null : expandQuietly(raw));
    }
    return true;
  }

  private String expandQuietly(String raw) {
    try {
      WordExpander.Expansion e = EXPANDER.expand(raw, this::lookup, budget);
      return e.unset().isEmpty() ? e.word() : null;
    } catch (SyntaxProblem e) {
      return null;
    }
  }

  /**
   * The words a package manager receives: shell words expanded with the RUN's variables and
   * split like the shell splits them. A word whose value is unknown (an unset variable, a command
   * substitution) stays in place as a {@link PackageCall#unknown} marker, so that an option still
   * takes the right value and the package parsers can say which operand they could not read.
   */
  private List<String> arguments(List<String> words, boolean shellWords) {
    if (!shellWords) {
      return words;
    }
    List<String> out = new ArrayList<>();
    for (String raw : words) {
      if (substitutes(raw)) {
        out.add(PackageCall.unknown(raw));
        continue;
      }
      try {
        WordExpander.Expansion e = EXPANDER.expand(raw, this::lookup, budget);
        if (e.unset().isEmpty()) {
          out.addAll(e.words());
        } else {
          out.add(PackageCall.unknown(raw));
        }
      } catch (SyntaxProblem e) {
        out.add(PackageCall.unknown(raw));
      }
    }
    return out;
  }

  private String lookup(String name) {
    if (scriptVariables.containsKey(name)) {
      return scriptVariables.get(name);
    }
    return stage.get(name);
  }


  private static boolean substitutes(String raw) {
    return raw.contains("$(") || raw.contains("`");
  }

  /** The words with quotes and escapes removed, variables left as written. */
  private static List<String> unquoted(List<String> words) {
    return words.stream().map(RunAnalyzer::unquote).toList();
  }

  private static String unquote(String word) {
    try {
      return UNQUOTE.processWord(word, WordExpander.Variables.NONE);
    } catch (SyntaxProblem e) {
      return word;
    }
  }
}
