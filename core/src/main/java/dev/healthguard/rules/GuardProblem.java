package dev.healthguard.rules;

import java.util.List;

/**
 * HG000: HealthGuard itself could not do its job for part of the app: a task definition it could
 * not read, a setting it does not understand (an unknown rule id in {@code healthguard:rules}), an
 * acknowledgement without a reason. Never about the health check itself, so never an error; the
 * rest of the synth is checked as usual.
 *
 * <p>It finds nothing from a {@link Subject} or a binding: the entry points
 * report under this id. It implements {@link Rule} so that its id and page sit beside the others.
 */
public final class GuardProblem implements Rule {

  @Override
  public String id() {
    return "HG000";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "HealthGuard could not check part of the app";
  }

  @Override
  public String explanation() {
    return "A task definition could not be read, a HealthGuard setting is not understood, or an "
        + "acknowledgement has no reason; what it concerns is not verified (or not acknowledged) "
        + "until the cause is fixed.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    return List.of(); // see the class comment: the entry points report under this id
  }
}
