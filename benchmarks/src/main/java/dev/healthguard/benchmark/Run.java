package dev.healthguard.benchmark;

import dev.healthguard.GuardStatistics;

/**
 * What one synth of the app measured.
 *
 * @param variant how the guard was on
 * @param round 1-based; 0 for the warm-up
 * @param constructNanos {@code new App()} and every stack, task definition and container, plus
 *     registering the guard
 * @param synthNanos {@code app.synth()}, which runs aspects, writes the assembly and runs plugins
 * @param synthCpuNanos CPU time of the JVM and the node processes during {@code app.synth()}
 * @param findings the guard's findings of every severity (0 without a guard)
 * @param errors the findings of severity error
 * @param statistics what the guard analysed (zeros without a guard)
 * @param validationFailed whether {@code app.synth()} threw {@code ValidationFailed}, which a
 *     plugin reporting errors causes after the assembly is written
 * @param peakHeapMib peak Java heap during the run
 * @param peakNodeMib peak resident set of the jsii node processes during the run, -1 if unknown
 */
record Run(
    Variant variant,
    int round,
    long constructNanos,
    long synthNanos,
    long synthCpuNanos,
    int findings,
    int errors,
    GuardStatistics statistics,
    boolean validationFailed,
    long peakHeapMib,
    long peakNodeMib) {

  double constructSeconds() {
    return constructNanos / 1e9;
  }

  double synthSeconds() {
    return synthNanos / 1e9;
  }

  double synthCpuSeconds() {
    return synthCpuNanos / 1e9;
  }

  double totalSeconds() {
    return (constructNanos + synthNanos) / 1e9;
  }

  /** Whether the guard visibly did its job on an app of {@code n} task definitions; always true without one. */
  boolean didRealWork(int n) {
    if (variant == Variant.NONE) {
      return findings == 0 && !validationFailed;
    }
    boolean complete = statistics.taskDefinitions() == n && statistics.containers() == 2 * n;
    boolean expectedErrors = errors == BenchApp.brokenServices(n);
    // Only a plugin's failing report makes app.synth() throw; the aspect leaves error annotations.
    boolean expectedOutcome = validationFailed == (variant == Variant.PLUGIN && errors > 0);
    return complete && expectedErrors && expectedOutcome;
  }
}
