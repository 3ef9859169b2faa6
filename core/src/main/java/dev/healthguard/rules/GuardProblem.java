package dev.healthguard.rules;

import dev.healthguard.task.Target;
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

  /**
   * A finding under this id, as a warning.
   *
   * @param where what it concerns: a task definition's construct path, or a setting such as {@code
   *     healthguard:rules}
   * @param container the container it concerns, or null for the whole of {@code where}
   * @param problem one or two sentences, with no stack trace and no input echoed at length
   */
  public static Finding finding(String where, String container, String problem) {
    Target target = new Target(where, container, null, null, List.of(), true, null, null, List.of(), List.of());
    return new Finding("HG000", Severity.WARNING, target, null, problem, List.of(), null);
  }

  @Override
  public List<Finding> check(Subject subject) {
    return List.of(); // see the class comment: the entry points report under this id
  }
}
