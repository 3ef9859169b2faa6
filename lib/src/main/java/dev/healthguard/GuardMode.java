package dev.healthguard;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.util.Locale;

/** What the guard does with its findings. */
public enum GuardMode {
  /** Every finding is reported as a warning; nothing fails the synth. */
  REPORT,
  /** Errors fail the synth (the default). */
  ENFORCE,
  /**
   * Applies the safe remedies before synth (a command the image can run, the image's own
   * HEALTHCHECK, a probe), reports the changes (one warning per task definition, an info per change,
   * and the report files), and otherwise behaves like
   * {@link #ENFORCE}: a finding without a safe remedy stays an error and says why.
   */
  FIX;

  /** The context key that selects the mode, e.g. {@code "healthguard:mode": "report"} in cdk.json. */
  public static final String CONTEXT_KEY = "healthguard:mode";

  /** The finding as this mode reports it: in {@link #REPORT} mode errors become warnings. */
  public Finding apply(Finding finding) {
    return this == REPORT && finding.severity() == Severity.ERROR ? finding.withSeverity(Severity.WARNING) : finding;
  }

  /** Parses a context value; the message lists the accepted values. */
  public static GuardMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + CONTEXT_KEY + " '" + value + "': expected report, enforce or fix", e);
    }
  }
}
