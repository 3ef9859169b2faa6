package dev.healthguard.report;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.GuardProblem;
import dev.healthguard.rules.RuleSettings;
import dev.healthguard.rules.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One synth's (or one command line input's) findings and fixes, as every entry point reports them:
 * each finding is checked against the acknowledgements ({@link Acknowledgements}), shown through
 * an {@link Output} (annotations for the aspect; nothing for the plugin, whose violations are made
 * from the report, nor for {@code validateScope} and the command line), and kept for {@code
 * healthguard.json} and {@code healthguard.sarif}. Like cdk-nag's loggers, the outputs are
 * observers: the decision what to report is made once, here.
 *
 * @param <P> where a finding sits: a construct for the aspect, a construct path for the plugin and
 *     the command line, which read the cloud assembly instead of the tree
 */
public final class FindingReporter<P> {

  /** Where reported findings go besides the report files. */
  public interface Output<P> {
    /** A finding to show; {@code acknowledgement} is null when none covers it. */
    void finding(P on, Finding finding, ResourceLocation where, Acknowledgements.Acknowledgement acknowledgement);

    /** One warning-level line that lists what fix mode changed in one task definition or service. */
    void fixed(P on, String summary);
  }

  /** Shows nothing: the findings only land in the report (the plugin's violations are made from it). */
  public static <P> Output<P> silent() {
    return new Output<>() {
      @Override
      public void finding(P on, Finding finding, ResourceLocation where, Acknowledgements.Acknowledgement ack) {}

      @Override
      public void fixed(P on, String summary) {}
    };
  }

  private final Output<P> output;
  private final List<ReportedFinding> findings = new ArrayList<>();
  private final List<ReportedFix> fixes = new ArrayList<>();
  private final Set<String> shortReasons = new HashSet<>();
  private final Acknowledgements.Lookup<P> acknowledgements;

  public FindingReporter(Output<P> output, Acknowledgements.Scopes<P> scopes) {
    this.output = output;
    this.acknowledgements = new Acknowledgements.Lookup<>(scopes);
  }

  /**
   * Reports one finding on {@code on} (the container's construct, else its task definition's).
   *
   * @return true when it stays an error, i.e. no acknowledgement covers it
   */
  public boolean report(P on, Finding finding, ResourceLocation where) {
    Optional<Acknowledgements.Acknowledgement> found = acknowledgements.find(on, finding.ruleId(), finding.target().container());
    Acknowledgements.Acknowledgement ack = found.filter(Acknowledgements.Acknowledgement::valid).orElse(null);
    if (found.isPresent() && ack == null) {
      tooShort(on, found.get(), finding, where);
    }
    findings.add(new ReportedFinding(finding, where, ack == null ? null : ack.reason(), ack == null ? null : ack.at()));
    output.finding(on, finding, where, ack);
    return ack == null && finding.severity() == Severity.ERROR;
  }

  /** Reports HG000 about part of the app: the guard could not check it. */
  public void problem(P on, String where, String container, String problem, ResourceLocation location) {
    report(on, GuardProblem.finding(where, container, problem), location);
  }

  /** A problem of {@code healthguard:rules} as HG000 says it: the key is already where it is about. */
  public static String settingProblem(String problem) {
    String prefix = RuleSettings.CONTEXT_KEY + ": ";
    return (problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem) + "; the setting is ignored.";
  }

  /** Records what fix mode changed in one task definition or service, and shows one summary of it. */
  public void fixed(P on, String path, List<ReportedFix> changes) {
    if (changes.isEmpty()) {
      return;
    }
    fixes.addAll(changes);
    List<String> ids = changes.stream().flatMap(c -> c.ruleIds().stream()).distinct().sorted().toList();
    StringBuilder summary = new StringBuilder("[HealthGuard] fix mode changed ").append(path)
        .append(" (").append(String.join(", ", ids)).append("): ");
    for (int i = 0; i < changes.size(); i++) {
      ReportedFix change = changes.get(i);
      summary.append(i == 0 ? "" : "; ").append(i + 1).append(". ")
          .append(change.container() == null ? "" : "'" + change.container() + "': ").append(change.change());
    }
    summary.append(". The changes are in the template and in cdk.out/healthguard.json; -c healthguard:mode=enforce"
        + " reports the findings instead.");
    output.fixed(on, summary.toString());
  }

  /** Everything reported so far. */
  public Report report() {
    return new Report(findings, fixes);
  }

  /** How many findings were reported so far, for {@link #since}. */
  public int count() {
    return findings.size();
  }

  /** The findings reported after the first {@code from}, e.g. a finding and the HG000 it caused. */
  public List<ReportedFinding> since(int from) {
    return List.copyOf(findings.subList(from, findings.size()));
  }

  public List<Finding> findings() {
    return findings.stream().map(ReportedFinding::finding).toList();
  }

  /** An acknowledgement without a real reason is not honoured, and says so once (cdk-nag asks for 10 characters too). */
  private void tooShort(P on, Acknowledgements.Acknowledgement ack, Finding finding, ResourceLocation where) {
    if (!shortReasons.add(ack.at() + "\u0000" + ack.id())) {
      return;
    }
    int length = ack.reason().strip().length();
    String problem = "the acknowledgement " + ack.userId() + " has a reason of " + length + " character"
        + (length == 1 ? "" : "s") + "; HealthGuard honours one of at least " + Acknowledgements.MIN_REASON
        + " (what was checked, and why the check is safe), so " + finding.ruleId() + " is reported as usual.";
    ResourceLocation location = new ResourceLocation(ack.at(), where == null ? null : where.templateFile(), null, null);
    report(on, GuardProblem.finding(ack.at(), null, problem), location);
  }
}
