package dev.healthguard.report;

import java.util.List;

/**
 * One change fix mode made to the app.
 *
 * @param ruleIds the findings it answers, e.g. {@code [HG001]}
 * @param taskDefinition the task definition's construct path
 * @param container the container it is for
 * @param change what changed, one sentence: {@code set the health check to ["CMD", …]}
 * @param resource where the change landed
 */
public record ReportedFix(List<String> ruleIds, String taskDefinition, String container, String change,
    ResourceLocation resource) {

  public ReportedFix {
    ruleIds = List.copyOf(ruleIds);
  }
}
