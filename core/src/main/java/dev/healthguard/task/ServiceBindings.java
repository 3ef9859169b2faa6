package dev.healthguard.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the bindings of an {@code AWS::ECS::Service} to application target groups from resolved
 * properties: the service's {@code LoadBalancers} name the container, the port and the target
 * group (by {@code Ref}). The construct tree and a synthesized template give the same properties,
 * so both entry points read bindings here.
 */
public final class ServiceBindings {

  private ServiceBindings() {}

  /**
   * A target group as its reader found it.
   *
   * @param path its construct path (the L2's when there is one)
   * @param properties its resolved properties (PascalCase or camelCase)
   */
  public record TargetGroup(String path, Map<?, ?> properties) {}

  /** Whether the service is registered with any load balancer: most are not, and cost no more. */
  public static boolean hasLoadBalancers(Map<?, ?> serviceProperties) {
    return !Properties.list(serviceProperties, "LoadBalancers").isEmpty();
  }

  /** The logical id of the service's task definition when it names one by {@code Ref}, else null. */
  public static String taskDefinitionId(Map<?, ?> serviceProperties) {
    return Properties.ref(Properties.get(serviceProperties, "TaskDefinition"));
  }

  /**
   * @param service the service's construct path, for messages
   * @param serviceProperties the service's resolved properties
   * @param containers the containers of its task definition, as deployed
   * @param targetGroups finds a target group by logical id; empty for one this reader cannot see
   *     (imported by ARN, in another stack)
   */
  public static List<ServiceBinding> read(String service, Map<?, ?> serviceProperties, List<Target> containers,
      Function<String, Optional<TargetGroup>> targetGroups) {
    GracePeriod grace = GracePeriod.of(Properties.integer(serviceProperties, "HealthCheckGracePeriodSeconds"), containers);
    List<ServiceBinding> result = new ArrayList<>();
    for (Object entry : Properties.list(serviceProperties, "LoadBalancers")) {
      if (!(entry instanceof Map<?, ?> loadBalancer)) {
        continue;
      }
      String targetGroupId = Properties.ref(Properties.get(loadBalancer, "TargetGroupArn"));
      String containerName = Properties.string(loadBalancer, "ContainerName");
      Integer containerPort = Properties.integer(loadBalancer, "ContainerPort");
      if (targetGroupId == null || containerName == null || containerPort == null) {
        continue; // a classic load balancer, or a target group imported by ARN: nothing to compare with
      }
      Optional<TargetGroup> targetGroup = targetGroups.apply(targetGroupId);
      if (targetGroup.isEmpty()) {
        continue;
      }
      String protocol = Properties.string(targetGroup.get().properties(), "Protocol");
      if (!"HTTP".equals(protocol) && !"HTTPS".equals(protocol)) {
        continue; // a network load balancer's target group (TCP, TLS, UDP)
      }
      Target container = containers.stream().filter(c -> c.container().equals(containerName)).findFirst().orElse(null);
      if (container == null) {
        continue;
      }
      result.add(new ServiceBinding(service, container, containerPort, targetGroup.get().path(),
          TargetGroupHealthCheck.fromProperties(targetGroup.get().properties()), result.isEmpty() ? grace : null));
    }
    return result;
  }
}
