package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import dev.healthguard.task.Target;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One rule's verdict on one target.
 *
 * @param ruleId e.g. {@code HG001}
 * @param severity the severity for this finding; a rule lowers its default when evidence is only
 *     likely
 * @param target the container it is about
 * @param image how the image is named
 * @param problem what is wrong, one sentence
 * @param evidence how the guard knows, most specific first
 * @param fix what to do instead
 */
public record Finding(
    String ruleId,
    Severity severity,
    Target target,
    String image,
    String problem,
    List<Evidence> evidence,
    String fix) {

  public Finding {
    evidence = List.copyOf(evidence);
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(ruleId, newSeverity, target, image, problem, evidence, fix);
  }

  /** The same finding with a sentence added to its problem, e.g. why fix mode left it. */
  public Finding withNote(String note) {
    return new Finding(ruleId, severity, target, image, problem + " " + note, evidence, fix);
  }

  /** The whole message: rule, container, image, problem, evidence and fix. */
  public String message() {
    StringBuilder text = new StringBuilder()
        .append('[').append(ruleId).append("] ")
        .append(target.describe()).append(", image ").append(image).append(": ")
        .append(problem);
    if (!evidence.isEmpty()) {
      text.append(" Evidence: ")
          .append(evidence.stream().map(Evidence::toString).collect(Collectors.joining("; ")))
          .append('.');
    }
    if (fix != null && !fix.isEmpty()) {
      text.append(" Fix: ").append(fix);
    }
    return text.toString();
  }
}
