package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a RUN does to the installed packages: package-manager calls become
 * {@link Step.PackagesAdded}/{@link Step.PackagesRemoved}, everything else
 * {@link Step.OpaqueRun}s holding the text of consecutive other commands. Shell form, exec form
 * ({@code ["/bin/sh","-c","…"]} or a package manager called directly) and heredoc bodies are
 * read. One analyzer serves one RUN.
 */
final class RunAnalyzer {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Set<String> SUDO_WITH_VALUE = Set.of("-u", "-g", "-C", "-p", "-r", "-t", "-U", "-D", "-R", "-T", "-h");
  private static final ShellLexer UNQUOTE = new ShellLexer('\\', new ShellLexer.Mode(false, false, true));
  private static final ShellLexer LEXER = new ShellLexer('\\');

  private final PackageLedger ledger;
  private final Warnings warnings;
  private final ShellLexer.Variables stage;
  private final SourceLocation at;
  // Variables the script itself assigns; a null value means assigned but unknown ($(...)).
  private final Map<String, String> scriptVariables = new HashMap<>();
  // The "savedAptMark=$(apt-mark showmanual); …; apt-mark auto '.*'; apt-get purge --auto-remove"
  // idiom of the official images: what is installed after the snapshot goes away again.
  private boolean aptSnapshot;
  private boolean aptAllAuto;
  private final Set<String> aptInstalledSinceSnapshot = new LinkedHashSet<>();
  private final Set<String> aptManual = new LinkedHashSet<>();

  /** @param stage the ARG and ENV values the RUN sees */
  RunAnalyzer(PackageLedger ledger, Warnings warnings, ShellLexer.Variables stage, SourceLocation at) {
    this.ledger = ledger;
    this.warnings = warnings;
    this.stage = stage;
    this.at = at;
  }

  List<Step> analyze(Instruction.Run run, List<String> shell) {
    if (!run.shellForm()) {
      return execForm(run.command());
    }
    String text = run.command().isEmpty() ? "" : run.command().get(0);
    if (!SHELLS.contains(basename(shell.get(0))) && !isBusyboxShell(shell)) {
      warnings.add(at, "RUN under SHELL " + shell + " is not analysed; treated as opaque");
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

  private static boolean isBusyboxShell(List<String> shell) {
    return basename(shell.get(0)).equals("busybox") && shell.size() > 1 && SHELLS.contains(shell.get(1));
  }

  /**
   * {@code RUN <<EOF} (the body is the script) or {@code RUN bash -e <<EOF} (a shell reading the
   * body on stdin). Null when the body is data for some other command ({@code RUN cat <<EOF >f}).
   */
  private List<Step> heredocScript(String text, Heredoc heredoc) {
    List<ShellScript.Command> commands = ShellScript.parse(text);
    boolean bodyIsScript = commands.isEmpty()
        || commands.size() == 1 && isShellReadingStdin(unquoted(commands.get(0).words()));
    if (!bodyIsScript) {
      return null;
    }
    String body = heredoc.chompedContent();
    if (commands.isEmpty() && body.startsWith("#!")) {
      String interpreter = body.lines().findFirst().orElse("").substring(2).trim();
      List<String> parts = List.of(interpreter.split("\\s+"));
      String program = basename(parts.get(0)).equals("env") && parts.size() > 1 ? parts.get(1) : parts.get(0);
      if (!SHELLS.contains(basename(program))) {
        return List.of(new Step.OpaqueRun(body.strip(), at));
      }
    }
    return script(body);
  }

  private static boolean isShellReadingStdin(List<String> words) {
    if (words.isEmpty() || !SHELLS.contains(basename(words.get(0)))) {
      return false;
    }
    return words.subList(1, words.size()).stream().allMatch(w -> w.startsWith("-") && !w.equals("-c"));
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
    for (ShellScript.Command c : ShellScript.parse(script)) {
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

  private Step opaque(String script, int start, int end) {
    return new Step.OpaqueRun(script.substring(start, Math.max(start, Math.min(end, script.length()))).strip(), at);
  }

  /**
   * @param words the command's words (as written when {@code shellWords})
   * @return the steps of a package-manager call, or null for anything else
   */
  private List<Step> command(List<String> words, boolean conditional, boolean shellWords) {
    if (shellWords && rememberAssignments(words)) {
      return null;
    }
    int first = skipPrefixes(words, shellWords);
    if (first < 0 || first >= words.size()) {
      return null;
    }
    List<String> rest = words.subList(first + 1, words.size());
    String program = basename(shellWords ? unquote(words.get(first)) : words.get(first));
    if (SHELLS.contains(program)) {
      return nestedShell(rest, shellWords);
    }
    PackageCall call = switch (program) {
      case "apk" -> ApkCall.parse(arguments(rest, shellWords, true));
      case "apt-get", "apt", "aptitude" -> AptCall.parse(arguments(rest, shellWords, true));
      case "apt-mark" -> AptCall.parseMark(arguments(rest, shellWords, false));
      case "dnf", "yum", "microdnf" -> RpmCall.parse(program, arguments(rest, shellWords, true));
      case "tdnf" -> RpmCall.parse("dnf", arguments(rest, shellWords, true));
      default -> null;
    };
    if (call == null) {
      return null;
    }
    call.notes().forEach(note -> warnings.add(at, note));
    return apply(call, conditional);
  }

  // "sh -c 'apk add curl'" runs a script of its own.
  private List<Step> nestedShell(List<String> args, boolean shellWords) {
    int c = args.indexOf("-c");
    if (c < 0 || c + 1 >= args.size()) {
      return null;
    }
    String inner = shellWords ? unquote(args.get(c + 1)) : args.get(c + 1);
    List<Step> steps = script(inner);
    boolean packages = steps.stream().anyMatch(s -> !(s instanceof Step.OpaqueRun));
    return packages ? steps : null;
  }

  private List<Step> apply(PackageCall call, boolean conditional) {
    String manager = call.manager();
    switch (call.kind()) {
      case MARK_AUTO -> {
        for (String name : call.installs()) {
          if (!PackageCall.beforeAny(name, "*?[^$").equals(name)) {
            aptAllAuto = true; // a pattern such as '.*'
          } else {
            ledger.aptMarkAuto(List.of(name));
          }
        }
        return null;
      }
      case MARK_MANUAL -> {
        ledger.aptMarkManual(call.removes());
        aptManual.addAll(call.removes());
        return null;
      }
      case OTHER -> {
        return null;
      }
      default -> {
        // a change: handled below
      }
    }
    List<Step> steps = new ArrayList<>();
    if (!call.installs().isEmpty()) {
      if (manager.equals("apk")) {
        ledger.apkAdd(call.installs(), call.virtualGroup());
      } else if (manager.equals("apt")) {
        ledger.aptMarkManual(call.installs());
        if (aptSnapshot) {
          aptInstalledSinceSnapshot.addAll(call.installs());
        }
      }
      if (conditional) {
        warnings.add(at, manager + " installs " + call.installs()
            + " in a branch that may not run; counted as installed");
      }
      steps.add(new Step.PackagesAdded(manager, call.installs(), at));
    }
    if (!call.removes().isEmpty()) {
      removal(manager, call, conditional, steps);
    }
    if (call.autoRemove()) {
      autoRemoval(conditional, steps);
    }
    return steps.isEmpty() ? null : steps;
  }

  private void removal(String manager, PackageCall call, boolean conditional, List<Step> steps) {
    if (conditional) {
      warnings.add(at, manager + " removes " + call.removes() + " in a branch that may not run; not counted");
      return;
    }
    List<String> notes = new ArrayList<>();
    List<String> removed = manager.equals("apk") ? ledger.apkDel(call.removes(), notes) : call.removes();
    notes.forEach(note -> warnings.add(at, note));
    if (!removed.isEmpty()) {
      steps.add(new Step.PackagesRemoved(manager, removed, at));
    }
  }

  private void autoRemoval(boolean conditional, List<Step> steps) {
    Set<String> removed = new LinkedHashSet<>(ledger.takeAptMarkedAuto());
    if (aptAllAuto && aptSnapshot) {
      aptInstalledSinceSnapshot.stream().filter(p -> !aptManual.contains(p)).forEach(removed::add);
      warnings.add(at, "apt autoremove after apt-mark auto '.*': " + removed
          + " counted as removed (installed after the apt-mark showmanual snapshot)");
    } else if (aptAllAuto) {
      warnings.add(at, "apt autoremove after apt-mark auto with a pattern: which packages go is not known");
    }
    if (conditional) {
      warnings.add(at, "apt autoremove in a branch that may not run; not counted");
      return;
    }
    if (!removed.isEmpty()) {
      steps.add(new Step.PackagesRemoved("apt", List.copyOf(removed), at));
    }
  }

  /** A command of assignments only ({@code PKGS="curl jq"}, {@code export X=y}) sets script variables. */
  private boolean rememberAssignments(List<String> words) {
    int from = words.get(0).equals("export") ? 1 : 0;
    if (from == words.size() || !words.subList(from, words.size()).stream().allMatch(w -> ASSIGNMENT.matcher(w).matches())) {
      return false;
    }
    for (String w : words.subList(from, words.size())) {
      int eq = w.indexOf('=');
      String raw = w.substring(eq + 1);
      if (raw.contains("apt-mark showmanual")) {
        aptSnapshot = true;
      }
      scriptVariables.put(w.substring(0, eq), substitutes(raw) ? null : expandQuietly(raw));
    }
    return true;
  }

  private String expandQuietly(String raw) {
    try {
      ShellLexer.Expansion e = LEXER.expand(raw, this::lookup);
      return e.unset().isEmpty() ? e.word() : null;
    } catch (SyntaxProblem e) {
      return null;
    }
  }

  /** Where the program starts after {@code VAR=x}, {@code sudo}, {@code env}, … or -1 for a lookup. */
  private int skipPrefixes(List<String> words, boolean shellWords) {
    int i = 0;
    while (i < words.size()) {
      String word = shellWords ? unquote(words.get(i)) : words.get(i);
      if (ASSIGNMENT.matcher(words.get(i)).matches()) {
        i++;
        continue;
      }
      switch (basename(word)) {
        case "sudo", "doas" -> i = skipOptions(words, i + 1, SUDO_WITH_VALUE);
        case "env" -> {
          i = skipOptions(words, i + 1, Set.of("-u", "-C", "-S"));
          while (i < words.size() && ASSIGNMENT.matcher(words.get(i)).matches()) {
            i++;
          }
        }
        case "command" -> {
          if (i + 1 < words.size() && (words.get(i + 1).startsWith("-v") || words.get(i + 1).startsWith("-V"))) {
            return -1; // "command -v apk" only looks the program up
          }
          i = skipOptions(words, i + 1, Set.of());
        }
        case "exec", "nohup", "eatmydata", "builtin", "time" -> i = skipOptions(words, i + 1, Set.of());
        case "nice" -> i = skipOptions(words, i + 1, Set.of("-n"));
        default -> {
          return i;
        }
      }
    }
    return i;
  }

  private static int skipOptions(List<String> words, int from, Set<String> withValue) {
    int i = from;
    while (i < words.size() && words.get(i).startsWith("-")) {
      String option = words.get(i);
      i++;
      if (option.equals("--")) {
        break;
      }
      if (withValue.contains(option)) {
        i++;
      }
    }
    return i;
  }

  /**
   * The words a package manager receives: shell words expanded with the RUN's variables and
   * split like the shell splits them. A word whose value is unknown is left out, with a warning.
   */
  private List<String> arguments(List<String> words, boolean shellWords, boolean warnUnknown) {
    if (!shellWords) {
      return words;
    }
    List<String> out = new ArrayList<>();
    for (String raw : words) {
      if (substitutes(raw)) {
        if (warnUnknown) {
          warnings.add(at, "RUN: " + raw + " is a command substitution; its packages are unknown");
        }
        continue;
      }
      try {
        ShellLexer.Expansion e = LEXER.expand(raw, this::lookup);
        if (!e.unset().isEmpty()) {
          if (warnUnknown) {
            warnings.add(at, "RUN: " + raw + " uses " + dollars(e.unset())
                + ", which has no value known here; left out of the package list");
          }
          continue;
        }
        out.addAll(e.words());
      } catch (SyntaxProblem e) {
        warnings.add(at, "RUN: cannot read " + raw + " (" + e.getMessage() + ")");
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

  private static String dollars(Set<String> names) {
    return String.join(", ", names.stream().map(n -> "$" + n).toList());
  }

  private static boolean substitutes(String raw) {
    return raw.contains("$(") || raw.contains("`");
  }

  private static List<String> unquoted(List<String> words) {
    return words.stream().map(RunAnalyzer::unquote).toList();
  }

  private static String unquote(String word) {
    try {
      return UNQUOTE.processWord(word, ShellLexer.Variables.NONE);
    } catch (SyntaxProblem e) {
      return word;
    }
  }

  private static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
