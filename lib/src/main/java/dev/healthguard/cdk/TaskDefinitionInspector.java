package dev.healthguard.cdk;

import dev.healthguard.image.ImageRef;
import dev.healthguard.task.Target;
import dev.healthguard.task.TaskDefinitionReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.constructs.IConstruct;

/**
 * Reads a {@link CfnTaskDefinition} from the construct tree into targets. It resolves the L1's
 * properties (so escape-hatch overrides and a bare L1 look the same as an L2) and walks only the
 * task definition's own children for container constructs and image assets: every jsii call is a
 * round trip to node, so the inspector asks for as little as it can.
 */
final class TaskDefinitionInspector {

  private final AssetParameters assetParameters = new AssetParameters();
  private final Map<String, Optional<ImageRef.Asset>> assetsByHash = new HashMap<>();

  List<ContainerTarget> inspect(CfnTaskDefinition cfn) {
    Stack stack = Stack.of(cfn);
    IConstruct scope = cfn.getNode().getScope();
    boolean l2 = scope instanceof TaskDefinition;
    Map<String, ContainerDefinition> containers = new LinkedHashMap<>();
    Object definitions;
    if (l2) {
      // The L2 renders its container list through a cached Lazy: resolving it here would freeze the
      // list before fix mode adds a probe container. Each container renders afresh instead.
      List<Object> rendered = new ArrayList<>();
      for (IConstruct child : scope.getNode().getChildren()) {
        if (child instanceof ContainerDefinition container) {
          containers.put(container.getContainerName(), container);
          rendered.add(container.renderContainerDefinition());
        }
      }
      // One resolve for the whole task: every call is a round trip that marshals the structs.
      definitions = stack.resolve(rendered);
    } else {
      definitions = stack.resolve(cfn.getContainerDefinitions());
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ContainerDefinitions", FixRecord.applyTo(cfn, definitions));
    properties.put("RuntimePlatform", stack.resolve(cfn.getRuntimePlatform()));
    properties.put("NetworkMode", stack.resolve(cfn.getNetworkMode()));

    List<Target> targets = TaskDefinitionReader.read(
        (l2 ? scope : cfn).getNode().getPath(),
        properties,
        hash -> assetsByHash.computeIfAbsent(hash, h -> findAsset(h, containers.values(), stack)));

    List<ContainerTarget> result = new ArrayList<>();
    for (int index = 0; index < targets.size(); index++) {
      Target target = targets.get(index);
      if (target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
        // fromEcrRepository renders ${AWS::AccountId} and ${AWS::Region}: the stack's env says which.
        target = target.withImage(ecr.withDefaults(literal(stack.getAccount()), literal(stack.getRegion())));
      }
      IConstruct construct = containers.get(target.container());
      result.add(new ContainerTarget(target, construct != null ? construct : cfn, index));
    }
    return result;
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
}
