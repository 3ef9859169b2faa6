package dev.healthguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageRef;
import dev.healthguard.task.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code healthguard:rules}: off, a level per rule, and a clear problem for anything else. */
class RuleSettingsTest {

  static final Target APP = new Target("Stack/Task", "app", null, new ImageRef.Registry(ImageName.parse("alpine:3.20")),
      List.of(), true, "X86_64", "awsvpc", List.of(), List.of());

  static Finding finding(String id, Severity severity) {
    return new Finding(id, severity, APP, "alpine:3.20", "problem.", List.of(), "fix");
  }

  @Test
  void readsTheCdkJsonObjectAndTheCommandLineString() {
    RuleSettings.Parsed fromJson = RuleSettings.parse(Map.of("HG005", "off", "HG006", "error"));
    assertEquals(List.of(), fromJson.problems());
    assertEquals(Map.of("HG005", RuleSettings.Level.OFF, "HG006", RuleSettings.Level.ERROR), fromJson.settings().levels());

    RuleSettings.Parsed fromCli = RuleSettings.parse("{\"HG005\": \"OFF\", \"HG006\": \" Error \"}");
    assertEquals(fromJson.settings().levels(), fromCli.settings().levels());
    assertEquals(List.of(), RuleSettings.parse(null).problems());
  }

  @Test
  void turnsARuleOffAndSetsALevel() {
    RuleSettings settings = RuleSettings.parse(Map.of("HG005", "off", "HG006", "error", "HG001", "warning")).settings();
    assertEquals(Optional.empty(), settings.apply(finding("HG005", Severity.WARNING)));
    assertEquals(Severity.ERROR, settings.apply(finding("HG006", Severity.WARNING)).orElseThrow().severity());
    assertEquals(Severity.WARNING, settings.apply(finding("HG001", Severity.ERROR)).orElseThrow().severity());
    // Rules without a setting keep their severity.
    assertEquals(Severity.ERROR, settings.apply(finding("HG009", Severity.ERROR)).orElseThrow().severity());
  }

  @Test
  void neverRaisesAFindingTheRuleLoweredForLikelyEvidence() {
    // HG002 is an error at full strength; a warning means the absence is only likely.
    RuleSettings settings = RuleSettings.parse(Map.of("HG002", "error", "HG001", "info")).settings();
    assertEquals(Severity.WARNING, settings.apply(finding("HG002", Severity.WARNING)).orElseThrow().severity());
    assertEquals(Severity.ERROR, settings.apply(finding("HG002", Severity.ERROR)).orElseThrow().severity());
    // Lowering still works on a lowered finding.
    assertEquals(Severity.INFO, settings.apply(finding("HG001", Severity.WARNING)).orElseThrow().severity());
  }

  @Test
  void reportsAnUnknownIdAndAnUnknownLevelAndKeepsTheRest() {
    RuleSettings.Parsed parsed = RuleSettings.parse(Map.of("HG05", "off", "HG006", "loud", "HG004", "off"));
    assertEquals(Map.of("HG004", RuleSettings.Level.OFF), parsed.settings().levels());
    assertEquals(2, parsed.problems().size(), parsed.problems().toString());
    assertTrue(parsed.problems().stream().anyMatch(p -> p.contains("unknown rule id 'HG05'") && p.contains("HG011")),
        parsed.problems().toString());
    assertTrue(parsed.problems().stream().anyMatch(p -> p.contains("unknown level 'loud' for HG006")
        && p.contains("off, error, warning or info")), parsed.problems().toString());
  }

  @Test
  void reportsAValueThatIsNotAnObject() {
    assertTrue(RuleSettings.parse("HG005=off").problems().get(0).contains("expected a JSON object"));
    assertTrue(RuleSettings.parse(List.of("HG005")).problems().get(0).contains("expected an object"));
    assertEquals(Map.of(), RuleSettings.parse("[1]").settings().levels());
  }
}
