package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs every rule on a container or on a service binding; a rule that throws becomes a finding,
 * never a failed synth.
 */
public final class RuleRunner {

  private final List<Rule> rules;

  public RuleRunner(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Finding> run(Subject subject) {
    return run(rule -> rule.check(subject), subject.target(), subject.image().image());
  }

  public List<Finding> run(ServiceBinding binding) {
    return run(rule -> rule.check(binding), binding.container(), binding.container().image().display());
  }

  private List<Finding> run(Function<Rule, List<Finding>> check, Target target, String image) {
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : rules) {
      try {
        findings.addAll(check.apply(rule));
      } catch (RuntimeException e) {
        findings.add(new Finding(rule.id(), Severity.WARNING, target, image,
            "the rule could not decide because of an internal error (" + e + "); please report it.",
            List.of(new Evidence("rule " + rule.id(), rule.title())), "acknowledge " + rule.id() + " until it is fixed"));
      }
    }
    return findings;
  }
}
