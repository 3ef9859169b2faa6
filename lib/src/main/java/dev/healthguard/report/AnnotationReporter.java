package dev.healthguard.report;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * Reports findings as CDK annotations on the construct they are about, so the CDK CLI fails the
 * synth on errors and prints warnings. Ids go through {@link Validations}, which qualifies them as
 * {@code Annotation::HG001}; a finding acknowledged with
 * {@code Validations.of(scope).acknowledge(new Acknowledgment("HG001", reason))} on the construct
 * or any parent becomes an info that repeats the reason.
 */
public final class AnnotationReporter {

  /** The metadata type {@code Validations.acknowledge} records (aws-cdk-lib core/lib/validation). */
  static final String ACKNOWLEDGED = "aws:cdk:acknowledged-rules";

  private AnnotationReporter() {}

  /** Reports one finding; returns true when it stays an error after acknowledgements. */
  public static boolean report(IConstruct on, Finding finding) {
    String id = finding.ruleId();
    Optional<String> acknowledged = acknowledgement(on, "Annotation::" + id);
    if (acknowledged.isPresent()) {
      // Not addInfoV2 with the rule's id: the acknowledgement would swallow the info as well.
      Annotations.of(on).addInfo("[" + id + "] acknowledged (" + acknowledged.get() + "): " + finding.message());
      return false;
    }
    switch (finding.severity()) {
      case ERROR -> Validations.of(on).addError(id, finding.message());
      case WARNING -> Validations.of(on).addWarning(id, finding.message());
      case INFO -> Annotations.of(on).addInfoV2("Annotation::" + id, finding.message());
    }
    return finding.severity() == Severity.ERROR;
  }

  private static Optional<String> acknowledgement(IConstruct on, String qualifiedId) {
    for (IConstruct scope = on; scope != null; scope = scope.getNode().getScope()) {
      for (MetadataEntry entry : scope.getNode().getMetadata()) {
        if (ACKNOWLEDGED.equals(entry.getType()) && entry.getData() instanceof Map<?, ?> acks
            && acks.get(qualifiedId) != null) {
          return Optional.of(String.valueOf(acks.get(qualifiedId)));
        }
      }
    }
    return Optional.empty();
  }
}
