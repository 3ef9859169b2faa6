package dev.healthguard.cdk;

import dev.healthguard.GuardMode;
import dev.healthguard.GuardStatistics;
import dev.healthguard.report.AnnotationReporter;
import dev.healthguard.rules.Finding;
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

/**
 * One synth's worth of guarding: each task definition checked once, each distinct image profiled
 * once, each distinct command analysed once. Public only so the aspect in the root package can
 * hold it.
 */
public final class GuardRun {

  private final GuardSettings settings;
  private final TaskDefinitionInspector inspector = new TaskDefinitionInspector();
  private TargetChecker checker;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, List<String>> errorsByStack = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private int containers;

  public GuardRun(GuardSettings settings) {
    this.settings = settings;
  }

  public void check(CfnTaskDefinition taskDefinition) {
    if (!seen.add(taskDefinition.getNode().getPath())) {
      return;
    }
    GuardMode mode = settings.modeAt(taskDefinition);
    if (checker == null) {
      checker = new TargetChecker(settings.profilerAt(taskDefinition));
    }
    List<ContainerTarget> targets;
    try {
      targets = inspector.inspect(taskDefinition);
    } catch (RuntimeException e) {
      Annotations.of(taskDefinition).addWarningV2("Annotation::HG000",
          "[HG000] HealthGuard could not read task definition " + taskDefinition.getNode().getPath()
              + " (" + e.getMessage() + "); its health checks are not verified.");
      return;
    }
    for (ContainerTarget containerTarget : targets) {
      containers++;
      for (Finding finding : checker.check(containerTarget.target())) {
        Finding reported = mode.apply(finding);
        findings.add(reported);
        if (AnnotationReporter.report(containerTarget.construct(), reported) && settings.throwOnErrors()) {
          failSynth(taskDefinition, reported);
        }
      }
    }
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

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  public GuardStatistics statistics() {
    return new GuardStatistics(seen.size(), containers, checker == null ? 0 : checker.imagesProfiled());
  }

}
