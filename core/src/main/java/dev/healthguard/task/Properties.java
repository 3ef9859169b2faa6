package dev.healthguard.task;

import java.util.List;
import java.util.Map;

/**
 * Reads resolved CloudFormation properties whichever way they are cased: the template uses
 * PascalCase ({@code ContainerDefinitions}), {@code Stack.resolve} on an L1 gives camelCase.
 */
public final class Properties {

  private Properties() {}

  public static Object get(Map<?, ?> map, String pascalName) {
    if (map == null) {
      return null;
    }
    Object value = map.get(pascalName);
    if (value == null) {
      value = map.get(Character.toLowerCase(pascalName.charAt(0)) + pascalName.substring(1));
    }
    return value;
  }

  public static Map<?, ?> map(Map<?, ?> map, String name) {
    return get(map, name) instanceof Map<?, ?> m ? m : null;
  }

  public static List<?> list(Map<?, ?> map, String name) {
    return get(map, name) instanceof List<?> l ? l : List.of();
  }

  public static String string(Map<?, ?> map, String name) {
    return get(map, name) instanceof String s ? s : null;
  }

  public static Integer integer(Map<?, ?> map, String name) {
    Object value = get(map, name);
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.valueOf(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The logical id in {@code {"Ref": id}}, else null (an ARN literal, an import). */
  public static String ref(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1 && map.get("Ref") instanceof String id) {
      return id;
    }
    return null;
  }
}
