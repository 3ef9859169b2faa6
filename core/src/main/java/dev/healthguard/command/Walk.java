package dev.healthguard.command;

import dev.healthguard.shell.ShellParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an analysis collects while it walks: invocations, probes, problems. Not thread-safe. */
final class Walk {

  /**
   * At most this many problems are listed; hostile input such as 100,000 stray {@code )} would
   * otherwise produce as many messages. Real commands have one or two.
   */
  static final int MAX_PROBLEMS = ShellParser.MAX_PROBLEMS;
  static final int MAX_PROBLEM_CHARS = 1_000;

  final List<Invocation> invocations = new ArrayList<>();
  final List<Probe> probes = new ArrayList<>();
  private final Set<String> problems = new LinkedHashSet<>();
  private boolean truncated;

  /**
   * Set when the input could not be read with confidence (syntax error, nesting limit): the
   * analysis then never claims the check cannot fail.
   */
  boolean uncertain;

  void problem(String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(bounded(message));
    } else {
      truncated = true;
    }
  }

  /**
   * A problem echoes parts of the command (a URL, a host); a hostile one of 40 KB must not become a
   * 40 KB finding (issue 10), so the message is cut, as {@code text.Excerpt} cuts an echo.
   */
  private static String bounded(String message) {
    return message.length() <= MAX_PROBLEM_CHARS ? message
        : message.substring(0, MAX_PROBLEM_CHARS) + "… (" + (message.length() - MAX_PROBLEM_CHARS)
            + " more characters)";
  }

  /**
   * Why part of the command was not analysed at all (a script over the size bound, scripts nested
   * too deeply); null when all of it was. The first reason is kept.
   */
  String notAnalysed;

  /** A part of the command that is not analysed: a problem, and the check is not verified. */
  void notAnalysed(String message) {
    brokenInput(message);
    if (notAnalysed == null) {
      notAnalysed = message;
    }
  }

  /** A problem that also makes the exit-status analysis untrustworthy. */
  void brokenInput(String message) {
    problem(message);
    uncertain = true;
  }

  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    if (truncated) {
      all.add("More problems were found; only the first " + MAX_PROBLEMS + " are listed.");
    }
    return all;
  }
}
