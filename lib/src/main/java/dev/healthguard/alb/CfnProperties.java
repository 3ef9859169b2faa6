package dev.healthguard.alb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.jsii.JsiiException;
import software.amazon.jsii.Kernel;
import software.amazon.jsii.NativeType;

/**
 * Reads chosen properties of an L1 as they will be deployed, in two round trips to node: the
 * protected {@code cfnProperties} getter (part of every generated L1's jsii interface), then
 * {@code Stack.resolve} on only the chosen ones, which fills in the L2's lazy values.
 *
 * <p>Only the chosen ones, because resolving can freeze the tree: {@code Lazy.any} and
 * {@code Lazy.string} cache what they first produce ({@code LazyBase.resolve} in aws-cdk-lib
 * 2.263.0 {@code core/lib/lazy.js}), and the L2 {@code TaskDefinition} renders
 * {@code containerDefinitions} and {@code executionRoleArn} through them. A container added after
 * an aspect had resolved them would be missing from the template.
 *
 * <p>The per-property getters are the fallback, not the default: each is its own round trip, and
 * some cannot cross at all. {@code CfnService.getHealthCheckGracePeriodSeconds()} throws a jsii
 * {@code SerializationError} for an L2 service, because the L2 stores a computed value there that is
 * "not a number" until resolved (seen with aws-cdk-lib 2.263.0).
 */
final class CfnProperties {

  private static final NativeType<Map<String, Object>> MAP = NativeType.mapOf(NativeType.forClass(Object.class));

  private CfnProperties() {}

  /**
   * @param wanted the camelCase property names to read, each with its getter, used only when the
   *     protected getter cannot be read
   * @param extra values to resolve in the same round trip, added under their keys
   */
  static Map<?, ?> read(CfnResource resource, Stack stack, Map<String, Supplier<Object>> wanted, Map<String, Object> extra) {
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
          // Left out: the comparison treats it as unset and says nothing about it.
        }
      });
    }
    chosen.putAll(extra);
    return stack.resolve(chosen) instanceof Map<?, ?> resolved ? resolved : Map.of();
  }

  static Map<?, ?> read(CfnResource resource, Stack stack, Map<String, Supplier<Object>> wanted) {
    return read(resource, stack, wanted, Map.of());
  }

  /**
   * A container's definition as the task would render it, for {@code Stack.resolve}. Called
   * untyped: the typed {@code renderContainerDefinition()} builds a Java struct proxy that crosses
   * back field by field when resolved (about ten times slower with aws-cdk-lib 2.263.0; the
   * resolved values are equal).
   */
  static Object renderContainer(ContainerDefinition container) {
    try {
      return Kernel.call(container, "renderContainerDefinition", NativeType.forClass(Object.class));
    } catch (JsiiException e) {
      return container.renderContainerDefinition();
    }
  }
}
