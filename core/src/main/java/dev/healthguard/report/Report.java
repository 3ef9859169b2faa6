package dev.healthguard.report;

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
}
