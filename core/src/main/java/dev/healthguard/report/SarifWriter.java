package dev.healthguard.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.FileLine;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Rule;
import dev.healthguard.rules.RuleDocs;
import dev.healthguard.rules.Rules;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link Report} as SARIF 2.1.0, the format GitHub code scanning, CodeCatalyst and IDE
 * viewers read. Each rule carries its help page; each result points at the Dockerfile line
 * (relative to the app's root, {@code %SRCROOT%}) and names the construct and the template resource
 * as logical locations; an acknowledged finding is a result with a suppression that keeps its
 * justification. Fix-mode changes are informational results, so a reviewer sees them beside the
 * findings.
 */
public final class SarifWriter {

  /** The id of the app's root in {@code originalUriBaseIds}, as GitHub's uploader expects it. */
  static final String SRCROOT = "%SRCROOT%";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifWriter() {}

  /** Writes the report to {@code file}, creating its directory. */
  public static void write(Report report, Path appRoot, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, toJson(report, appRoot), StandardCharsets.UTF_8);
  }

  /**
   * @param appRoot the directory relative paths are relative to (the CDK app's root)
   */
  public static String toJson(Report report, Path appRoot) {
    List<Rule> rules = Rules.documented();
    ObjectNode log = JSON.createObjectNode();
    log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "HealthGuard");
    driver.put("version", RuleDocs.version());
    driver.put("informationUri", RuleDocs.projectUrl());
    ArrayNode ruleNodes = driver.putArray("rules");
    for (Rule rule : rules) {
      ObjectNode node = ruleNodes.addObject();
      node.put("id", rule.id());
      node.put("name", rule.getClass().getSimpleName());
      node.putObject("shortDescription").put("text", rule.title());
      node.putObject("fullDescription").put("text", rule.explanation());
      node.put("helpUri", RuleDocs.pageOf(rule.id()));
      node.putObject("help").put("text", rule.title() + ". See " + RuleDocs.pageOf(rule.id()));
      node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    }
    String root = appRoot.toAbsolutePath().normalize().toUri().toString();
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", root.endsWith("/") ? root : root + "/");
    ArrayNode results = run.putArray("results");
    for (ReportedFinding reported : report.findings()) {
      Finding finding = reported.finding();
      ObjectNode result = result(results, rules, finding.ruleId(), level(finding.severity()), finding.message());
      locations(result, Locations.fileOf(finding.evidence(), reported.resource()), reported.resource());
      if (reported.acknowledged()) {
        ObjectNode suppression = result.putArray("suppressions").addObject();
        suppression.put("kind", "inSource"); // Validations.of(scope).acknowledge(...) in the app's code
        suppression.put("status", "accepted");
        suppression.put("justification", reported.acknowledgement());
        if (reported.acknowledgedAt() != null) {
          suppression.putObject("location").putArray("logicalLocations").addObject()
              .put("fullyQualifiedName", reported.acknowledgedAt()).put("kind", "resource");
        }
      }
      ObjectNode properties = result.putObject("properties");
      properties.put("taskDefinition", finding.target().taskDefinition());
      properties.put("container", finding.target().container());
      properties.put("image", finding.image());
      ArrayNode evidence = properties.putArray("evidence");
      for (Evidence item : finding.evidence()) {
        evidence.add(item.toString());
      }
    }
    for (ReportedFix fix : report.fixes()) {
      String rule = fix.ruleIds().isEmpty() ? "HG000" : fix.ruleIds().get(0);
      ObjectNode result = result(results, rules, rule, "note",
          "fixed (" + String.join(", ", fix.ruleIds()) + ") in container '" + fix.container() + "' of "
              + fix.taskDefinition() + ": " + fix.change());
      result.put("kind", "informational");
      locations(result, Locations.fileOf(List.of(), fix.resource()), fix.resource());
      result.putObject("properties").put("healthguardFix", true);
    }
    try {
      return JSON.writeValueAsString(log);
    } catch (IOException e) {
      throw new IllegalStateException("a SARIF tree of strings and numbers always serializes", e);
    }
  }

  private static ObjectNode result(ArrayNode results, List<Rule> rules, String ruleId, String level, String text) {
    ObjectNode result = results.addObject();
    result.put("ruleId", ruleId);
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).id().equals(ruleId)) {
        result.put("ruleIndex", i);
      }
    }
    result.put("level", level);
    result.putObject("message").put("text", text);
    return result;
  }

  private static void locations(ObjectNode result, Optional<FileLine> file, ResourceLocation resource) {
    ObjectNode location = result.putArray("locations").addObject();
    file.ifPresent(at -> {
      ObjectNode physical = location.putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      if (Path.of(at.path()).isAbsolute()) {
        artifact.put("uri", Path.of(at.path()).toUri().toString()); // outside the app's root
      } else {
        artifact.put("uri", at.path());
        artifact.put("uriBaseId", SRCROOT);
      }
      if (at.line() > 0) {
        physical.putObject("region").put("startLine", at.line());
      }
    });
    if (resource == null) {
      return;
    }
    ArrayNode logical = location.putArray("logicalLocations");
    if (resource.constructPath() != null) {
      String path = resource.constructPath();
      logical.addObject()
          .put("name", path.substring(path.lastIndexOf('/') + 1))
          .put("fullyQualifiedName", path)
          .put("kind", "resource");
    }
    if (resource.logicalId() != null) {
      String pointer = "Resources/" + resource.logicalId()
          + (resource.propertyPath() == null ? "" : "/" + resource.propertyPath());
      String template = resource.templateFile() == null ? "" : Path.of(resource.templateFile()).getFileName() + "#/";
      logical.addObject()
          .put("name", resource.logicalId())
          .put("fullyQualifiedName", template + pointer)
          .put("kind", "object");
    }
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
