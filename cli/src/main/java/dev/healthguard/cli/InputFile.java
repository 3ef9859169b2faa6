package dev.healthguard.cli;

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
 */
record InputFile(String name, String kind, int taskDefinitions, List<Located> targets, List<ReportedFinding> unknown) {

  InputFile {
    targets = List.copyOf(targets);
    unknown = List.copyOf(unknown);
  }
}
