package dev.healthguard.alb;

import dev.healthguard.image.ImageRef;
import dev.healthguard.task.GracePeriod;
import dev.healthguard.task.Properties;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.ServiceBindings;
import dev.healthguard.task.Target;
import dev.healthguard.task.TargetGroupHealthCheck;
import dev.healthguard.task.TaskDefinitionReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awscdk.AssetStaging;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.BaseService;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedEc2Service;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedServiceBase;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.constructs.IConstruct;

/**
 * Reads the bindings of one service from the construct tree. It asks node only about the service,
 * its task definition and its target groups: the service's resolved {@code LoadBalancers} name the
 * container, the port and the target group (by {@code Ref}); a pattern's own target group is
 * checked first, and any other is found through a per-stack index built once.
 */
final class BindingReader {

  private final Map<String, StackIndex> indexes = new HashMap<>();

  /**
   * A service to read, and the ALB pattern it belongs to when known.
   *
   * @param service a {@code BaseService}, or a bare {@code CfnService}
   * @param pattern its {@code ApplicationLoadBalanced…Service}, or null
   */
  record Found(IConstruct service, ApplicationLoadBalancedServiceBase pattern) {}

  /** True for the node types {@link #find} reads; {@code instanceof} only, no round trip. */
  static boolean isServiceish(IConstruct node) {
    return node instanceof BaseService || node instanceof CfnService || node instanceof ApplicationLoadBalancedServiceBase;
  }

  /** The service behind a node the aspect visits, or null for any other node. */
  static Found find(IConstruct node) {
    if (node instanceof ApplicationLoadBalancedServiceBase pattern) {
      IConstruct service = node instanceof ApplicationLoadBalancedFargateService fargate ? fargate.getService()
          : node instanceof ApplicationLoadBalancedEc2Service ec2 ? ec2.getService()
          : pattern.getNode().tryFindChild("Service"); // both patterns name it so
      return service instanceof BaseService ? new Found(service, pattern) : null;
    }
    if (node instanceof CfnService cfn) {
      IConstruct scope = cfn.getNode().getScope();
      // An L2's own CfnService is read through the L2.
      return scope instanceof BaseService l2 ? find(l2) : new Found(cfn, null);
    }
    if (node instanceof BaseService service) {
      IConstruct scope = service.getNode().getScope();
      return new Found(service, scope instanceof ApplicationLoadBalancedServiceBase pattern ? pattern : null);
    }
    return null;
  }

  /**
   * @param read receives the service's L1 as soon as it is known, so the caller can skip it when
   *     the aspect visits it next
   */
  List<BoundService> read(Found found, Consumer<CfnService> read) {
    IConstruct service = found.service();
    if (service instanceof BaseService l2) {
      CfnService cfn = (CfnService) l2.getNode().getDefaultChild();
      read.accept(cfn);
      Stack stack = Stack.of(l2);
      Map<?, ?> properties = serviceProperties(cfn, stack);
      if (Properties.list(properties, "LoadBalancers").isEmpty()) {
        return List.of(); // most services: three round trips and done
      }
      TaskDefinition taskDefinition = l2.getTaskDefinition();
      CfnTaskDefinition cfnTask = (CfnTaskDefinition) taskDefinition.getNode().getDefaultChild();
      return bindings(stack, service, service.getNode().getPath(), cfn, properties, cfnTask,
          taskDefinition.getNode().getPath(), taskDefinition, found.pattern());
    }
    if (service instanceof CfnService cfn) {
      Stack stack = Stack.of(cfn);
      Map<?, ?> properties = serviceProperties(cfn, stack);
      if (Properties.list(properties, "LoadBalancers").isEmpty()) {
        return List.of();
      }
      String servicePath = service.getNode().getPath();
      String taskId = ServiceBindings.taskDefinitionId(properties);
      CfnTaskDefinition cfnTask = taskId == null ? null : index(stack).taskDefinition(taskId);
      if (cfnTask == null) {
        return List.of(); // a task definition from another stack or an ARN: its containers are not visible
      }
      return bindings(stack, service, servicePath, cfn, properties, cfnTask, cfnTask.getNode().getPath(), null, null);
    }
    return List.of();
  }

  /** The same binding read again from its constructs, to see what has changed since. */
  static BoundService reread(BoundService bound) {
    ServiceBinding binding = bound.binding();
    BoundService.Handles handles = bound.handles();
    Stack stack = Stack.of(handles.cfnService());
    TargetGroupHealthCheck check = targetGroupCheck(handles.cfnTargetGroup(), stack);
    GracePeriod grace = binding.gracePeriod();
    if (grace != null) {
      Map<?, ?> properties = serviceProperties(handles.cfnService(), stack);
      grace = grace.withConfigured(Properties.integer(properties, "HealthCheckGracePeriodSeconds"));
    }
    Target container = binding.container();
    TaskDefinition l2 = handles.cfnTaskDefinition().getNode().getScope() instanceof TaskDefinition t ? t : null;
    for (Target target : containers(handles.cfnTaskDefinition(), l2, stack, container.taskDefinition(), hash -> Optional.empty())) {
      if (target.container().equals(container.container())) {
        container = target.withImage(container.image()); // the image cannot have changed; keep the one found first
      }
    }
    return bound.with(binding.with(container, check, grace));
  }

  static TargetGroupHealthCheck targetGroupCheck(CfnTargetGroup cfn, Stack stack) {
    return TargetGroupHealthCheck.fromProperties(targetGroupProperties(cfn, stack));
  }

  private List<BoundService> bindings(Stack stack, IConstruct service, String servicePath, CfnService cfn,
      Map<?, ?> properties, CfnTaskDefinition cfnTask, String taskPath, TaskDefinition taskDefinition,
      ApplicationLoadBalancedServiceBase pattern) {
    List<Target> containers = containers(cfnTask, taskDefinition, stack, taskPath, assetsOf(taskDefinition));
    List<?> loadBalancers = Properties.list(properties, "LoadBalancers");
    String ownId = null;
    CfnTargetGroup ownCfn = null;
    if (pattern != null) {
      ownCfn = (CfnTargetGroup) pattern.getTargetGroup().getNode().getDefaultChild();
      // The pattern registers its service in its own target group; with no other entry, that is
      // the one, and its logical id need not be resolved.
      ownId = loadBalancers.size() == 1 && loadBalancers.get(0) instanceof Map<?, ?> only
          ? Properties.ref(Properties.get(only, "TargetGroupArn"))
          : index(stack).logicalId(ownCfn);
    }
    String patternId = ownId;
    CfnTargetGroup patternGroup = ownCfn;
    Map<String, BoundService.Handles> handles = new HashMap<>();
    List<ServiceBinding> read = ServiceBindings.read(servicePath, properties, containers, targetGroupId -> {
      CfnTargetGroup cfnTargetGroup = targetGroupId.equals(patternId) ? patternGroup : index(stack).targetGroup(targetGroupId);
      if (cfnTargetGroup == null) {
        return Optional.empty();
      }
      IConstruct tgScope = cfnTargetGroup.getNode().getScope();
      ApplicationTargetGroup l2 = tgScope instanceof ApplicationTargetGroup atg ? atg : null;
      String tgPath = (l2 != null ? l2 : cfnTargetGroup).getNode().getPath();
      handles.put(tgPath, new BoundService.Handles(service, cfn, cfnTask, cfnTargetGroup, l2));
      return Optional.of(new ServiceBindings.TargetGroup(tgPath, targetGroupProperties(cfnTargetGroup, stack)));
    });
    return read.stream().map(b -> new BoundService(b, handles.get(b.targetGroup()))).toList();
  }

  private StackIndex index(Stack stack) {
    return indexes.computeIfAbsent(stack.getNode().getPath(), path -> new StackIndex(stack));
  }

  private static Map<?, ?> serviceProperties(CfnService cfn, Stack stack) {
    Map<String, Supplier<Object>> fallback = new LinkedHashMap<>();
    fallback.put("loadBalancers", cfn::getLoadBalancers);
    fallback.put("taskDefinition", cfn::getTaskDefinition);
    fallback.put("healthCheckGracePeriodSeconds", cfn::getHealthCheckGracePeriodSeconds);
    return CfnProperties.read(cfn, stack, fallback);
  }

  private static Map<?, ?> targetGroupProperties(CfnTargetGroup cfn, Stack stack) {
    Map<String, Supplier<Object>> fallback = new LinkedHashMap<>();
    fallback.put("protocol", cfn::getProtocol);
    fallback.put("healthCheckPath", cfn::getHealthCheckPath);
    fallback.put("healthCheckPort", cfn::getHealthCheckPort);
    fallback.put("healthCheckProtocol", cfn::getHealthCheckProtocol);
    fallback.put("matcher", cfn::getMatcher);
    fallback.put("healthCheckIntervalSeconds", cfn::getHealthCheckIntervalSeconds);
    fallback.put("healthCheckTimeoutSeconds", cfn::getHealthCheckTimeoutSeconds);
    fallback.put("healthyThresholdCount", cfn::getHealthyThresholdCount);
    fallback.put("unhealthyThresholdCount", cfn::getUnhealthyThresholdCount);
    fallback.put("healthCheckEnabled", cfn::getHealthCheckEnabled);
    return CfnProperties.read(cfn, stack, fallback);
  }

  /**
   * The task's containers as deployed. For an L2 task definition each container is rendered on
   * its own ({@code ContainerDefinition.renderContainerDefinition}, which builds a fresh value each
   * call): resolving the L1's {@code containerDefinitions} would freeze the container list (see
   * {@link CfnProperties}), and a probe the fix adds later would be lost.
   */
  private static List<Target> containers(CfnTaskDefinition cfn, TaskDefinition l2, Stack stack, String taskPath,
      Function<String, Optional<ImageRef.Asset>> assets) {
    Map<String, Supplier<Object>> wanted = new LinkedHashMap<>();
    wanted.put("networkMode", cfn::getNetworkMode);
    wanted.put("runtimePlatform", cfn::getRuntimePlatform);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (l2 != null) {
      List<Object> rendered = new ArrayList<>();
      for (IConstruct child : l2.getNode().getChildren()) {
        if (child instanceof ContainerDefinition container) {
          rendered.add(CfnProperties.renderContainer(container));
        }
      }
      extra.put("containerDefinitions", rendered);
    } else {
      wanted.put("containerDefinitions", cfn::getContainerDefinitions); // a literal list: nothing to freeze
    }
    Map<?, ?> all = CfnProperties.read(cfn, stack, wanted, extra);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ContainerDefinitions", Properties.get(all, "ContainerDefinitions"));
    properties.put("NetworkMode", Properties.get(all, "NetworkMode"));
    properties.put("RuntimePlatform", Properties.get(all, "RuntimePlatform"));
    return TaskDefinitionReader.read(taskPath, properties, assets);
  }

  /**
   * Names an asset image by its build context, for messages: the guard's own inspector recovers
   * the Dockerfile and build args, which the comparison does not need.
   */
  private static Function<String, Optional<ImageRef.Asset>> assetsOf(TaskDefinition taskDefinition) {
    if (taskDefinition == null) {
      return hash -> Optional.empty();
    }
    return hash -> {
      for (IConstruct child : taskDefinition.getNode().getChildren()) {
        if (!(child instanceof ContainerDefinition container)) {
          continue;
        }
        for (IConstruct grandchild : container.getNode().getChildren()) {
          if (grandchild instanceof DockerImageAsset asset && hash.equals(asset.getAssetHash())
              && asset.getNode().tryFindChild("Staging") instanceof AssetStaging staging) {
            return Optional.of(new ImageRef.Asset(Path.of(staging.getSourcePath()), "Dockerfile", null, Map.of(), false, hash));
          }
        }
      }
      return Optional.empty();
    };
  }
}
