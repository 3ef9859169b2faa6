package dev.healthguard.cdk;

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
 * @param handles the constructs {@link ChangeWriter#align} changes
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
   * @param gracePeriod whether this binding carries the service's grace period (the first of the
   *     service's bindings does), so that reading it again computes the period afresh
   */
  record Handles(
      IConstruct service,
      CfnService cfnService,
      CfnTaskDefinition cfnTaskDefinition,
      CfnTargetGroup cfnTargetGroup,
      ApplicationTargetGroup targetGroup,
      boolean gracePeriod) {

    Handles withGracePeriod() {
      return new Handles(service, cfnService, cfnTaskDefinition, cfnTargetGroup, targetGroup, true);
    }
  }

  /** Where findings about the service belong: the {@code BaseService}, or a bare {@code CfnService}. */
  public IConstruct service() {
    return handles.service();
  }

  /** The L1 of the task definition the service runs, which holds the container's check. */
  public CfnTaskDefinition taskDefinition() {
    return handles.cfnTaskDefinition();
  }
}
