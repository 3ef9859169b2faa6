package dev.healthguard.rules;

import java.util.List;

/**
 * HG011: a load balancer's target-group health check disagrees with the container's own check
 * (another path or port, healthy codes that accept a 404 or reject 200), or the service's grace
 * period is shorter than the start-up the container check allows.
 *
 * <p>A {@link Subject} holds one container, not the service and its target groups, so this rule
 * finds nothing by itself: {@code dev.healthguard.alb.AlbAlignment} makes the comparison and
 * reports under this id. It implements {@link Rule} so that its id, title and explanation sit
 * beside the other rules'.
 */
public final class TargetGroupMismatch implements Rule {

  @Override
  public String id() {
    return "HG011";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Load balancer health check disagrees with the container's";
  }

  @Override
  public String explanation() {
    return "ECS replaces a task that fails either check. The container's check runs inside the container; the "
        + "target group's is an HTTP request from the load balancer, on path / with code 200 unless configured. "
        + "When they probe different paths or ports, or the target group accepts a 404, one check says healthy "
        + "while the other says not; a grace period shorter than the container check's startPeriod + interval "
        + "x retries lets the load balancer replace a task that is still starting.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    return List.of(); // see the class comment: AlbAlignment compares the service's two checks
  }
}
