package dev.healthguard.task;

import java.util.Objects;

/**
 * One container port of one ECS service registered in one application target group, with both
 * health checks and the service's grace period as they will be deployed. Plain values: read from
 * the construct tree or from a template alike ({@link ServiceBindings}).
 *
 * @param service the service's construct path (the L2's when there is one)
 * @param container the bound container: its health check, ports, image and network mode
 * @param containerPort the port the load balancer sends traffic to ({@code LoadBalancers[].ContainerPort})
 * @param targetGroup the target group's construct path (the L2's when there is one)
 * @param targetGroupCheck the target group's health check
 * @param gracePeriod the service's grace period and what its container checks need; null when no
 *     essential container has a check, and on all but the first binding of a service, so that a
 *     service with several target groups is reported and fixed once
 */
public record ServiceBinding(
    String service,
    Target container,
    int containerPort,
    String targetGroup,
    TargetGroupHealthCheck targetGroupCheck,
    GracePeriod gracePeriod) {

  public ServiceBinding {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(targetGroup, "targetGroup");
    Objects.requireNonNull(targetGroupCheck, "targetGroupCheck");
  }

  /** The same binding as read again: another container check, target-group check or grace period. */
  public ServiceBinding with(Target newContainer, TargetGroupHealthCheck newCheck, GracePeriod newGrace) {
    return new ServiceBinding(service, newContainer, containerPort, targetGroup, newCheck, newGrace);
  }
}
