package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.image.Evidence;
import java.util.List;

/**
 * HG012: the guard could not verify the health-check command itself: part of it is a CDK token
 * only known at deploy time, or it is past the analyser's bounds (a script over 64 KiB, scripts
 * nested too deeply). Without this finding such a check passed silently (issue 10). Never an
 * error: nothing is known to be wrong. A token is an info, like an image only known at deploy time
 * (HG008); a command past the bounds is a warning, since no real check comes near them.
 */
public final class CommandNotVerified implements Rule {

  @Override
  public String id() {
    return "HG012";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Health-check command not verified";
  }

  @Override
  public String explanation() {
    return "The health-check command holds a value only known at deploy time, or is too large or too "
        + "deeply nested to analyse, so whether it can run in the image is not verified; the message says "
        + "which.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.hasHealthCheck() || subject.command().notVerified() == null) {
      return List.of();
    }
    String why = subject.command().notVerified();
    List<String> command = subject.target().healthCheck().command();
    boolean token = CommandAnalyzer.holdsToken(command);
    Finding finding = new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the health check is not verified: " + Character.toLowerCase(why.charAt(0)) + why.substring(1),
        List.of(new Evidence("healthCheck.command", CheckCommands.json(command))),
        token
            ? "give the health check literal values, which the guard can read at synth, or acknowledge " + id()
                + " to accept an unverified check"
            : "keep the health check small (put longer logic in a script inside the image and run that), or "
                + "acknowledge " + id() + " to accept an unverified check");
    return List.of(token ? finding.withSeverity(Severity.INFO) : finding);
  }
}
