package dev.healthguard.alb;

import dev.healthguard.rules.TargetGroupMismatch;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import software.constructs.IConstruct;

/**
 * Reads a service's bindings to application target groups from the tree, and aligns the target
 * group's health check and the service's grace period with the container's own check; the
 * comparison is the core rule {@code HG011} ({@link TargetGroupMismatch}).
 *
 * <pre>{@code
 * AlbAlignment alignment = new AlbAlignment();           // one per synth
 * for (BoundService b : alignment.inspect(node)) {        // in an aspect's visit
 *   checker.check(b.binding());                           // report, with the other rules
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

  /**
   * The service's bindings to application target groups, read from the tree as it is now.
   *
   * <p>Each service is read once per instance: an aspect visits a pattern and then its service,
   * and the second call returns an empty list.
   *
   * @param node any construct; a {@code BaseService}, a bare {@code CfnService} and an
   *     {@code ApplicationLoadBalancedServiceBase} are read, anything else gives an empty list
   */
  public List<BoundService> inspect(IConstruct node) {
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

  /**
   * Aligns the target group's path, port and healthy codes with the container's probe and raises
   * the grace period to {@code startPeriod + interval × retries}, through
   * {@code ApplicationTargetGroup.configureHealthCheck} (keeping the other health-check settings)
   * and {@code CfnService.setHealthCheckGracePeriodSeconds}. The binding is read again first, so a
   * second call changes nothing and returns an empty list. A grace period is only ever raised.
   *
   * @return what changed, one sentence each, e.g. {@code set target group App/Web/LB/PublicListener/ECSGroup
   *     health check path from / to /healthz}
   */
  public static List<String> apply(BoundService bound) {
    BoundService current = BindingReader.reread(bound);
    return Fixer.apply(current, TargetGroupMismatch.compare(current.binding()));
  }
}
