package dev.healthguard.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health checks fix mode has set, kept in the task definition's template {@code Metadata}
 * under {@code healthguard:fixes}. An escape-hatch override cannot be read back from the L1, so the
 * guard records what it set: {@link TreeReader} applies the record to see the task as deployed
 * (its containers, and the containers of a service bound to it), a second pass finds nothing left
 * to fix, and the template shows what changed. This class is the record's format only:
 * {@link TreeReader#fixes} reads it and {@link ChangeWriter} writes it.
 */
final class FixRecord {

  static final String METADATA_KEY = "healthguard:fixes";

  private FixRecord() {}

  /**
   * The record with a container's new health check (a CloudFormation {@code HealthCheck} map) or,
   * with null, its removal.
   *
   * @param fixes the record as {@link TreeReader#fixes} read it
   */
  static Map<String, Object> with(Map<String, Object> fixes, String container, Map<String, Object> healthCheck) {
    Map<String, Object> updated = new LinkedHashMap<>(fixes);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("HealthCheck", healthCheck == null ? "removed" : healthCheck);
    updated.put(container, entry);
    return updated;
  }

  /** The resolved container definitions with the recorded fixes applied. */
  static Object applyTo(Map<String, Object> fixes, Object containerDefinitions) {
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
}
