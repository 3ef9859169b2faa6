package dev.healthguard.alb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.jsii.JsiiException;
import software.amazon.jsii.Kernel;
import software.amazon.jsii.NativeType;

/**
 * Reads an L1's properties as they will be deployed, in two round trips to node: the protected
 * {@code cfnProperties} getter (part of every generated L1's jsii interface), then
 * {@code Stack.resolve}, which fills in the L2's lazy values.
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
   * @param fallback the properties this caller needs, read one getter at a time, used only when
   *     the protected getter cannot be read
   */
  static Map<?, ?> read(CfnResource resource, Stack stack, Map<String, Supplier<Object>> fallback) {
    Object raw;
    try {
      raw = Kernel.get(resource, "cfnProperties", MAP);
    } catch (JsiiException | ClassCastException e) {
      Map<String, Object> values = new LinkedHashMap<>();
      fallback.forEach((name, getter) -> {
        try {
          Object value = getter.get();
          if (value != null) {
            values.put(name, value);
          }
        } catch (RuntimeException unreadable) {
          // Left out: the comparison treats it as unset and says nothing about it.
        }
      });
      raw = values;
    }
    return stack.resolve(raw) instanceof Map<?, ?> resolved ? resolved : Map.of();
  }
}
