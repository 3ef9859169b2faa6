package dev.healthguard.rules;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks targets and service bindings against the rules, profiling each distinct image and analysing each distinct
 * command once. Holds no CDK types, so both entry points (the aspect and the validation plugin)
 * share it.
 */
public final class TargetChecker {

  /** Below this many distinct images a second thread costs more than it saves. */
  static final int AHEAD_MINIMUM = 16;

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

  /**
   * Profiles the images of these targets before they are checked, half of them on a second
   * thread, so that {@link #check} finds them ready. The validation plugin checks a whole assembly
   * inside one call from node, which waits meanwhile: both cores are the guard's. Nothing is done
   * when profiles may ask a registry ({@link ImageProfiler#looksUp}), or for fewer than
   * {@value #AHEAD_MINIMUM} distinct images.
   */
  public void profileAhead(List<Target> targets) {
    if (profiler.looksUp()) {
      return;
    }
    List<Target> distinct = new ArrayList<>(targets.stream()
        .collect(Collectors.toMap(t -> List.of(t.image(), platform(t)), t -> t, (a, b) -> a, LinkedHashMap::new))
        .values());
    if (distinct.size() < AHEAD_MINIMUM) {
      return;
    }
    Thread second = new Thread(() -> profileEvery(distinct, 1), "healthguard-profile");
    second.setDaemon(true);
    second.start();
    profileEvery(distinct, 0);
    try {
      second.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // check() profiles whatever is left
    }
  }

  private void profileEvery(List<Target> targets, int first) {
    for (int i = first; i < targets.size(); i += 2) {
      Target target = targets.get(i);
      try {
        profiler.profile(target.image(), platform(target));
      } catch (RuntimeException e) {
        // check() meets it again, on the main thread, and reports it as it always does
      }
    }
  }

  private static String platform(Target target) {
    return "ARM64".equalsIgnoreCase(target.cpuArchitecture()) ? "linux/arm64" : "linux/amd64";
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
    return new Subject(target, profiler.profile(target.image(), platform(target)), command);
  }

  public RuleRunner rules() {
    return rules;
  }

  /** How many distinct images were profiled. */
  public int imagesProfiled() {
    return profiler.profiled();
  }
}
