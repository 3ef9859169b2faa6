package dev.healthguard.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON ("exec") form of an instruction's arguments (BuildKit parser/line_parsers.go
 * {@code parseJSON}): text that starts with {@code [} and is a strict JSON array of strings.
 * Text that is not valid JSON is not an error, it is the shell form; a valid array holding
 * anything but strings is an error.
 */
final class JsonArray {
  static final String NOT_STRINGS =
      "when using JSON array syntax, arrays must be comprised of strings only";

  // Go's json.Unmarshal rejects trailing data, comments, single quotes and bare control
  // characters; Jackson's defaults match once trailing tokens are made an error.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonArray() {}

  /**
   * @return the elements, or null when the text is not a JSON array (the caller falls back)
   * @throws SyntaxProblem when the array holds something other than strings
   */
  static List<String> parse(String rest) {
    String text = GoText.trimLeftSpace(rest);
    if (!text.startsWith("[")) {
      return null;
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (tree == null || !tree.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>(tree.size());
    for (JsonNode element : tree) {
      if (!element.isTextual()) {
        throw new SyntaxProblem(NOT_STRINGS);
      }
      out.add(replaceLoneSurrogates(element.textValue()));
    }
    return out;
  }

  /** Go decodes an unpaired {@code \ud800} escape to U+FFFD; Jackson keeps the half. */
  private static String replaceLoneSurrogates(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(s.substring(0, i));
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
