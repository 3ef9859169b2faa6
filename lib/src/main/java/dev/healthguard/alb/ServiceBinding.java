package dev.healthguard.alb;

import dev.healthguard.task.Target;
import java.util.Objects;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.constructs.IConstruct;

/**
 * One container port of one ECS service registered in one application target group, with both
 * health checks and the service's grace period as they will be deployed.
 *
 * @param service the service's construct path
 * @param container the bound container: its health check, ports, image and network mode
 * @param containerPort the port the load balancer sends traffic to ({@code LoadBalancers[].ContainerPort})
 * @param targetGroup the target group's construct path (the L2's when there is one)
 * @param targetGroupCheck the target group's health check
 * @param gracePeriod the service's grace period and what its container checks need; null when no
 *     essential container has a check, and on all but the first binding of a service, so that a
 *     service with several target groups is reported and fixed once
 * @param handles the constructs {@link AlbAlignment#apply} changes; null in tests of the comparison
 */
public record ServiceBinding(
    String service,
    Target container,
    int containerPort,
    String targetGroup,
    TargetGroupHealthCheck targetGroupCheck,
    GracePeriod gracePeriod,
    Handles handles) {

  public ServiceBinding {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(targetGroup, "targetGroup");
    Objects.requireNonNull(targetGroupCheck, "targetGroupCheck");
  }

  /**
   * The constructs behind a binding.
   *
   * @param service the {@code BaseService}, or the {@code CfnService} of a bare L1 service; where
   *     findings about the service belong
   * @param cfnService the service's L1, which holds the grace period
   * @param cfnTaskDefinition the task definition's L1, which holds the container's check
   * @param cfnTargetGroup the target group's L1
   * @param targetGroup the target group's L2, null for a bare {@code CfnTargetGroup}
   */
  public record Handles(
      IConstruct service,
      CfnService cfnService,
      CfnTaskDefinition cfnTaskDefinition,
      CfnTargetGroup cfnTargetGroup,
      ApplicationTargetGroup targetGroup) {}

  ServiceBinding with(Target newContainer, TargetGroupHealthCheck newCheck, GracePeriod newGrace) {
    return new ServiceBinding(service, newContainer, containerPort, targetGroup, newCheck, newGrace, handles);
  }
}
