package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import java.util.ArrayList;
import java.util.List;

/** Runs every rule on a subject; a rule that throws becomes a finding, never a failed synth. */
public final class RuleRunner {

  private final List<Rule> rules;

  public RuleRunner(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Finding> run(Subject subject) {
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : rules) {
      try {
        findings.addAll(rule.check(subject));
      } catch (RuntimeException e) {
        findings.add(new Finding(rule.id(), Severity.WARNING, subject.target(), subject.image().image(),
            "the rule could not decide because of an internal error (" + e + "); please report it.",
            List.of(new Evidence("rule " + rule.id(), rule.title())), "acknowledge " + rule.id() + " until it is fixed"));
      }
    }
    return findings;
  }
}
