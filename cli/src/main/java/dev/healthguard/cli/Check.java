package dev.healthguard.cli;

import dev.healthguard.image.ImageProfiler;
import dev.healthguard.report.FindingReporter;
import dev.healthguard.report.Report;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.report.ResourceLocation;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleSettings;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.TargetChecker;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every input, then checks every container, and every load-balanced service of a template,
 * with the core's rules and the per-rule settings, and reports each finding as the library does,
 * against the acknowledgements a {@code cdk.out} holds.
 */
final class Check {

  private final TargetChecker checker;
  private final RuleSettings settings;
  private final DockerfileMap dockerfiles;
  private final String account;
  private final String region;

  Check(ImageProfiler profiler, RuleSettings settings, DockerfileMap dockerfiles, String account, String region) {
    this.checker = new TargetChecker(profiler);
    this.settings = settings;
    this.dockerfiles = dockerfiles;
    this.account = account;
    this.region = region;
  }

  /** One input's findings, in container order, at the severities the settings give them. */
  record Checked(InputFile input, List<ReportedFinding> findings) {}

  /**
   * @param checked the inputs that could be read
   * @param problems why the others could not (each is exit 2)
   */
  record Result(List<Checked> checked, List<String> problems) {

    boolean fails(Severity threshold) {
      return report().findings().stream()
          .anyMatch(f -> !f.acknowledged() && f.finding().severity().compareTo(threshold) <= 0);
    }

    Report report() {
      return new Report(checked.stream().flatMap(c -> c.findings().stream()).toList(), List.of());
    }
  }

  Result run(List<String> arguments, InputStream stdin) {
    List<InputFile> inputs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String argument : arguments) {
      try {
        inputs.add(Inputs.read(argument, stdin));
      } catch (InputException e) {
        problems.add(e.getMessage());
      }
    }
    Set<String> containers = new HashSet<>();
    inputs.forEach(input -> input.targets().forEach(t -> containers.add(t.target().container())));
    List<String> mapping = dockerfiles.problems(containers);
    if (!mapping.isEmpty() && !inputs.isEmpty()) {
      mapping.forEach(p -> problems.add("--dockerfile: " + p));
      return new Result(List.of(), problems);
    }
    List<Checked> checked = new ArrayList<>();
    for (InputFile input : inputs) {
      FindingReporter<String> reporter = new FindingReporter<>(FindingReporter.silent(), input.acknowledgements());
      input.unknown().forEach(u -> settled(u.finding(), u.resource(), reporter));
      for (Located located : input.targets()) {
        Located resolved = located.withTarget(
            dockerfiles.apply(CloudAssembly.withEnvironment(located.target(), account, region)));
        checker.check(resolved.target()).forEach(finding -> settled(finding, resolved.resource(), reporter));
      }
      // HG011, as both CDK entry points report it: each service's target groups against its container's check.
      for (LocatedBinding bound : input.bindings()) {
        checker.check(bound.binding()).forEach(finding -> settled(finding, bound.resource(), reporter));
      }
      checked.add(new Checked(input, reporter.report().findings()));
    }
    return new Result(checked, problems);
  }

  /** The finding as the settings report it, on its construct's path, or not at all when its rule is off. */
  private void settled(Finding finding, ResourceLocation resource, FindingReporter<String> reporter) {
    settings.apply(finding).ifPresent(f -> reporter.report(resource.constructPath(), f, resource));
  }
}
