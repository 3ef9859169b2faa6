package dev.healthguard.rules;

import dev.healthguard.task.ServiceBinding;
import java.util.List;

/**
 * One check, a pure function of what it reads: a container ({@link Subject}) or a service's
 * binding to a load balancer ({@link ServiceBinding}). Each rule reads the kind it is about and is
 * not applicable to the other, as a cdk-nag rule returns {@code NOT_APPLICABLE} for resources it
 * does not judge; so one {@link RuleRunner} runs every rule on both. An empty result means
 * compliant or not applicable. A rule never throws for odd input; the guard still turns a throw
 * into a finding.
 */
public interface Rule {

  /** Stable id users acknowledge findings by, e.g. {@code HG001}; never contains {@code ::}. */
  String id();

  /** The severity when the evidence is certain. */
  Severity severity();

  /** One line: what the rule finds. */
  String title();

  /** Why it matters, for the documentation. */
  String explanation();

  /** The findings on one container; none by default, for rules about services. */
  default List<Finding> check(Subject subject) {
    return List.of();
  }

  /** The findings on one service binding; none by default, for rules about containers. */
  default List<Finding> check(ServiceBinding binding) {
    return List.of();
  }
}
