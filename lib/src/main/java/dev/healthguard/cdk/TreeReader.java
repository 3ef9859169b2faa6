package dev.healthguard.cdk;

import dev.healthguard.image.ImageRef;
import dev.healthguard.report.Acknowledgements;
import dev.healthguard.task.GracePeriod;
import dev.healthguard.task.Properties;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.ServiceBindings;
import dev.healthguard.task.Target;
import dev.healthguard.task.TargetGroupHealthCheck;
import dev.healthguard.task.TaskDefinitionReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awscdk.AssetStaging;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.interfaces.ResourceEnvironment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ecr.IRepository;
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
import software.amazon.jsii.JsiiException;
import software.amazon.jsii.Kernel;
import software.amazon.jsii.NativeType;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * The one reader of the construct tree: every jsii read, {@code Stack.resolve} and container
 * rendering the guard makes goes through here, and what it hands out are plain values (core
 * {@link Target}s and {@link ServiceBinding}s, {@link TaskFacts}) with the constructs they came
 * from. The rest of the library judges and plans on those values; {@link ChangeWriter} changes the
 * tree.
 *
 * <p>What it knows, so nobody else has to:
 *
 * <ul>
 *   <li><b>The frozen container list.</b> The L2 {@code TaskDefinition} gives its L1
 *       {@code containerDefinitions} as {@code Lazy.any(() => this.renderContainers())}, and
 *       {@code Lazy.any} caches what it first produces ({@code LazyBase.resolve}, aws-cdk-lib
 *       2.263.0 {@code core/lib/lazy.js}). Resolving it once would freeze the task's containers,
 *       and a probe container fix mode adds later would be missing from the template. So an L2's
 *       containers are rendered each on its own ({@code renderContainerDefinition} builds a fresh
 *       value on every call), and the L1 property is never resolved.
 *   <li><b>The fix record.</b> An escape-hatch override cannot be read back from the L1, so the
 *       writer records what it set ({@link FixRecord}) and every read of a task applies it: the
 *       containers, the containers of a service binding, and a binding read again before it is
 *       aligned, so fix mode never compares a target group against a check it has replaced.
 *   <li><b>Round trips.</b> Every jsii call crosses to node: properties are read through the
 *       protected {@code cfnProperties} getter and resolved in one {@code Stack.resolve} per
 *       resource, and containers are rendered untyped (see {@link #render}).
 * </ul>
 *
 * <p>Public only because the guard's face ({@code dev.healthguard}) and {@code patterns} call it;
 * it is not an API.
 */
public final class TreeReader {

  private static final NativeType<Map<String, Object>> MAP = NativeType.mapOf(NativeType.forClass(Object.class));

  private final AssetParameters assetParameters = new AssetParameters();
  private final Map<String, Optional<ImageRef.Asset>> assetsByHash = new HashMap<>();
  private final Map<String, StackIndex> indexes = new HashMap<>();
  // jsii hands out one Java proxy per node object, so identity tells a node seen before without a
  // round trip to node (checked with aws-cdk-lib 2.263.0: getService() == findChild("Service")).
  private final Set<IConstruct> seenServices = Collections.newSetFromMap(new IdentityHashMap<>());

  public TreeReader() {}

  // ---- task definitions

  /**
   * The containers of a task definition as they will be deployed, each with the construct its
   * findings belong to. It resolves the L1's properties, so escape-hatch overrides and a bare L1
   * look the same as an L2, and walks only the task definition's own children for containers and
   * image assets.
   */
  public List<ContainerTarget> containers(CfnTaskDefinition cfn) {
    Stack stack = Stack.of(cfn);
    TaskDefinition l2 = cfn.getNode().getScope() instanceof TaskDefinition t ? t : null;
    Map<String, ContainerDefinition> constructs = new LinkedHashMap<>();
    Map<String, Object> properties = taskProperties(cfn, l2, stack, constructs);
    List<Target> targets = TaskDefinitionReader.read(
        (l2 != null ? l2 : cfn).getNode().getPath(),
        properties,
        hash -> assetsByHash.computeIfAbsent(hash, h -> findAsset(h, constructs.values(), stack)));

    List<ContainerTarget> result = new ArrayList<>();
    for (int index = 0; index < targets.size(); index++) {
      Target target = targets.get(index);
      target = target.withImage(inStackEnvironment(target.image(), stack));
      IConstruct construct = constructs.get(target.container());
      result.add(new ContainerTarget(target, construct != null ? construct : cfn, index, cfn, l2));
    }
    return result;
  }

  /**
   * The containers, network mode and runtime platform of a task definition, resolved in one
   * round trip, with the fix record applied.
   *
   * @param constructs receives the L2 containers by name
   */
  private static Map<String, Object> taskProperties(CfnTaskDefinition cfn, TaskDefinition l2, Stack stack,
      Map<String, ContainerDefinition> constructs) {
    Map<String, Supplier<Object>> wanted = new LinkedHashMap<>();
    wanted.put("networkMode", cfn::getNetworkMode);
    wanted.put("runtimePlatform", cfn::getRuntimePlatform);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (l2 != null) {
      List<Object> rendered = new ArrayList<>();
      for (IConstruct child : l2.getNode().getChildren()) {
        if (child instanceof ContainerDefinition container) {
          if (constructs != null) {
            constructs.put(container.getContainerName(), container);
          }
          rendered.add(render(container));
        }
      }
      extra.put("containerDefinitions", rendered);
    } else {
      wanted.put("containerDefinitions", cfn::getContainerDefinitions); // a literal list: nothing to freeze
    }
    Map<?, ?> all = read(cfn, stack, wanted, extra);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ContainerDefinitions", FixRecord.applyTo(fixes(cfn), Properties.get(all, "ContainerDefinitions")));
    properties.put("NetworkMode", Properties.get(all, "NetworkMode"));
    properties.put("RuntimePlatform", Properties.get(all, "RuntimePlatform"));
    return properties;
  }

  /** The health checks fix mode has recorded on this task definition (see {@link FixRecord}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> fixes(CfnTaskDefinition cfn) {
    Object value = cfn.getMetadata(FixRecord.METADATA_KEY);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /**
   * An ECR image named by the scope's stack account and region where its URI leaves them open:
   * {@code fromEcrRepository} renders {@code ${AWS::AccountId}} and {@code ${AWS::Region}}, and
   * the stack's env says which.
   */
  public static ImageRef withStackEnvironment(IConstruct scope, ImageRef image) {
    return image instanceof ImageRef.Ecr ecr && !ecr.addressable() ? inStackEnvironment(image, Stack.of(scope)) : image;
  }

  private static ImageRef inStackEnvironment(ImageRef image, Stack stack) {
    if (image instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
      return ecr.withDefaults(literal(stack.getAccount()), literal(stack.getRegion()));
    }
    return image;
  }

  /**
   * How the guard names an image in an ECR repository of the app: by its name and the
   * repository's account and region when they are literals, else (a repository created in the same
   * app, whose name is only known at deploy time) as unresolved.
   *
   * @param tag a tag, or a digest {@code sha256:…}
   */
  public static ImageRef ecrImage(IRepository repository, String tag) {
    String name = repository.getRepositoryName();
    if (Token.isUnresolved(name)) {
      return new ImageRef.Unresolved("ECR repository " + repository.getNode().getPath() + ":" + tag);
    }
    ResourceEnvironment env = repository.getEnv();
    return new ImageRef.Ecr(literal(env.getAccount()), literal(env.getRegion()), name, tag);
  }

  /** The value, or null when it is a token (an environment-agnostic stack). */
  private static String literal(String value) {
    return value == null || Token.isUnresolved(value) ? null : value;
  }

  private Optional<ImageRef.Asset> findAsset(String hash, Iterable<ContainerDefinition> containers, Stack stack) {
    for (ContainerDefinition container : containers) {
      for (IConstruct child : container.getNode().getChildren()) {
        if (child instanceof DockerImageAsset asset && hash.equals(asset.getAssetHash())) {
          return assetParameters.of(asset);
        }
      }
    }
    // A bare CfnTaskDefinition may name an asset defined anywhere in its stack.
    for (IConstruct node : stack.getNode().findAll()) {
      if (node instanceof DockerImageAsset asset && hash.equals(asset.getAssetHash())) {
        return assetParameters.of(asset);
      }
    }
    return Optional.empty();
  }

  /**
   * An L2 task definition's container definitions by container name (a template names containers
   * by name, the tree by construct id); empty for anything else, null included.
   */
  public static Map<String, ContainerDefinition> containersByName(IConstruct task) {
    Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
    if (task instanceof TaskDefinition l2) {
      for (IConstruct child : l2.getNode().getChildren()) {
        if (child instanceof ContainerDefinition container) {
          byName.put(container.getContainerName(), container);
        }
      }
    }
    return byName;
  }

  /**
   * A staged image asset named by the directory the app gave it, when it is the container's own
   * ({@code ContainerImage.fromAsset} binds a {@code DockerImageAsset} named {@code AssetImage}
   * under the container): the staged copy in {@code cdk.out} holds the same Dockerfile, but a
   * message should point at the file the user edits. Otherwise the staged asset itself.
   */
  public static ImageRef.Asset fromSource(ContainerDefinition container, ImageRef.Asset staged) {
    if (container.getNode().tryFindChild("AssetImage") instanceof DockerImageAsset asset
        && staged.assetHash().equals(asset.getAssetHash())
        && asset.getNode().tryFindChild("Staging") instanceof AssetStaging staging) {
      return new ImageRef.Asset(Path.of(staging.getSourcePath()), staged.dockerfile(), staged.target(),
          staged.buildArgs(), staged.parametersKnown(), staged.assetHash());
    }
    return staged;
  }

  // ---- services bound to application target groups

  /** True for the node types {@link #services} reads; {@code instanceof} only, no round trip. */
  public static boolean isService(IConstruct node) {
    return node instanceof BaseService || node instanceof CfnService || node instanceof ApplicationLoadBalancedServiceBase;
  }

  /**
   * The service's bindings to application target groups, read from the tree as it is now.
   *
   * <p>It handles a {@code FargateService}/{@code Ec2Service} attached to application target
   * groups in any way ({@code attachToApplicationTargetGroup}, {@code loadBalancerTarget},
   * {@code registerLoadBalancerTargets}, {@code targetGroup.addTarget}, the
   * {@code ApplicationLoadBalanced…Service} patterns) and a bare {@code CfnService}: the service's
   * resolved {@code LoadBalancers} name the container, the port and the target group (by
   * {@code Ref}); a pattern's own target group is checked first, and any other is found through a
   * per-stack index built once. Not seen: target groups imported by ARN or from another stack.
   *
   * <p>Each service is read once per reader: an aspect visits a pattern and then its service, and
   * the second call returns an empty list.
   *
   * @param node any construct; a {@code BaseService}, a bare {@code CfnService} and an
   *     {@code ApplicationLoadBalancedServiceBase} are read, anything else gives an empty list
   */
  public List<BoundService> services(IConstruct node) {
    if (!isService(node) || seenServices.contains(node)) {
      return List.of();
    }
    Found found = find(node);
    if (found == null || !seenServices.add(found.service())) {
      return List.of();
    }
    seenServices.add(node);
    if (found.service() instanceof BaseService l2) {
      CfnService cfn = (CfnService) l2.getNode().getDefaultChild();
      seenServices.add(cfn); // the aspect visits it next
      Stack stack = Stack.of(l2);
      Map<?, ?> properties = serviceProperties(cfn, stack);
      if (!ServiceBindings.hasLoadBalancers(properties)) {
        return List.of(); // most services: three round trips and done
      }
      TaskDefinition taskDefinition = l2.getTaskDefinition();
      CfnTaskDefinition cfnTask = (CfnTaskDefinition) taskDefinition.getNode().getDefaultChild();
      return bindings(stack, l2, l2.getNode().getPath(), cfn, properties, cfnTask, taskDefinition.getNode().getPath(),
          taskDefinition, found.pattern());
    }
    CfnService cfn = (CfnService) found.service();
    Stack stack = Stack.of(cfn);
    Map<?, ?> properties = serviceProperties(cfn, stack);
    if (!ServiceBindings.hasLoadBalancers(properties)) {
      return List.of();
    }
    String taskId = ServiceBindings.taskDefinitionId(properties);
    CfnTaskDefinition cfnTask = taskId == null ? null : index(stack).taskDefinition(taskId);
    if (cfnTask == null) {
      return List.of(); // a task definition from another stack or an ARN: its containers are not visible
    }
    return bindings(stack, cfn, cfn.getNode().getPath(), cfn, properties, cfnTask, cfnTask.getNode().getPath(),
        null, null);
  }

  /**
   * A service to read, and the ALB pattern it belongs to when known.
   *
   * @param service a {@code BaseService}, or a bare {@code CfnService}
   * @param pattern its {@code ApplicationLoadBalanced…Service}, or null
   */
  private record Found(IConstruct service, ApplicationLoadBalancedServiceBase pattern) {}

  /** The service behind a node the aspect visits, or null for any other node. */
  private static Found find(IConstruct node) {
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

  private List<BoundService> bindings(Stack stack, IConstruct service, String servicePath, CfnService cfn,
      Map<?, ?> properties, CfnTaskDefinition cfnTask, String taskPath, TaskDefinition taskDefinition,
      ApplicationLoadBalancedServiceBase pattern) {
    List<Target> containers = boundContainers(cfnTask, taskDefinition, stack, taskPath, assetsByContext(taskDefinition));
    List<?> loadBalancers = Properties.list(properties, "LoadBalancers");
    String patternId = null;
    CfnTargetGroup patternGroup = null;
    if (pattern != null) {
      patternGroup = (CfnTargetGroup) pattern.getTargetGroup().getNode().getDefaultChild();
      // The pattern registers its service in its own target group; with no other entry, that is
      // the one, and its logical id need not be resolved.
      patternId = loadBalancers.size() == 1 && loadBalancers.get(0) instanceof Map<?, ?> only
          ? Properties.ref(Properties.get(only, "TargetGroupArn"))
          : index(stack).logicalId(patternGroup);
    }
    String ownId = patternId;
    CfnTargetGroup ownGroup = patternGroup;
    Map<String, BoundService.Handles> handles = new HashMap<>();
    List<ServiceBinding> read = ServiceBindings.read(servicePath, properties, containers, targetGroupId -> {
      CfnTargetGroup group = targetGroupId.equals(ownId) ? ownGroup : index(stack).targetGroup(targetGroupId);
      if (group == null) {
        return Optional.empty();
      }
      ApplicationTargetGroup l2 = group.getNode().getScope() instanceof ApplicationTargetGroup atg ? atg : null;
      String path = (l2 != null ? l2 : group).getNode().getPath();
      handles.put(path, new BoundService.Handles(service, cfn, cfnTask, group, l2, false));
      return Optional.of(new ServiceBindings.TargetGroup(path, targetGroupProperties(group, stack)));
    });
    List<BoundService> result = new ArrayList<>();
    for (ServiceBinding binding : read) {
      BoundService.Handles h = handles.get(binding.targetGroup());
      // The first binding of a service carries its grace period (ServiceBindings.read).
      result.add(new BoundService(binding, result.isEmpty() ? h.withGracePeriod() : h));
    }
    return result;
  }

  /**
   * The same binding read again from its constructs, to see what has changed since: another
   * target-group check, grace period, or container check (the fix record applied).
   */
  public BoundService reread(BoundService bound) {
    ServiceBinding binding = bound.binding();
    BoundService.Handles handles = bound.handles();
    Stack stack = Stack.of(handles.cfnService());
    TargetGroupHealthCheck check = targetGroupCheck(handles.cfnTargetGroup());
    TaskDefinition l2 = handles.cfnTaskDefinition().getNode().getScope() instanceof TaskDefinition t ? t : null;
    List<Target> containers = boundContainers(handles.cfnTaskDefinition(), l2, stack, binding.container().taskDefinition(),
        hash -> Optional.empty());
    Target container = binding.container();
    for (Target target : containers) {
      if (target.container().equals(container.container())) {
        container = target.withImage(container.image()); // the image cannot have changed; keep the one found first
      }
    }
    // Computed again: a check fix mode has added (a lifted HEALTHCHECK) sets a requirement too.
    GracePeriod grace = null;
    if (handles.gracePeriod()) {
      Map<?, ?> properties = serviceProperties(handles.cfnService(), stack);
      grace = GracePeriod.of(Properties.integer(properties, "HealthCheckGracePeriodSeconds"), containers);
    }
    return new BoundService(binding.with(container, check, grace), handles);
  }

  /** A target group's health check as it will be deployed. */
  TargetGroupHealthCheck targetGroupCheck(CfnTargetGroup cfn) {
    return TargetGroupHealthCheck.fromProperties(targetGroupProperties(cfn, Stack.of(cfn)));
  }

  /** The containers of a bound task, as {@link #containers} reads them, but with no asset lookup. */
  private static List<Target> boundContainers(CfnTaskDefinition cfn, TaskDefinition l2, Stack stack, String taskPath,
      Function<String, Optional<ImageRef.Asset>> assets) {
    return TaskDefinitionReader.read(taskPath, taskProperties(cfn, l2, stack, null), assets);
  }

  /**
   * Names an asset image by its build context only, for HG011's messages: the comparison does not
   * need the Dockerfile, target and build args, so they are not recovered here.
   */
  private static Function<String, Optional<ImageRef.Asset>> assetsByContext(TaskDefinition taskDefinition) {
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

  private StackIndex index(Stack stack) {
    return indexes.computeIfAbsent(stack.getNode().getPath(), path -> new StackIndex(stack));
  }

  private static Map<?, ?> serviceProperties(CfnService cfn, Stack stack) {
    Map<String, Supplier<Object>> fallback = new LinkedHashMap<>();
    fallback.put("loadBalancers", cfn::getLoadBalancers);
    fallback.put("taskDefinition", cfn::getTaskDefinition);
    fallback.put("healthCheckGracePeriodSeconds", cfn::getHealthCheckGracePeriodSeconds);
    return read(cfn, stack, fallback, Map.of());
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
    return read(cfn, stack, fallback, Map.of());
  }

  /**
   * Target groups and task definitions of one stack by logical id, for services that name them
   * only by {@code {"Ref": id}}. Built on first use, once: one {@code findAll} plus one resolve per
   * target group or task definition, instead of a walk per service.
   */
  private static final class StackIndex {
    private final Stack stack;
    private Map<String, CfnTargetGroup> targetGroups;
    private Map<String, CfnTaskDefinition> taskDefinitions;

    StackIndex(Stack stack) {
      this.stack = stack;
    }

    CfnTargetGroup targetGroup(String logicalId) {
      build();
      return targetGroups.get(logicalId);
    }

    CfnTaskDefinition taskDefinition(String logicalId) {
      build();
      return taskDefinitions.get(logicalId);
    }

    String logicalId(CfnElement element) {
      return stack.resolve(element.getLogicalId()) instanceof String id ? id : null;
    }

    private void build() {
      if (targetGroups != null) {
        return;
      }
      targetGroups = new HashMap<>();
      taskDefinitions = new HashMap<>();
      for (IConstruct node : stack.getNode().findAll()) {
        if (node instanceof CfnTargetGroup targetGroup) {
          targetGroups.put(logicalId(targetGroup), targetGroup);
        } else if (node instanceof CfnTaskDefinition taskDefinition) {
          taskDefinitions.put(logicalId(taskDefinition), taskDefinition);
        }
      }
    }
  }

  // ---- what the probe injection needs to know

  /**
   * What the probe injection needs to know about a task definition, as CloudFormation will see
   * it: the L1's network mode, size, platform and volumes, and each container's own rendering
   * (never the L1's container list, see the class comment), in one resolve.
   */
  TaskFacts facts(TaskDefinition task) {
    Stack stack = Stack.of(task);
    CfnTaskDefinition cfn = cfn(task);
    String path = task.getNode().getPath();
    Map<String, Supplier<Object>> wanted = new LinkedHashMap<>();
    wanted.put("volumes", cfn::getVolumes);
    wanted.put("runtimePlatform", cfn::getRuntimePlatform);
    wanted.put("networkMode", cfn::getNetworkMode);
    wanted.put("cpu", cfn::getCpu);
    wanted.put("memory", cfn::getMemory);
    List<Object> rendered = new ArrayList<>();
    for (ContainerDefinition container : containersOf(task)) {
      rendered.add(render(container));
    }
    Map<?, ?> all = read(cfn, stack, wanted, Map.of("containerDefinitions", rendered));
    return TaskFacts.of(path, task.getIsFargateCompatible(), all);
  }

  /** The task definition's L1, where the size and the container list are set. */
  CfnTaskDefinition cfn(TaskDefinition task) {
    return (CfnTaskDefinition) task.getNode().getDefaultChild();
  }

  /** A construct's path, for messages. */
  String pathOf(IConstruct construct) {
    return construct.getNode().getPath();
  }

  /** The name of a container, and the path of the task definition it belongs to. */
  record ContainerName(String name, String taskDefinition) {}

  ContainerName nameOf(ContainerDefinition container) {
    return new ContainerName(container.getContainerName(), container.getTaskDefinition().getNode().getPath());
  }

  /** The container HealthGuard added under this id, or null; another kind of construct is refused. */
  ContainerDefinition probeContainer(TaskDefinition task, String id) {
    IConstruct child = task.getNode().tryFindChild(id);
    if (child == null) {
      return null;
    }
    if (child instanceof ContainerDefinition container) {
      return container;
    }
    throw new IllegalArgumentException("Task definition " + task.getNode().getPath() + " has a construct with id '"
        + id + "' that is not a container, where HealthGuard adds its probe container");
  }

  /**
   * The L2's container list, in order ({@code TaskDefinition.containers}: protected, so jsii
   * exposes it, but Java offers no getter outside subclasses).
   */
  static List<ContainerDefinition> containersOf(TaskDefinition task) {
    return Kernel.get(task, "containers", NativeType.listOf(NativeType.forClass(ContainerDefinition.class)));
  }

  // ---- the two ways to ask node for values

  /**
   * Reads chosen properties of an L1 as they will be deployed, in two round trips: the protected
   * {@code cfnProperties} getter (part of every generated L1's jsii interface), then
   * {@code Stack.resolve} on only the chosen ones, which fills in the L2's lazy values. Only the
   * chosen ones, because resolving can freeze the tree (see the class comment; the L2 renders
   * {@code executionRoleArn} through a cached Lazy too).
   *
   * <p>The per-property getters are the fallback, not the default: each is its own round trip,
   * and some cannot cross at all. {@code CfnService.getHealthCheckGracePeriodSeconds()} throws a
   * jsii {@code SerializationError} for an L2 service, because the L2 stores a computed value there
   * that is "not a number" until resolved (seen with aws-cdk-lib 2.263.0).
   *
   * @param wanted the camelCase property names to read, each with its getter, used only when the
   *     protected getter cannot be read
   * @param extra values to resolve in the same round trip, added under their keys
   */
  private static Map<?, ?> read(CfnResource resource, Stack stack, Map<String, Supplier<Object>> wanted,
      Map<String, Object> extra) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    try {
      Map<String, Object> all = Kernel.get(resource, "cfnProperties", MAP);
      for (String name : wanted.keySet()) {
        Object value = all.get(name);
        if (value != null) {
          chosen.put(name, value);
        }
      }
    } catch (JsiiException | ClassCastException e) {
      wanted.forEach((name, getter) -> {
        try {
          Object value = getter.get();
          if (value != null) {
            chosen.put(name, value);
          }
        } catch (RuntimeException unreadable) {
          // Left out: the reader treats it as unset.
        }
      });
    }
    chosen.putAll(extra);
    return stack.resolve(chosen) instanceof Map<?, ?> resolved ? resolved : Map.of();
  }

  /**
   * A container's definition as the task would render it, for {@code Stack.resolve}. Called
   * untyped: the typed {@code renderContainerDefinition()} builds a Java struct proxy that crosses
   * back field by field when resolved (about ten times slower with aws-cdk-lib 2.263.0; the
   * resolved values are equal).
   */
  private static Object render(ContainerDefinition container) {
    try {
      return Kernel.call(container, "renderContainerDefinition", NativeType.forClass(Object.class));
    } catch (JsiiException e) {
      return container.renderContainerDefinition();
    }
  }

  /**
   * The construct at {@code path} below {@code root} (ids separated by {@code /}), or the deepest
   * one that exists on the way: where a finding sits when its exact construct is gone.
   */
  public static IConstruct nearest(IConstruct root, String path) {
    return walk(root, path, false);
  }

  /** The construct at {@code path} below {@code root}, or null when any step is missing. */
  public static IConstruct exact(IConstruct root, String path) {
    return walk(root, path, true);
  }

  private static IConstruct walk(IConstruct root, String path, boolean exact) {
    IConstruct node = root;
    for (String id : path.split("/")) {
      if (id.isEmpty()) {
        continue;
      }
      IConstruct child = node.getNode().tryFindChild(id);
      if (child == null) {
        return exact ? null : node;
      }
      node = child;
    }
    return node;
  }

  /** Acknowledgements as the tree holds them: every scope read is a round trip to node. */
  public static final Acknowledgements.Scopes<IConstruct> ACKNOWLEDGEMENTS = construct -> {
    software.constructs.Node node = construct.getNode();
    return new Acknowledgements.Scope<>(node.getPath(), acknowledged(construct), node.getScope());
  };

  /** What {@code Validations.acknowledge} recorded on one construct, id to reason. */
  public static Map<Object, Object> acknowledged(IConstruct construct) {
    Map<Object, Object> acknowledged = new HashMap<>();
    for (MetadataEntry entry : construct.getNode().getMetadata()) {
      if (Acknowledgements.METADATA_TYPE.equals(entry.getType()) && entry.getData() instanceof Map<?, ?> acks) {
        acks.forEach(acknowledged::put); // the last recorded wins, as the CDK reads them
      }
    }
    return acknowledged;
  }
}
