package dev.healthguard.cli;

import dev.healthguard.image.ImageRef;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.text.Excerpt;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The terminal's report: one line per finding, {@code <input>: <severity>: <message>} as compilers
 * and linters print, with the library's message, then a count. An acknowledged finding says so,
 * with its reason and where it sits, and fails nothing.
 */
final class TextReport {

  private TextReport() {}

  /** @param lookups whether {@code --lookups} was given */
  static void print(Check.Result result, boolean lookups, PrintWriter out) {
    int[] bySeverity = new int[Severity.values().length];
    int acknowledged = 0;
    int containers = 0;
    int taskDefinitions = 0;
    boolean unknownEcr = false;
    boolean openInAssembly = false;
    for (Check.Checked checked : result.checked()) {
      containers += checked.input().targets().size();
      taskDefinitions += checked.input().taskDefinitions();
      for (ReportedFinding reported : checked.findings()) {
        Finding finding = reported.finding();
        String severity = finding.severity().name().toLowerCase(Locale.ROOT);
        if (reported.acknowledged()) {
          acknowledged++;
          // The reason is the assembly's text: a cdk.out from elsewhere must not write to the terminal.
          out.println(checked.input().name() + ": acknowledged " + severity + " (" + Excerpt.inline(reported.acknowledgement())
              + ") at " + Excerpt.inline(reported.acknowledgedAt()) + ": " + finding.message());
          continue;
        }
        bySeverity[finding.severity().ordinal()]++;
        unknownEcr |= finding.ruleId().equals("HG008") && finding.target().image() instanceof ImageRef.Ecr ecr
            && ecr.addressable();
        openInAssembly |= checked.input().kind().equals(CloudAssembly.KIND) && finding.severity() != Severity.INFO;
        out.println(checked.input().name() + ": " + severity + ": " + finding.message());
      }
    }
    if (result.checked().isEmpty()) {
      return;
    }
    out.println(count(bySeverity[Severity.ERROR.ordinal()], "error") + ", "
        + count(bySeverity[Severity.WARNING.ordinal()], "warning") + ", "
        + count(bySeverity[Severity.INFO.ordinal()], "info")
        + (acknowledged == 0 ? "" : ", " + acknowledged + " acknowledged") + " in "
        + count(containers, "container") + " of " + count(taskDefinitions, "task definition") + ".");
    if (unknownEcr && !lookups) {
      // The core's HG008 text speaks the library's switch; say the command line's.
      out.println("note: outside the CDK, --lookups does what -c healthguard:lookups=true does.");
    }
    if (openInAssembly) {
      // The CDK writes the metadata of each stack's constructs to the assembly, and none of the App's or a Stage's.
      out.println("note: a cdk.out holds the acknowledgements on stacks and the constructs in them, not those on the App"
          + " or a Stage; acknowledge on the stack for the command line to see it.");
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
