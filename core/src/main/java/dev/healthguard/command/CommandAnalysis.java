package dev.healthguard.command;

import dev.healthguard.shell.Shells;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a health-check command needs and does, from {@link CommandAnalyzer#analyze(List)}.
 *
 * @param form the command's form
 * @param script the {@code CMD-SHELL} script (the second element), or null for other forms
 * @param invocations every command the check runs, in the order written, nested ones included
 *     ({@code $(…)}, wrapped by {@code exec}/{@code timeout}/{@code env}, {@code sh -c '…'})
 * @param probes what the check probes (curl, wget, nc, …), in the order written
 * @param canFail whether the check's exit status can ever be non-zero, assuming its executables
 *     exist. False means the check always passes: a placebo such as {@code curl … || true}. Always
 *     true for {@link CommandForm#INVALID} and for a script that did not parse cleanly, because
 *     "cannot fail" is only claimed when it is certain.
 * @param cannotFailReason why the check cannot fail, for a human; null when {@code canFail}
 * @param problems things a reader should know, in the order found: broken input (unterminated
 *     quote, unknown form), shell features {@code /bin/sh} may lack ({@code /dev/tcp},
 *     {@code &>}, {@code [[}), and values only known at run time ({@code ${PORT}}); empty when
 *     there is nothing to say
 * @param notVerified why the check could not be verified at all, for a human: a value only known
 *     at deploy time (a CDK token) or a command past the analyser's bounds; null when it was
 *     analysed. A command not analysed at all (a token, the size bound) lists no invocations or
 *     probes, so no rule errs on a guess; for a nested script past a bound, the rest still counts.
 */
public record CommandAnalysis(
    CommandForm form,
    String script,
    List<Invocation> invocations,
    List<Probe> probes,
    boolean canFail,
    String cannotFailReason,
    List<String> problems,
    String notVerified) {

  public CommandAnalysis {
    Objects.requireNonNull(form, "form");
    invocations = List.copyOf(invocations);
    probes = List.copyOf(probes);
    problems = List.copyOf(problems);
    if (canFail) {
      cannotFailReason = null;
    }
  }

  /**
   * True when the check needs a shell in the image: always for {@code CMD-SHELL}, and for a
   * {@code CMD} whose program is a shell given a script with {@code -c} ({@code ["CMD", "sh", "-c",
   * "…"]}, also {@code /bin/sh}, {@code bash}, {@code ash}, {@code /busybox/sh}).
   */
  public boolean needsShell() {
    return requiredShell() != null;
  }

  /**
   * The shell that must exist for the check to start: {@code /bin/sh} for {@code CMD-SHELL}, the
   * program as written ({@code bash}, {@code /busybox/sh}) for a {@code CMD} shell with
   * {@code -c}; null when no shell is needed. A {@code CMD} program that is itself a shell is also
   * listed by {@link #executables()}; the implicit {@code /bin/sh} of {@code CMD-SHELL} is not.
   */
  public String requiredShell() {
    if (form == CommandForm.CMD_SHELL) {
      return Shells.DOCKER_SHELL;
    }
    if (form == CommandForm.CMD && !invocations.isEmpty()) {
      Invocation first = invocations.get(0);
      List<String> argv = new ArrayList<>();
      argv.add(first.command());
      argv.addAll(first.args());
      if (Shells.scriptOf(argv) != null) {
        // For ["CMD", "busybox", "sh", "-c", …] the file that must exist is busybox itself.
        return first.command();
      }
    }
    return null;
  }

  /**
   * The distinct commands that must exist as files in the image, in the order written: every
   * invocation that is not a builtin and whose name is not computed at run time ({@code $CURL}).
   * In {@code CMD} form this starts with argv[0] as written. The {@code /bin/sh} that
   * {@code CMD-SHELL} implies is not included; see {@link #requiredShell()}.
   */
  public List<String> executables() {
    Set<String> names = new LinkedHashSet<>();
    for (Invocation invocation : invocations) {
      if (!invocation.builtin() && !invocation.isDynamic()) {
        names.add(invocation.command());
      }
    }
    return List.copyOf(names);
  }

  /** The first probe, or null when the check probes nothing the analyser recognises. */
  public Probe primaryProbe() {
    return probes.isEmpty() ? null : probes.get(0);
  }
}
