package dev.healthguard.alb;

import java.util.List;
import java.util.Map;

/**
 * Reads resolved CloudFormation properties: {@code Stack.resolve} on an L1's properties gives
 * camelCase keys, a template PascalCase; both are accepted. A value that is still an intrinsic
 * function after resolving ({@code Ref}, {@code Fn::ImportValue}) is only known at deploy time.
 */
final class Props {

  private Props() {}

  static Object get(Map<?, ?> map, String pascalName) {
    if (map == null) {
      return null;
    }
    Object value = map.get(pascalName);
    return value != null ? value : map.get(Character.toLowerCase(pascalName.charAt(0)) + pascalName.substring(1));
  }

  static List<?> list(Map<?, ?> map, String name) {
    return get(map, name) instanceof List<?> l ? l : List.of();
  }

  static String string(Map<?, ?> map, String name) {
    return get(map, name) instanceof String s ? s : null;
  }

  static Integer integer(Map<?, ?> map, String name) {
    Object value = get(map, name);
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.valueOf(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A string (numbers are written as text), null when unset; records the name when unresolved. */
  static String literal(Map<?, ?> map, String name, List<String> unresolved) {
    Object value = get(map, name);
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
    Object value = get(map, name);
    if (value == null) {
      return null;
    }
    Integer n = integer(map, name);
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
