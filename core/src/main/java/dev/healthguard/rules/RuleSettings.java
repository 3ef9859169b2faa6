package dev.healthguard.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Per-rule settings: turn a rule off, or set the level its findings are reported at, e.g. {@code
 * "healthguard:rules": {"HG005": "off", "HG006": "error"}} in cdk.json.
 *
 * <p>A level applies to the findings a rule makes at its full severity. A finding the rule already
 * lowered because its evidence is only likely (an HG002 warning) is never raised by a setting, so
 * no setting turns a guess into an error (DESIGN.md, principle 1); it can still be lowered.
 */
public final class RuleSettings {

  /** The context key, in cdk.json or {@code -c}. */
  public static final String CONTEXT_KEY = "healthguard:rules";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleSettings NONE = new RuleSettings(Map.of());
  /** Each rule's full severity, to tell a finding the rule lowered from one at full strength. */
  private static final Map<String, Severity> FULL = Rules.documented().stream()
      .collect(Collectors.toUnmodifiableMap(Rule::id, Rule::severity));

  /** What a setting asks for. */
  public enum Level {
    OFF, ERROR, WARNING, INFO;

    static Optional<Level> parse(String text) {
      try {
        return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * The settings that could be read, and a sentence for each one that could not.
   *
   * @param settings the understood entries (the others are ignored)
   * @param problems e.g. {@code healthguard:rules: unknown rule id 'HG05' (known: HG000, …)}
   */
  public record Parsed(RuleSettings settings, List<String> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  private final Map<String, Level> levels;

  private RuleSettings(Map<String, Level> levels) {
    this.levels = Collections.unmodifiableMap(new TreeMap<>(levels));
  }

  /** No settings: every rule at its own severity. */
  public static RuleSettings none() {
    return NONE;
  }

  /** The level set for each rule id. */
  public Map<String, Level> levels() {
    return levels;
  }

  /**
   * Reads a setting as cdk.json gives it (a JSON object, arriving as a map) or as {@code -c
   * healthguard:rules='{"HG005":"off"}'} gives it (a string holding that object). Null means no
   * settings.
   */
  public static Parsed parse(Object value) {
    if (value == null) {
      return new Parsed(NONE, List.of());
    }
    Object parsed = value;
    if (value instanceof String text) {
      try {
        parsed = JSON.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        return new Parsed(NONE, List.of(CONTEXT_KEY + ": expected a JSON object such as {\"HG005\": \"off\"}, got '"
            + excerpt(text) + "'"));
      }
    }
    if (!(parsed instanceof Map<?, ?> entries)) {
      return new Parsed(NONE, List.of(CONTEXT_KEY + ": expected an object of rule id to level, such as "
          + "{\"HG005\": \"off\"}, got '" + excerpt(String.valueOf(value)) + "'"));
    }
    Set<String> known = new java.util.TreeSet<>(FULL.keySet());
    Map<String, Level> levels = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      String id = String.valueOf(entry.getKey()).trim();
      Optional<Level> level = entry.getValue() instanceof String s ? Level.parse(s) : Optional.empty();
      if (!known.contains(id)) {
        problems.add(CONTEXT_KEY + ": unknown rule id '" + excerpt(id) + "' (known: " + String.join(", ", known) + ")");
      } else if (level.isEmpty()) {
        problems.add(CONTEXT_KEY + ": unknown level '" + excerpt(String.valueOf(entry.getValue())) + "' for " + id
            + " (expected off, error, warning or info)");
      } else {
        levels.put(id, level.get());
      }
    }
    return new Parsed(new RuleSettings(levels), problems);
  }

  /**
   * The finding as the settings want it reported: empty when its rule is off, else at the set
   * level (see the class comment for findings a rule already lowered).
   */
  public Optional<Finding> apply(Finding finding) {
    Level level = levels.get(finding.ruleId());
    if (level == null) {
      return Optional.of(finding);
    }
    if (level == Level.OFF) {
      return Optional.empty();
    }
    Severity wanted = Severity.valueOf(level.name());
    Severity full = FULL.getOrDefault(finding.ruleId(), finding.severity());
    boolean lowered = finding.severity().compareTo(full) > 0; // ERROR < WARNING < INFO
    Severity result = lowered && wanted.compareTo(finding.severity()) < 0 ? finding.severity() : wanted;
    return Optional.of(result == finding.severity() ? finding : finding.withSeverity(result));
  }

  /** Whether a rule is turned off, so an entry point can skip the work. */
  public boolean isOff(String ruleId) {
    return levels.get(ruleId) == Level.OFF;
  }

  private static String excerpt(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 59) + "…";
  }
}
