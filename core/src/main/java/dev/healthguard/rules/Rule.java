package dev.healthguard.rules;

import java.util.List;

/**
 * One check, a pure function of a {@link Subject}. An empty result means compliant or not
 * applicable. A rule never throws for odd input; the guard still turns a throw into a finding.
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

  List<Finding> check(Subject subject);
}
