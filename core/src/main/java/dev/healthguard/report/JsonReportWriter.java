package dev.healthguard.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.FileLine;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a {@link Report} as HealthGuard's own JSON: a flat list of findings and one of fixes, each
 * with every field a script needs (rule, severity, container, file and line, construct path,
 * logical id, acknowledgement), so CI can gate or summarize without parsing messages.
 *
 * <pre>{@code
 * {"tool": "HealthGuard", "version": "0.2.0", "formatVersion": 1,
 *  "findings": [{"ruleId": "HG001", "severity": "error", "acknowledged": false, "file": "docker/api/Dockerfile",
 *                "line": 6, "constructPath": "App/Task/api", "logicalId": "Task79114B6B", ...}],
 *  "fixes": [{"ruleIds": ["HG001"], "container": "api", "change": "set the health check to ...", ...}]}
 * }</pre>
 */
public final class JsonReportWriter {

  /** Bumped when a field changes meaning or goes away; new fields do not bump it. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReportWriter() {}

  /** Writes the report to {@code file}, creating its directory. */
  public static void write(Report report, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, toJson(report), StandardCharsets.UTF_8);
  }

  public static String toJson(Report report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("tool", "HealthGuard");
    root.put("version", RuleDocs.version());
    root.put("formatVersion", FORMAT_VERSION);
    ArrayNode findings = root.putArray("findings");
    for (ReportedFinding reported : report.findings()) {
      Finding finding = reported.finding();
      ObjectNode node = findings.addObject();
      node.put("ruleId", finding.ruleId());
      node.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
      node.put("acknowledged", reported.acknowledged());
      if (reported.acknowledged()) {
        node.put("acknowledgement", reported.acknowledgement());
        if (reported.acknowledgedAt() != null) {
          node.put("acknowledgedAt", reported.acknowledgedAt());
        }
      }
      node.put("taskDefinition", finding.target().taskDefinition());
      node.put("container", finding.target().container());
      node.put("image", finding.image());
      node.put("problem", finding.problem());
      node.put("fix", finding.fix());
      node.put("message", finding.message());
      node.put("helpUri", RuleDocs.pageOf(finding.ruleId()));
      file(node, Locations.fileOf(finding.evidence(), reported.resource()));
      resource(node, reported.resource());
      ArrayNode evidence = node.putArray("evidence");
      for (Evidence item : finding.evidence()) {
        ObjectNode e = evidence.addObject().put("where", item.where()).put("what", item.what());
        if (item.at() != null) {
          file(e, Optional.of(item.at()));
        }
        // The message names a catalog row and its range; the commits behind it are kept here.
        if (!item.sources().isEmpty()) {
          item.sources().forEach(e.putArray("sources")::add);
        }
      }
    }
    ArrayNode fixes = root.putArray("fixes");
    for (ReportedFix fix : report.fixes()) {
      ObjectNode node = fixes.addObject();
      ArrayNode ids = node.putArray("ruleIds");
      fix.ruleIds().forEach(ids::add);
      node.put("taskDefinition", fix.taskDefinition());
      node.put("container", fix.container());
      node.put("change", fix.change());
      resource(node, fix.resource());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  private static void file(ObjectNode node, Optional<FileLine> file) {
    file.ifPresent(at -> {
      node.put("file", at.path());
      if (at.line() > 0) {
        node.put("line", at.line());
      }
    });
  }

  private static void resource(ObjectNode node, ResourceLocation resource) {
    if (resource == null) {
      return;
    }
    node.put("constructPath", resource.constructPath());
    node.put("template", resource.templateFile());
    node.put("logicalId", resource.logicalId());
    node.put("propertyPath", resource.propertyPath());
  }
}
