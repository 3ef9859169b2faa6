package dev.healthguard.command;

import dev.healthguard.shell.Shells;
import dev.healthguard.shell.Words;
import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Analyses the {@code command} array of an ECS container health check, as deployed.
 *
 * <p>Nothing is run. {@code CMD-SHELL} scripts are read as POSIX sh, because Docker runs them with
 * {@code /bin/sh -c} whatever the image's {@code SHELL} (moby daemon/health.go {@code getShell};
 * health-check-semantics.md §1), and {@code /bin/sh} may be dash, busybox ash or bash.
 *
 * <pre>{@code
 * CommandAnalysis a = CommandAnalyzer.analyze(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"));
 * a.needsShell();    // true
 * a.executables();   // [curl]
 * a.primaryProbe();  // curl http://localhost/ port 80 path / failsOnHttpError=true
 * a.canFail();       // true
 * }</pre>
 *
 * <p>Limits: scripts over {@value ScriptWalker#MAX_SCRIPT_CHARS} characters, nesting deeper than
 * {@value dev.healthguard.shell.ShellParser#MAX_NESTING} compound commands or {@value ScriptWalker#MAX_SCRIPT_DEPTH}
 * nested scripts are reported as problems and not analysed further.
 */
public final class CommandAnalyzer {

  // In CMD form these reach the program as plain arguments; they look like someone expected a shell.
  private static final Set<String> SHELL_OPERATORS =
      Set.of("||", "&&", "|", ";", ">", ">>", "<", "2>&1", ">/dev/null", "&>/dev/null", "&");

  // A shell variable reference: $NAME or ${NAME…}. "ok$" (a regex) and "%{http_code}" are not.
  private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_]");

  // Programs whose arguments are code in which '$' is ordinary syntax (JS templates, awk fields).
  private static final Pattern INTERPRETER =
      Pattern.compile("python[0-9.]*|node|nodejs|bun|deno|perl|ruby|php|awk|gawk|mawk|jq|sed|lua");

  /**
   * Characters all elements of a command may have together before it is not analysed. The same
   * bound as one script: a 1,000,000-element CMD took 6 s (issue 10), and no real check is near it.
   */
  static final int MAX_COMMAND_CHARS = ScriptWalker.MAX_SCRIPT_CHARS;


  private CommandAnalyzer() {}

  /**
   * Analyses a health-check command. Never throws: null, empty or malformed input gives
   * {@link CommandForm#INVALID} with a problem saying why.
   *
   * @param command the {@code HealthCheck.command} array: {@code ["CMD", argv…]},
   *     {@code ["CMD-SHELL", "script"]} or {@code ["NONE"]}
   */
  public static CommandAnalysis analyze(List<String> command) {
    Walk findings = new Walk();
    try {
      return analyze(command, findings);
    } catch (RuntimeException e) {
      // A bug here must not fail a synth; report it as what it is. Errors are not caught: the
      // nesting and depth bounds above keep the walk's recursion shallow (issue 10).
      String internal = "Internal error while analysing the command (" + e.getClass().getSimpleName()
          + "); please report it with the command.";
      findings.problem(internal);
      CommandForm form = guessForm(command);
      return new CommandAnalysis(form, scriptOf(command, form), findings.invocations,
          findings.probes, true, null, findings.problems(), internal);
    }
  }

  private static CommandAnalysis analyze(List<String> command, Walk findings) {
    if (command == null) {
      return invalid("The health-check command is null; ECS needs [\"CMD\", …] or [\"CMD-SHELL\", \"…\"].");
    }
    if (command.isEmpty()) {
      return invalid("The health-check command is empty; ECS needs [\"CMD\", …] or [\"CMD-SHELL\", \"…\"].");
    }
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i) == null) {
        return invalid("Element " + i + " of the health-check command is null.");
      }
    }
    long chars = 0;
    for (String element : command) {
      chars += element.length();
    }
    // A CMD-SHELL script has its own bound, with its own message (ScriptWalker).
    boolean oneScript = command.get(0).equals("CMD-SHELL") && command.size() == 2;
    if (chars > MAX_COMMAND_CHARS && !oneScript) {
      return notVerified(command, "The command has " + command.size() + " element(s) and " + chars
          + " characters; commands over " + MAX_COMMAND_CHARS + " characters are not analysed.");
    }
    for (int i = 0; i < command.size(); i++) {
      if (isToken(command.get(i))) {
        return notVerified(command, "Element " + i + " of the command holds a value that is only known at "
            + "deploy time (a CDK token: a parameter, an import or another resource's attribute), so what "
            + "the check runs is not known at synth.");
      }
    }
    String type = command.get(0);
    switch (type) {
      case "NONE":
        return none(command);
      case "CMD":
        return exec(command, findings);
      case "CMD-SHELL":
        return shell(command, findings);
      default:
        return invalid(unknownType(type));
    }
  }

  private static CommandAnalysis none(List<String> command) {
    List<String> problems = new ArrayList<>();
    problems.add("ECS documents only CMD and CMD-SHELL; in Docker, NONE disables the health check.");
    if (command.size() > 1) {
      problems.add("NONE takes no arguments; " + (command.size() - 1) + " given.");
    }
    return new CommandAnalysis(CommandForm.NONE, null, List.of(), List.of(), false,
        "`NONE` disables the check: nothing runs, so nothing can fail", problems, null);
  }

  private static CommandAnalysis exec(List<String> command, Walk findings) {
    if (command.size() < 2) {
      return invalid("CMD has no program to run: [\"CMD\"] needs at least one more element.");
    }
    List<String> argv = command.subList(1, command.size());
    String program = argv.get(0);
    if (program.isBlank()) {
      return invalid("CMD's program name (element 1) is empty.");
    }
    if (program.strip().contains(" ") || program.contains("\t")) {
      // Docker execs the whole string as one file name (moby daemon/health.go, cmdProbe).
      findings.problem("CMD runs a program literally named `" + Excerpt.inline(program) + "`, spaces included; split"
          + " it into separate elements, or use CMD-SHELL for a shell command line.");
    }
    for (String arg : argv.subList(1, argv.size())) {
      if (SHELL_OPERATORS.contains(arg)) {
        findings.problem("CMD has no shell: `" + arg + "` is passed to " + Excerpt.inline(Words.basename(program))
            + " as an argument. Use CMD-SHELL for shell syntax.");
      }
    }
    if (Shells.scriptOf(argv) == null && !INTERPRETER.matcher(Words.basename(program)).matches()) {
      for (String arg : argv) {
        if (SHELL_VARIABLE.matcher(arg).find()) {
          findings.problem("CMD has no shell: `" + Excerpt.inline(arg) + "` is passed as written, with no variable "
              + "expansion.");
        }
      }
    }
    ScriptWalker.Result r = ScriptWalker.execForm(List.copyOf(argv), findings);
    return result(CommandForm.CMD, null, r, findings);
  }

  private static CommandAnalysis shell(List<String> command, Walk findings) {
    if (command.size() < 2) {
      return invalid("CMD-SHELL has no script: [\"CMD-SHELL\"] needs the script as element 1.");
    }
    String script = command.get(1);
    if (command.size() > 2) {
      // moby daemon/health.go appends Test[1:] to ["/bin/sh", "-c"]: only element 1 is the
      // script; the rest become $0, $1, … (docker/docs#10058).
      findings.problem("CMD-SHELL takes one script; the " + (command.size() - 2) + " element(s) after"
          + " it become $0, $1, … of the shell and are not run. Join them into one string.");
    }
    ScriptWalker.Result r = ScriptWalker.shellScript(script, findings);
    return result(CommandForm.CMD_SHELL, script, r, findings);
  }

  private static CommandAnalysis result(
      CommandForm form, String script, ScriptWalker.Result r, Walk findings) {
    boolean canFail = findings.uncertain || r.outcomes().canFail();
    String reason = null;
    if (!canFail) {
      reason = r.reason() != null ? r.reason() : "no path through the check exits non-zero";
    }
    return new CommandAnalysis(form, script, findings.invocations, findings.probes, canFail, reason,
        findings.problems(), findings.notAnalysed);
  }

  private static String unknownType(String type) {
    String shown = Excerpt.inline(type.length() > 80 ? type.substring(0, 79) + "…" : type);
    if (type.equalsIgnoreCase("CMD") || type.equalsIgnoreCase("CMD-SHELL") || type.equalsIgnoreCase("NONE")) {
      return "The first element is `" + shown + "`; Docker matches CMD, CMD-SHELL and NONE "
          + "case-sensitively, so no probe would run.";
    }
    // The CDK L2 turns a one-element command into CMD-SHELL (getHealthCheckCommand), so the
    // deployed array always starts with CMD or CMD-SHELL; a raw one is read as is.
    return "The first element must be CMD or CMD-SHELL (ECS HealthCheck), got `" + shown + "`. "
        + "For a shell command line, use [\"CMD-SHELL\", \"" + shown + "\"].";
  }

  /** Whether an element of the command holds a CDK token, which only deploy time resolves. */
  public static boolean holdsToken(List<String> command) {
    return command != null && command.stream().anyMatch(e -> e != null && isToken(e));
  }

  // How a CDK token prints inside a string (${Token[NAME.123]}) or a list (#{Token[…]}); the task
  // reader renders an intrinsic the same way, so one test covers both entry points. No regex: this
  // runs over every element of a command that may have a million.
  private static boolean isToken(String element) {
    for (int at = element.indexOf("{Token["); at >= 0; at = element.indexOf("{Token[", at + 1)) {
      if (at > 0 && (element.charAt(at - 1) == '$' || element.charAt(at - 1) == '#')) {
        return true;
      }
    }
    return false;
  }

  private static CommandAnalysis invalid(String problem) {
    return new CommandAnalysis(CommandForm.INVALID, null, List.of(), List.of(), true, null,
        List.of(problem), null);
  }

  /**
   * A command that is not analysed: only its form counts (a {@code CMD-SHELL} still needs {@code
   * /bin/sh}), with no invocations or probes, so no rule claims a missing tool or a placebo.
   */
  private static CommandAnalysis notVerified(List<String> command, String why) {
    CommandForm form = guessForm(command);
    return new CommandAnalysis(form, scriptOf(command, form), List.of(), List.of(), true, null, List.of(why), why);
  }

  // Used after an internal error only, so it must not throw on any list either.
  private static CommandForm guessForm(List<String> command) {
    try {
      if (command == null || command.isEmpty() || command.get(0) == null) {
        return CommandForm.INVALID;
      }
      return switch (command.get(0)) {
        case "CMD" -> CommandForm.CMD;
        case "CMD-SHELL" -> CommandForm.CMD_SHELL;
        case "NONE" -> CommandForm.NONE;
        default -> CommandForm.INVALID;
      };
    } catch (RuntimeException e) {
      return CommandForm.INVALID;
    }
  }

  private static String scriptOf(List<String> command, CommandForm form) {
    try {
      return form == CommandForm.CMD_SHELL && command.size() > 1 ? command.get(1) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
