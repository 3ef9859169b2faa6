package dev.healthguard.report;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.util.List;

/**
 * Everything one synth (or one CLI run) found and changed, in the order found.
 *
 * @param findings the findings, acknowledged ones included
 * @param fixes the changes fix mode made
 */
public record Report(List<ReportedFinding> findings, List<ReportedFix> fixes) {

  public Report {
    findings = List.copyOf(findings);
    fixes = List.copyOf(fixes);
  }

  /** The findings nobody acknowledged, at this severity, e.g. the errors that fail a synth. */
  public List<Finding> unacknowledged(Severity severity) {
    return findings.stream()
        .filter(f -> !f.acknowledged() && f.finding().severity() == severity)
        .map(ReportedFinding::finding)
        .toList();
  }

  /** The findings an acknowledgement covers, with its reason. */
  public List<ReportedFinding> acknowledged() {
    return findings.stream().filter(ReportedFinding::acknowledged).toList();
  }
}
