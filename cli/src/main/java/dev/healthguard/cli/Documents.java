package dev.healthguard.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Parses an input's text as JSON, or as YAML when it is not JSON-shaped. Errors name the place,
 * never the text there: a file given by mistake may hold secrets.
 */
final class Documents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Documents() {}

  /** @return the document: a map or a list */
  static Object parse(String text, String name) throws InputException {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".template");
    String start = text.stripLeading();
    if (!yaml && (start.startsWith("{") || start.startsWith("[") || lower.endsWith(".json"))) {
      return json(text, name);
    }
    Object document;
    try {
      document = CloudFormationYaml.load(text);
    } catch (MarkedYamlEngineException e) {
      String where = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
          .orElse("");
      throw new InputException(name + ": neither JSON nor YAML" + where);
    } catch (YamlEngineException e) {
      throw new InputException(name + ": neither JSON nor YAML");
    }
    if (!(document instanceof java.util.Map<?, ?>) && !(document instanceof java.util.List<?>)) {
      throw new InputException(name + ": not JSON, and not a YAML template (its top level is not a mapping)");
    }
    return document;
  }

  private static Object json(String text, String name) throws InputException {
    try {
      Object document = JSON.readValue(text, Object.class);
      if (document instanceof java.util.Map<?, ?> || document instanceof java.util.List<?>) {
        return document;
      }
      throw new InputException(name + ": the JSON is a " + (document == null ? "null" : "single value")
          + ", not an object");
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      // Not the parser's own message: it quotes the offending text, which may be anything (a key in a .env).
      throw new InputException(name + ": not valid JSON" + where);
    }
  }
}
