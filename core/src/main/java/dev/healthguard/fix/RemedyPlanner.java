package dev.healthguard.fix;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.checks.CheckEndpoint;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.registry.ConfigHealthcheck;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleRunner;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.Subject;
import dev.healthguard.task.HealthCheck;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the safe remedy for a target from its findings. Only findings that prove the check
 * cannot run (HG001, HG002 as errors) or that lose the image's intent (HG003) have one; a remedy
 * must keep what the check meant, so a placebo, a missing {@code -f} or an odd port is left to the
 * user. Pure: the CDK side applies what this returns.
 */
public final class RemedyPlanner {

  private static final Set<String> CANNOT_RUN = Set.of("HG001", "HG002");

  private final RuleRunner rules;

  public RemedyPlanner(RuleRunner rules) {
    this.rules = rules;
  }

  public Optional<Remedy> plan(Subject subject, List<Finding> findings) {
    boolean cannotRun = findings.stream()
        .anyMatch(f -> CANNOT_RUN.contains(f.ruleId()) && f.severity() == Severity.ERROR);
    if (cannotRun) {
      return Optional.of(forBrokenCheck(subject));
    }
    if (findings.stream().anyMatch(f -> f.ruleId().equals("HG003"))) {
      return Optional.of(lift(subject));
    }
    return Optional.empty();
  }

  private Remedy forBrokenCheck(Subject subject) {
    var command = subject.command();
    var image = subject.image();
    Optional<CheckCommands.Choice> exec = CheckCommands.execFormOf(command, image);
    if (exec.isPresent()) {
      return new Remedy.Rewrite(exec.get().command(), "the exec form runs " + exec.get().command().get(1)
          + " without /bin/sh, which the image lacks");
    }
    Optional<CheckCommands.Choice> other =
        CheckCommands.replacementFor(command, image, subject.target().healthCheck().timeoutSeconds());
    if (other.isPresent()) {
      return new Remedy.Rewrite(other.get().command(), "the image has " + other.get().relyingOn());
    }
    Optional<CheckEndpoint> endpoint = CheckEndpoint.of(command);
    if (endpoint.isEmpty()) {
      return new Remedy.None("HealthGuard cannot tell what the check probes, so it cannot replace it safely");
    }
    return new Remedy.InjectProbe(endpoint.get().probeArgs(),
        "the image has no tool to run the check with" + CheckCommands.weakerNote(endpoint.get()));
  }

  private Remedy lift(Subject subject) {
    ConfigHealthcheck declared = subject.image().healthcheck();
    HealthCheck lifted = new HealthCheck(declared.test(), declared.intervalSeconds(), declared.timeoutSeconds(),
        declared.retries(), declared.startPeriodSeconds());
    Subject after = new Subject(subject.target().withHealthCheck(lifted), subject.image(), CommandAnalyzer.analyze(lifted.command()));
    List<Finding> remaining = rules.run(after).stream().filter(f -> f.severity() == Severity.ERROR).toList();
    if (!remaining.isEmpty()) {
      return new Remedy.None("the image's HEALTHCHECK cannot run in the image either: " + remaining.get(0).problem());
    }
    return new Remedy.Lift(lifted, "the image declares it at " + subject.image().healthcheckSource());
  }
}
