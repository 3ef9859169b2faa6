package dev.healthguard.cli;

import dev.healthguard.report.Acknowledgements;
import dev.healthguard.report.ReportedFinding;
import java.util.List;

/**
 * What one input holds.
 *
 * @param name the input as the user named it, for messages
 * @param kind what it was read as, e.g. {@code Terraform plan}
 * @param taskDefinitions how many task definitions it holds
 * @param targets their containers
 * @param unknown findings about task definitions whose containers are not known before deploy
 *     (Terraform's unknown-after-apply), which no rule can see
 * @param bindings the target groups of its load-balanced services, for HG011 (templates only)
 * @param acknowledgements what the input acknowledges, by construct path ({@code cdk.out} only)
 */
record InputFile(String name, String kind, int taskDefinitions, List<Located> targets, List<ReportedFinding> unknown,
    List<LocatedBinding> bindings, Acknowledgements.Scopes<String> acknowledgements) {

  /** Acknowledges nothing: only a cloud assembly records acknowledgements. */
  private static final Acknowledgements.Scopes<String> NONE = Acknowledgements.InAssembly.stacksOnly();

  InputFile {
    targets = List.copyOf(targets);
    unknown = List.copyOf(unknown);
    bindings = List.copyOf(bindings);
  }

  /** A template: it holds no acknowledgements. */
  InputFile(String name, String kind, int taskDefinitions, List<Located> targets, List<ReportedFinding> unknown,
      List<LocatedBinding> bindings) {
    this(name, kind, taskDefinitions, targets, unknown, bindings, NONE);
  }

  /** An input without load-balanced services: a task definition or a Terraform plan. */
  InputFile(String name, String kind, int taskDefinitions, List<Located> targets, List<ReportedFinding> unknown) {
    this(name, kind, taskDefinitions, targets, unknown, List.of());
  }
}
