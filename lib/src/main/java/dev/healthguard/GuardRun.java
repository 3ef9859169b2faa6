package dev.healthguard;

import dev.healthguard.report.AnnotationReporter;
import dev.healthguard.cdk.BoundService;
import dev.healthguard.cdk.ChangeWriter;
import dev.healthguard.cdk.ContainerTarget;
import dev.healthguard.cdk.TreeReader;
import dev.healthguard.fix.Remedy;
import dev.healthguard.fix.RemedyPlanner;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.Subject;
import java.util.Optional;
import dev.healthguard.rules.TargetChecker;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.constructs.IConstruct;

/**
 * One synth's worth of guarding: each task definition checked once, each distinct image profiled
 * once, each distinct command analysed once. The tree is read through {@link TreeReader} and
 * changed through {@link ChangeWriter}; what lies between is plain values and the core's rules.
 */
final class GuardRun {

  private final GuardSettings settings;
  private final TreeReader reader = new TreeReader();
  private TargetChecker checker;
  private RemedyPlanner planner;
  private ChangeWriter writer;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, List<String>> errorsByStack = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private int containers;

  GuardRun(GuardSettings settings) {
    this.settings = settings;
  }

  void check(CfnTaskDefinition taskDefinition) {
    if (!seen.add(taskDefinition.getNode().getPath())) {
      return;
    }
    GuardMode mode = settings.modeAt(taskDefinition);
    TargetChecker checker = checker(taskDefinition);
    List<ContainerTarget> targets;
    try {
      targets = reader.containers(taskDefinition);
    } catch (RuntimeException e) {
      Annotations.of(taskDefinition).addWarningV2("Annotation::HG000",
          "[HG000] HealthGuard could not read task definition " + taskDefinition.getNode().getPath()
              + " (" + e.getMessage() + "); its health checks are not verified.");
      return;
    }
    for (ContainerTarget containerTarget : targets) {
      containers++;
      List<Finding> found = checker.check(containerTarget.target());
      if (mode == GuardMode.FIX) {
        found = fix(taskDefinition, containerTarget, found);
      }
      for (Finding finding : found) {
        Finding reported = mode.apply(finding);
        findings.add(reported);
        if (AnnotationReporter.report(containerTarget.construct(), reported) && settings.throwOnErrors()) {
          failSynth(taskDefinition, reported);
        }
      }
    }
  }

  /**
   * Compares a service's target-group health check and grace period with its container's check
   * (HG011), and in fix mode aligns them. Any other node costs only {@code instanceof} checks.
   */
  void checkService(IConstruct node) {
    List<BoundService> bindings = reader.services(node);
    if (bindings.isEmpty()) {
      return;
    }
    GuardMode mode = settings.modeAt(node);
    for (BoundService bound : bindings) {
      if (mode == GuardMode.FIX) {
        // Fix the service's task first, so the binding compares the check as it will be deployed.
        check(bound.taskDefinition());
        bound = reader.reread(bound);
      }
      List<Finding> found = checker(node).check(bound.binding());
      IConstruct on = bound.service();
      if (mode == GuardMode.FIX && !found.isEmpty()) {
        for (String change : writer().align(bound)) {
          Finding fixed = new Finding(found.get(0).ruleId(), Severity.INFO, bound.binding().container(), found.get(0).image(),
              "fixed (" + found.get(0).ruleId() + "): " + change + ".", found.get(0).evidence(), null);
          findings.add(fixed);
          AnnotationReporter.report(on, fixed);
        }
        continue;
      }
      for (Finding finding : found) {
        findings.add(finding);
        AnnotationReporter.report(on, mode.apply(finding));
      }
    }
  }

  /**
   * Applies the safe remedy, if any, and returns what is left to report: the findings of the fixed
   * target plus an info per change, or the original findings with the reason nothing was done.
   */
  private List<Finding> fix(CfnTaskDefinition taskDefinition, ContainerTarget at, List<Finding> found) {
    Subject subject = checker.subject(at.target());
    Optional<Remedy> remedy = planner().plan(subject, found);
    if (remedy.isEmpty()) {
      return found;
    }
    Optional<ChangeWriter.Applied> applied = Optional.empty();
    String why = remedy.get().why();
    if (!(remedy.get() instanceof Remedy.None)) {
      try {
        applied = writer().apply(at, remedy.get());
      } catch (IllegalArgumentException e) {
        why = e.getMessage();
      }
    }
    if (applied.isEmpty()) {
      String reason = why;
      return found.stream()
          .map(f -> f.severity() == Severity.ERROR ? f.withNote("Fix mode left it: no safe remedy (" + reason + ").") : f)
          .toList();
    }
    List<Finding> after = new ArrayList<>(checker.check(applied.get().target().target()));
    String ids = String.join(", ", found.stream().map(Finding::ruleId).distinct().toList());
    for (String change : applied.get().changes()) {
      after.add(new Finding(found.get(0).ruleId(), Severity.INFO, at.target(), subject.image().image(),
          "fixed (" + ids + "): " + change + ".", found.get(0).evidence(), null));
    }
    return after;
  }

  /** One checker per synth, made with the settings at the first node that needs it. */
  private TargetChecker checker(IConstruct scope) {
    if (checker == null) {
      checker = new TargetChecker(settings.profilerAt(scope));
    }
    return checker;
  }

  private ChangeWriter writer() {
    if (writer == null) {
      writer = new ChangeWriter(reader, settings.probeMode(), settings.probeImage());
    }
    return writer;
  }

  private RemedyPlanner planner() {
    if (planner == null) {
      planner = new RemedyPlanner(checker.rules());
    }
    return planner;
  }

  private void failSynth(CfnTaskDefinition taskDefinition, Finding finding) {
    Stack stack = Stack.of(taskDefinition);
    List<String> errors = errorsByStack.computeIfAbsent(stack.getNode().getPath(), path -> {
      List<String> list = new ArrayList<>();
      // node.addValidation makes app.synth() throw ValidationFailedWithErrors (cdk-java.md §4).
      stack.getNode().addValidation(() -> List.copyOf(list));
      return list;
    });
    errors.add(finding.message());
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  GuardStatistics statistics() {
    return new GuardStatistics(seen.size(), containers, checker == null ? 0 : checker.imagesProfiled());
  }

}
