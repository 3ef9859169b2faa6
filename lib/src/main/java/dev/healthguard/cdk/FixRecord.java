package dev.healthguard.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;

/**
 * The health checks fix mode has set, kept in the task definition's template {@code Metadata}
 * under {@code healthguard:fixes}. An escape-hatch override cannot be read back from the L1, so the
 * guard records what it set: the reader applies the record to see the task as deployed, a second
 * pass finds nothing left to fix, and the template shows what changed.
 */
final class FixRecord {

  static final String METADATA_KEY = "healthguard:fixes";

  private FixRecord() {}

  /**
   * Records a container's new health check (a CloudFormation {@code HealthCheck} map) or, with
   * null, its removal.
   */
  static void put(CfnTaskDefinition cfn, String container, Map<String, Object> healthCheck) {
    Map<String, Object> fixes = new LinkedHashMap<>(read(cfn));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("HealthCheck", healthCheck == null ? "removed" : healthCheck);
    fixes.put(container, entry);
    cfn.addMetadata(METADATA_KEY, fixes);
  }

  /** The resolved container definitions with recorded fixes applied. */
  static Object applyTo(CfnTaskDefinition cfn, Object containerDefinitions) {
    Map<String, Object> fixes = read(cfn);
    if (fixes.isEmpty() || !(containerDefinitions instanceof List<?> containers)) {
      return containerDefinitions;
    }
    List<Object> patched = new ArrayList<>();
    for (Object container : containers) {
      if (container instanceof Map<?, ?> c && fixes.get(String.valueOf(name(c))) instanceof Map<?, ?> fix) {
        Map<Object, Object> copy = new LinkedHashMap<>(c);
        copy.remove("healthCheck");
        copy.remove("HealthCheck");
        if (fix.get("HealthCheck") instanceof Map<?, ?> healthCheck) {
          copy.put("HealthCheck", healthCheck);
        }
        patched.add(copy);
      } else {
        patched.add(container);
      }
    }
    return patched;
  }

  private static Object name(Map<?, ?> container) {
    return container.get("name") != null ? container.get("name") : container.get("Name");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(CfnTaskDefinition cfn) {
    Object value = cfn.getMetadata(METADATA_KEY);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
