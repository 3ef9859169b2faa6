package dev.healthguard.alb;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.TargetGroupMismatch;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import software.constructs.IConstruct;

/**
 * Aligns an application load balancer's target-group health check and the service's grace period
 * with the container's own health check (rule {@code HG011}).
 *
 * <p>The two checks are independent: the container's runs inside the container, the load
 * balancer's is an HTTP request from outside (health-check-semantics.md §5), and a task has to pass
 * both. The CDK ECS patterns leave the target group on the ELB defaults (path {@code /}, codes
 * {@code 200}; aws/aws-cdk#2359, #6498), so an app whose health lives at {@code /healthz} passes its
 * container check and fails the load balancer's, or the other way round.
 *
 * <pre>{@code
 * AlbAlignment alignment = new AlbAlignment();           // one per synth
 * for (ServiceBinding b : alignment.inspect(node)) {      // in an aspect's visit
 *   List<Finding> findings = AlbAlignment.findings(b);    // report
 *   List<String> changes = AlbAlignment.apply(b);         // fix mode
 * }
 * }</pre>
 *
 * <p>{@link #inspect} accepts any node and costs nothing for nodes that are not services
 * ({@code instanceof} only). It handles a {@code FargateService}/{@code Ec2Service} attached to
 * application target groups in any way ({@code attachToApplicationTargetGroup},
 * {@code loadBalancerTarget}, {@code registerLoadBalancerTargets}, {@code targetGroup.addTarget},
 * the {@code ApplicationLoadBalanced…Service} patterns) and a bare {@code CfnService}. Not seen:
 * target groups imported by ARN or from another stack, and escape-hatch overrides
 * ({@code addPropertyOverride}), which the L1 keeps private.
 */
public final class AlbAlignment {

  private final BindingReader reader = new BindingReader();
  // jsii hands out one Java proxy per node object, so identity tells a node seen before without a
  // round trip to node (checked with aws-cdk-lib 2.263.0: getService() == findChild("Service")).
  private final Set<IConstruct> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The rule whose id, severity and explanation the findings carry. */
  public static final TargetGroupMismatch RULE = new TargetGroupMismatch();

  /**
   * The service's bindings to application target groups, read from the tree as it is now.
   *
   * <p>Each service is read once per instance: an aspect visits a pattern and then its service,
   * and the second call returns an empty list.
   *
   * @param node any construct; a {@code BaseService}, a bare {@code CfnService} and an
   *     {@code ApplicationLoadBalancedServiceBase} are read, anything else gives an empty list
   */
  public List<ServiceBinding> inspect(IConstruct node) {
    if (!BindingReader.isServiceish(node) || seen.contains(node)) {
      return List.of();
    }
    BindingReader.Found found = BindingReader.find(node);
    if (found == null || !seen.add(found.service())) {
      return List.of();
    }
    seen.add(node);
    return reader.read(found, seen::add); // its CfnService: the aspect visits it next
  }

  /** The {@code HG011} warnings for a binding, from what was read; empty when aligned. */
  public static List<Finding> findings(ServiceBinding binding) {
    return Alignment.compare(binding).stream()
        .map(m -> new Finding(RULE.id(), RULE.severity(), binding.container(), binding.container().image().display(),
            m.problem(), m.evidence(), m.fix()))
        .toList();
  }

  /**
   * Aligns the target group's path, port and healthy codes with the container's probe and raises
   * the grace period to {@code startPeriod + interval × retries}, through
   * {@code ApplicationTargetGroup.configureHealthCheck} (keeping the other health-check settings)
   * and {@code CfnService.setHealthCheckGracePeriodSeconds}. The binding is read again first, so a
   * second call changes nothing and returns an empty list. A grace period is only ever raised.
   *
   * @return what changed, one sentence each, e.g. {@code set target group App/Web/LB/PublicListener/ECSGroup
   *     health check path from / to /healthz}
   * @throws IllegalArgumentException when the binding has no handles (built by hand, not by
   *     {@link #inspect})
   */
  public static List<String> apply(ServiceBinding binding) {
    if (binding.handles() == null) {
      throw new IllegalArgumentException("ServiceBinding for " + binding.service()
          + " has no handles: apply needs a binding from AlbAlignment.inspect");
    }
    ServiceBinding current = BindingReader.reread(binding);
    return Fixer.apply(current, Alignment.compare(current));
  }
}
