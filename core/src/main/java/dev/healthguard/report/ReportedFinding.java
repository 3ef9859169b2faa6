package dev.healthguard.report;

import dev.healthguard.rules.Finding;

/**
 * A finding as a report lists it.
 *
 * @param finding the finding at the severity it was reported at (after the mode and the per-rule
 *     settings, before an acknowledgement)
 * @param resource where it sits in the app
 * @param acknowledgement the reason it was acknowledged with, or null when it was not
 */
public record ReportedFinding(Finding finding, ResourceLocation resource, String acknowledgement) {

  public boolean acknowledged() {
    return acknowledgement != null;
  }
}
