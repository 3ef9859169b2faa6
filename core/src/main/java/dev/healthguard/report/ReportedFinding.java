package dev.healthguard.report;

import dev.healthguard.rules.Finding;

/**
 * A finding as a report lists it.
 *
 * @param finding the finding at the severity it was reported at (after the mode and the per-rule
 *     settings, before an acknowledgement)
 * @param resource where it sits in the app
 * @param acknowledgement the reason it was acknowledged with, or null when it was not
 * @param acknowledgedAt the construct path the acknowledgement sits on, or null when it was not
 *     acknowledged or the place is not known
 */
public record ReportedFinding(Finding finding, ResourceLocation resource, String acknowledgement, String acknowledgedAt) {

  /** A finding with no acknowledgement, or one whose place is not known. */
  public ReportedFinding(Finding finding, ResourceLocation resource, String acknowledgement) {
    this(finding, resource, acknowledgement, null);
  }

  public boolean acknowledged() {
    return acknowledgement != null;
  }
}
