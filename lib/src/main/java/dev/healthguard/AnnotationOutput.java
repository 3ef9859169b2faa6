package dev.healthguard;

import dev.healthguard.report.Acknowledgements;
import dev.healthguard.report.FindingReporter;
import dev.healthguard.report.ResourceLocation;
import dev.healthguard.rules.Finding;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * The aspect's output: findings as CDK annotations on the construct they are about, so the CDK CLI
 * fails the synth on errors and prints warnings.
 *
 * <p>Ids are qualified by container ({@code HG002[app]}, recorded by {@link Validations} as {@code
 * Annotation::HG002[app]}), so the "Acknowledge with" the CLI prints under a warning names the
 * scoped form, and a broad {@code HG002} acknowledgement whose reason HealthGuard refuses does not
 * hide the warning through the CDK's own {@code acknowledgeWarning}. An acknowledged finding
 * becomes an info that repeats the reason and says where the acknowledgement sits.
 */
final class AnnotationOutput implements FindingReporter.Output<IConstruct> {

  /** The id fix-mode summaries are reported under ({@code Annotation::HealthGuard:fix} to acknowledge). */
  static final String FIX_ID = "HealthGuard:fix";

  @Override
  public void finding(IConstruct on, Finding finding, ResourceLocation where, Acknowledgements.Acknowledgement ack) {
    String id = finding.ruleId() + (finding.target().container() == null ? "" : "[" + finding.target().container() + "]");
    String message = finding.message();
    if (ack != null) {
      String prefix = "[" + finding.ruleId() + "] ";
      String rest = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
      // Not addInfoV2 with the rule's id: the acknowledgement would swallow the info as well.
      Annotations.of(on).addInfo(prefix + "acknowledged (" + ack.reason() + ") at " + ack.at() + ": " + rest);
      return;
    }
    switch (finding.severity()) {
      case ERROR -> Validations.of(on).addError(id, message);
      case WARNING -> Validations.of(on).addWarning(id, message);
      case INFO -> Annotations.of(on).addInfoV2("Annotation::" + id, message);
    }
  }

  @Override
  public void fixed(IConstruct on, String summary) {
    Validations.of(on).addWarning(FIX_ID, summary);
  }
}
