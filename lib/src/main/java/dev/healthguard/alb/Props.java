package dev.healthguard.alb;

import dev.healthguard.task.Properties;

import java.util.List;
import java.util.Map;

/**
 * What the alignment adds to {@link Properties}: a value that is still an intrinsic function after
 * resolving ({@code Ref}, {@code Fn::ImportValue}) is only known at deploy time, and is noted.
 */
final class Props {

  private Props() {}

  /** A string (numbers are written as text), null when unset; records the name when unresolved. */
  static String literal(Map<?, ?> map, String name, List<String> unresolved) {
    Object value = Properties.get(map, name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Number n) {
      return String.valueOf(n.intValue());
    }
    unresolved.add(name);
    return null;
  }

  static Integer number(Map<?, ?> map, String name, List<String> unresolved) {
    Object value = Properties.get(map, name);
    if (value == null) {
      return null;
    }
    Integer n = Properties.integer(map, name);
    if (n == null) {
      unresolved.add(name);
    }
    return n;
  }

  /** The logical id in {@code {"Ref": id}}, else null (an ARN literal, an import). */
  static String ref(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Ref") instanceof String id) {
      return id;
    }
    return null;
  }
}
