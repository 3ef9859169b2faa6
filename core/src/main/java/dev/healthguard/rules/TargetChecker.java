package dev.healthguard.rules;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks targets and service bindings against the rules, profiling each distinct image and analysing each distinct
 * command once. Holds no CDK types, so both entry points (the aspect and the validation plugin)
 * share it.
 */
public final class TargetChecker {

  private final ImageProfiler profiler;
  private final RuleRunner rules = new RuleRunner(Rules.all());
  private final Map<List<String>, CommandAnalysis> commands = new HashMap<>();

  public TargetChecker(ImageProfiler profiler) {
    this.profiler = profiler;
  }

  public List<Finding> check(Target target) {
    return check(subject(target));
  }

  public List<Finding> check(Subject subject) {
    return rules.run(subject);
  }

  /** The rules on a service's binding to a target group (HG011); no image is profiled for it. */
  public List<Finding> check(ServiceBinding binding) {
    return rules.run(binding);
  }

  /** The target with its image's profile and its analysed command. */
  public Subject subject(Target target) {
    CommandAnalysis command = target.healthCheck() == null
        ? null
        : commands.computeIfAbsent(target.healthCheck().command(), CommandAnalyzer::analyze);
    String platform = "ARM64".equalsIgnoreCase(target.cpuArchitecture()) ? "linux/arm64" : "linux/amd64";
    return new Subject(target, profiler.profile(target.image(), platform), command);
  }

  public RuleRunner rules() {
    return rules;
  }

  /** How many distinct images were profiled. */
  public int imagesProfiled() {
    return profiler.profiled();
  }
}
