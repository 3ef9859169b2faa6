package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.CommandForm;
import dev.healthguard.image.Certainty;
import dev.healthguard.image.Fact;
import dev.healthguard.text.Excerpt;
import java.util.List;
import java.util.Optional;

/**
 * HG001: a {@code CMD-SHELL} check on an image without {@code /bin/sh}. Docker runs
 * {@code CMD-SHELL} as {@code /bin/sh -c <script>} whatever the image's SHELL instruction says
 * (moby daemon/health.go, health-check-semantics.md §1), so the check can never pass.
 */
public final class ShellMissing implements Rule {

  @Override
  public String id() {
    return "HG001";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String title() {
    return "CMD-SHELL health check on an image without /bin/sh";
  }

  @Override
  public String explanation() {
    return "Docker runs a CMD-SHELL health check as /bin/sh -c '<command>'. Images such as scratch, "
        + "distroless, cgr.dev/chainguard/static (ko's default base) and .NET chiseled have no /bin/sh, "
        + "so the check fails every time and ECS replaces the task in a loop without logging why.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.hasHealthCheck() || subject.command().form() != CommandForm.CMD_SHELL) {
      return List.of();
    }
    Fact shell = subject.image().shell();
    if (!shell.isAbsent()) {
      return List.of();
    }
    Optional<ShellWrappedExecForm> meantExec = ShellWrappedExecForm.of(subject.command());
    String fix = meantExec.map(ShellWrappedExecForm::advice)
        .or(() -> CheckCommands.execFormOf(subject.command(), subject.image())
            .map(alt -> "use the exec form, which needs no shell: " + alt.describe()))
        .or(() -> CheckCommands.replacementFor(subject.command(), subject.image(),
            subject.target().healthCheck().timeoutSeconds())
            .map(alt -> "use the exec form with a tool the image has: " + alt.describe()))
        .orElseGet(() -> Advice.probe() + Advice.hint(subject.image()));
    String busybox = subject.image().executable("busybox").isPresent() && subject.image().executable("busybox").path() != null
        ? " (busybox's shell is at " + subject.image().executable("busybox").path().replaceAll("busybox$", "sh") + ", which CMD-SHELL does not use)"
        : "";
    Finding finding = new Finding(id(), severity(), subject.target(), subject.image().image(),
        meantExec.map(m -> "the health check " + Excerpt.inline(subject.command().script()) + " is not valid JSON because of the text"
                + " after the array, so Docker runs it through /bin/sh -c")
            .orElse("the health check is CMD-SHELL, which Docker runs with /bin/sh -c")
            + ", but the image has no /bin/sh" + busybox
            + ", so the check can never pass.",
        shell.evidence(), fix);
    return List.of(shell.certainty() == Certainty.CERTAIN ? finding : finding.withSeverity(Severity.WARNING));
  }
}
