package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.CommandForm;
import dev.healthguard.image.Certainty;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.Fact;
import java.util.ArrayList;
import java.util.List;

/**
 * HG002: the health check runs a program the image does not have, such as {@code curl} on
 * alpine or on a {@code -slim} image. Exec form looks the program up on the image's PATH.
 */
public final class ExecutableMissing implements Rule {

  @Override
  public String id() {
    return "HG002";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String title() {
    return "Health check runs a program the image does not have";
  }

  @Override
  public String explanation() {
    return "alpine has busybox wget but no curl; python:*-slim, node:*-slim and debian images have "
        + "neither. A check that calls a missing program exits 127 every time, so the container "
        + "never becomes healthy.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.hasHealthCheck()) {
      return List.of();
    }
    var command = subject.command();
    if (command.form() == CommandForm.CMD_SHELL && subject.image().shell().isAbsent()) {
      return List.of(); // HG001 already says it: nothing in the script can run.
    }
    List<Fact> missing = new ArrayList<>();
    boolean presentAlternative = false;
    for (String executable : command.executables()) {
      if (subject.target().mounted(executable)) {
        continue; // a volume supplies it at run time (e.g. the probe HealthGuard mounts)
      }
      Fact fact = subject.image().executable(executable);
      if (fact.isAbsent()) {
        missing.add(fact);
      } else if (fact.isPresent()) {
        presentAlternative = true;
      }
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    missing.forEach(f -> evidence.addAll(f.evidence()));
    String names = String.join(", ", missing.stream().map(Fact::name).toList());
    // With `a || b`, a missing `a` does not prove the check fails when `b` exists.
    boolean orElse = command.script() != null && command.script().contains("||") && presentAlternative;
    boolean certain = !orElse && missing.stream().allMatch(f -> f.certainty() == Certainty.CERTAIN);
    String fix = CheckCommands.replacementFor(command, subject.image(), subject.target().healthCheck().timeoutSeconds())
        .map(alt -> "use a tool the image has: " + alt.describe() + ", or install " + names + " in the image")
        .orElseGet(() -> "install " + names + " in the image, or " + Advice.probe()
            + Advice.hint(subject.image()));
    Finding finding = new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the health check runs " + names + ", which the image does not have"
            + (orElse ? " (another command after || may still run)" : ", so the check can never pass") + ".",
        evidence, fix);
    return List.of(certain ? finding : finding.withSeverity(Severity.WARNING));
  }
}
