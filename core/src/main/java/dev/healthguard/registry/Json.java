package dev.healthguard.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed reads of registry JSON. A field of the wrong type is an error naming the field, never a
 * silent default: a config whose {@code Env} is not a list of strings says nothing reliable.
 */
final class Json {

  // Duplicate keys are refused: two readers of the same manifest must not see different values.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Bad content; {@link #getMessage()} is one line without the document's text. */
  static final class MalformedException extends RuntimeException {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  static JsonNode parseObject(byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new MalformedException("it is not valid JSON" + where + " (" + firstLine(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new MalformedException("it is not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedException("it is not a JSON object");
    }
    return root;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    String line = s.lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }

  /** A string field, or null when absent or JSON null. */
  static String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new MalformedException(path + field + " must be a string, got " + typeOf(v));
    }
    return v.asText();
  }

  static String requiredText(JsonNode node, String field, String path) {
    String v = text(node, field, path);
    if (v == null || v.isEmpty()) {
      throw new MalformedException(path + field + " is missing");
    }
    return v;
  }

  /** An integer field, or {@code absent} when absent or JSON null. */
  static long integer(JsonNode node, String field, String path, long absent) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new MalformedException(path + field + " must be an integer, got " + typeOf(v));
    }
    return v.asLong();
  }

  static boolean bool(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new MalformedException(path + field + " must be true or false, got " + typeOf(v));
    }
    return v.asBoolean();
  }

  /** An object field, or null when absent or JSON null. */
  static JsonNode object(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new MalformedException(path + field + " must be an object, got " + typeOf(v));
    }
    return v;
  }

  /** An array field's elements; empty when absent or JSON null. */
  static List<JsonNode> array(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new MalformedException(path + field + " must be a list, got " + typeOf(v));
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  /** A list of strings; empty when absent or JSON null. */
  static List<String> strings(JsonNode node, String field, String path) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : array(node, field, path)) {
      if (!e.isTextual()) {
        throw new MalformedException(path + field + " must be a list of strings, got an element of type " + typeOf(e));
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A string-to-string object such as {@code annotations} or {@code Labels}; empty when absent. */
  static Map<String, String> stringMap(JsonNode node, String field, String path) {
    JsonNode obj = object(node, field, path);
    Map<String, String> out = new TreeMap<>();
    if (obj != null) {
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        if (!e.getValue().isTextual()) {
          throw new MalformedException(path + field + "." + e.getKey() + " must be a string, got " + typeOf(e.getValue()));
        }
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  private static String typeOf(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private Json() {}
}
