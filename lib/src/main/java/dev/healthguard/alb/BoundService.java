package dev.healthguard.alb;

import dev.healthguard.task.ServiceBinding;
import java.util.Objects;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.constructs.IConstruct;

/**
 * A binding as read from the tree (plain values, which the rules judge) and the constructs behind
 * it, which fix mode changes.
 *
 * @param binding the binding as it will be deployed
 * @param handles the constructs {@link AlbAlignment#apply} changes
 */
public record BoundService(ServiceBinding binding, Handles handles) {

  public BoundService {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(handles, "handles");
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

  BoundService with(ServiceBinding newBinding) {
    return new BoundService(newBinding, handles);
  }
}
