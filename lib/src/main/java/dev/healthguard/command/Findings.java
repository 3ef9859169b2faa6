package dev.healthguard.command;

import java.util.ArrayList;
import java.util.List;

/** What an analysis collects while it walks: invocations, probes, problems. Not thread-safe. */
final class Findings {

  final List<Invocation> invocations = new ArrayList<>();
  final List<Probe> probes = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  /**
   * Set when the input could not be read with confidence (syntax error, nesting limit): the
   * analysis then never claims the check cannot fail.
   */
  boolean uncertain;

  void problem(String message) {
    if (!problems.contains(message)) {
      problems.add(message);
    }
  }

  /** A problem that also makes the exit-status analysis untrustworthy. */
  void brokenInput(String message) {
    problem(message);
    uncertain = true;
  }
}
