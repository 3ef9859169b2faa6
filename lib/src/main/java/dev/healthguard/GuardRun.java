package dev.healthguard;

import dev.healthguard.cdk.BoundService;
import dev.healthguard.cdk.ChangeWriter;
import dev.healthguard.cdk.ContainerTarget;
import dev.healthguard.cdk.TreeReader;
import dev.healthguard.fix.Remedy;
import dev.healthguard.fix.RemedyPlanner;
import dev.healthguard.image.FileLine;
import dev.healthguard.report.FindingReporter;
import dev.healthguard.report.Report;
import dev.healthguard.report.ReportedFix;
import dev.healthguard.report.ResourceLocation;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleSettings;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.Subject;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.constructs.IConstruct;

/**
 * One synth's worth of guarding: each task definition checked once, each distinct image profiled
 * once, each distinct command analysed once. The tree is read through {@link TreeReader} and
 * changed through {@link ChangeWriter}; what lies between is plain values and the core's rules.
 */
final class GuardRun {

  private final GuardSettings settings;
  private final boolean asAspect;
  private final FindingReporter<IConstruct> reporter;
  private final TreeReader reader = new TreeReader();
  private TargetChecker checker;
  private RemedyPlanner planner;
  private ChangeWriter writer;
  private final Set<String> seen = new HashSet<>();
  private final WrittenStacks written = new WrittenStacks();
  /** Fix mode's task definitions by the path of their L1, until their stack's check. */
  private final Map<String, HeldReport> heldReports = new java.util.LinkedHashMap<>();
  /** Whether the CDK is writing the assembly: no stack can be hooked any more. */
  private boolean synthesizing;
  private final List<String> errorsToThrow = new ArrayList<>();
  private final Set<String> settingProblems = new HashSet<>();
  private boolean filesHooked;
  private ReportHook reportHook;
  private Path reportDir;
  private int containers;

  /** The aspect's run: annotations, fix mode, and the report files after the last stack's check. */
  GuardRun(GuardSettings settings) {
    this(settings, true);
  }

  private GuardRun(GuardSettings settings, boolean asAspect) {
    this.settings = settings;
    this.asAspect = asAspect;
    this.reporter = new FindingReporter<>(asAspect ? new AnnotationOutput() : FindingReporter.silent(),
        TreeReader.ACKNOWLEDGEMENTS);
  }

  /**
   * A run that only reads: no annotation, no change to the app (fix mode reports what enforce mode
   * would), no file. For {@code HealthCheckGuard.validateScope}.
   */
  static GuardRun readOnly(GuardSettings settings) {
    return new GuardRun(settings, false);
  }

  /**
   * The aspect's visit of a task definition. In fix mode it is read and changed now, before synth;
   * in any other mode it waits for its stack's check, which reads it from the template the synth
   * writes ({@link WrittenStacks}).
   */
  public void visit(CfnTaskDefinition taskDefinition) {
    if (settings.modeAt(taskDefinition) == GuardMode.FIX) {
      check(taskDefinition);
    } else {
      written.defer(taskDefinition, this);
    }
  }

  /** The aspect's visit of a stack: its check is hooked into the synth. */
  public void visit(Stack stack) {
    if (asAspect) {
      written.stack(stack, this);
      hookReportFiles(stack);
    }
  }

  /**
   * Checks one stack's deferred task definitions from its written template; called by the CDK
   * while it collects the stack's metadata. After the last stack it writes the report files. With
   * {@code throwOnErrors}, errors found now make the synth throw: the CDK validated the tree
   * before it wrote the templates.
   */
  void checkWritten(Stack stack) {
    synthesizing = true;
    try {
      written.check(stack, this);
    } finally {
      if (written.done(stack)) {
        reportUnwritten();
        writeReportFiles(stack);
      }
    }
    if (!errorsToThrow.isEmpty()) {
      String errors = String.join("\n  ", errorsToThrow);
      errorsToThrow.clear();
      throw new IllegalStateException("HealthGuard found errors (throwOnErrors is on):\n  " + errors);
    }
  }

  /** Reads and checks a task definition from the tree now. */
  public void check(CfnTaskDefinition taskDefinition) {
    check(taskDefinition, null);
  }

  /** Whether the task definition at this path (its L2's or its L1's) was checked already. */
  boolean checked(String path) {
    return seen.contains(path) || seen.contains(path + "/Resource");
  }

  /** Counts a task definition its written template shows clean: nothing to report, nothing to ask node. */
  void countClean(String path, int containerCount) {
    seen.add(path);
    containers += containerCount;
  }

  GuardSettings settings() {
    return settings;
  }

  /**
   * Checks a task definition and reports on its constructs.
   *
   * @param read its containers as already read (from the written template), or null to read them from the tree
   */
  void check(CfnTaskDefinition taskDefinition, List<ContainerTarget> read) {
    if (!seen.add(taskDefinition.getNode().getPath())) {
      return;
    }
    hookReportFiles(taskDefinition);
    GuardMode mode = settings.modeAt(taskDefinition);
    boolean fixing = mode == GuardMode.FIX && asAspect;
    RuleSettings rules = rules(taskDefinition);
    TargetChecker checker = checker(taskDefinition);
    // Where findings sit is read only when there is one: each read is a round trip to node.
    Lazy<IConstruct> task = new Lazy<>(() -> taskDefinition.getNode().getScope() instanceof TaskDefinition l2 ? l2 : taskDefinition);
    Lazy<Resource> resource = new Lazy<>(() -> resource(taskDefinition));
    List<ContainerTarget> targets;
    try {
      targets = read != null ? read : reader.containers(taskDefinition);
    } catch (RuntimeException e) {
      notVerified(taskDefinition, "could not read this task definition", e);
      return;
    }
    List<ReportedFix> changes = new ArrayList<>();
    List<Held> held = new ArrayList<>();
    for (ContainerTarget containerTarget : targets) {
      containers++;
      Lazy<ResourceLocation> where = new Lazy<>(
          () -> resource.get().at(containerTarget.construct().getNode().getPath(), containerTarget.index()));
      List<Finding> found = checker.check(containerTarget.target()).stream().filter(f -> !rules.isOff(f.ruleId())).toList();
      List<Finding> notes = List.of();
      ContainerTarget deployed = containerTarget;
      if (fixing) {
        Fixed fixed = fix(taskDefinition, containerTarget, found);
        found = fixed.remaining().stream().filter(f -> !rules.isOff(f.ruleId())).toList();
        notes = fixed.notes();
        deployed = fixed.target();
        for (String change : fixed.changes()) {
          changes.add(new ReportedFix(fixed.ruleIds(), containerTarget.target().taskDefinition(),
              containerTarget.target().container(), change, where.get()));
        }
      }
      held.add(new Held(deployed, found, notes, where));
    }
    HeldReport report = new HeldReport(taskDefinition, mode, rules, held, changes, task);
    if (fixing) {
      heldReports.put(taskDefinition.getNode().getPath(), report); // judged against the written template
      written.fixed(taskDefinition);
    } else {
      report(report, null);
    }
  }

  /** One container's findings and fix notes, as fix mode left them, waiting for the written template. */
  private record Held(ContainerTarget target, List<Finding> found, List<Finding> notes, Lazy<ResourceLocation> where) {}

  /** A task definition's reports, held in fix mode until its stack's template is written. */
  private record HeldReport(CfnTaskDefinition taskDefinition, GuardMode mode, RuleSettings rules, List<Held> containers,
      List<ReportedFix> changes, Lazy<IConstruct> task) {}

  /**
   * Reports what fix mode found in a task definition, now that its template is written. A container
   * whose deployed command differs from the one fix mode read and left is judged by the deployed
   * one: an escape hatch on the L1 set it, and fix mode does not change those.
   *
   * @param written the task definition's containers as the template deploys them, or null to
   *     report as fix mode left them
   */
  private void report(HeldReport held, List<Target> written) {
    for (Held container : held.containers()) {
      List<Finding> found = container.found();
      ContainerTarget at = container.target();
      Target deployed = written == null ? null : written.stream()
          .filter(t -> t.container().equals(at.target().container())).findFirst().orElse(null);
      if (written != null && deployed == null) {
        continue; // the template does not deploy this container
      }
      if (deployed != null && !command(deployed).equals(command(at.target()))) {
        Target judged = at.target().withHealthCheck(deployed.healthCheck());
        found = checker.check(judged).stream().filter(f -> !held.rules().isOff(f.ruleId()))
            .map(f -> f.severity() == Severity.ERROR ? f.withNote(ESCAPE_HATCH) : f).toList();
      }
      for (Finding finding : found) {
        Optional<Finding> set = held.rules().apply(finding);
        if (set.isEmpty()) {
          continue;
        }
        Finding reported = held.mode().apply(set.get());
        if (reporter.report(at.construct(), reported, container.where().get()) && settings.throwOnErrors() && asAspect) {
          failSynth(held.taskDefinition(), reported);
        }
      }
      for (Finding note : container.notes()) {
        reporter.report(at.construct(), note, container.where().get()); // the info per change, as before
      }
    }
    if (!held.changes().isEmpty()) {
      reporter.fixed(held.task().get(), held.changes().get(0).taskDefinition(), held.changes());
    }
  }

  private static List<String> command(Target target) {
    return target.healthCheck() == null ? List.of() : target.healthCheck().command();
  }

  static final String ESCAPE_HATCH = "Fix mode left it: the deployed check comes from an escape hatch on the L1 "
      + "(addPropertyOverride, or an L1 property set after the L2), which fix mode leaves as it is.";

  /**
   * Reports a task definition fix mode changed during the visits, judged by its written template,
   * once; {@code path} is its L2's or its L1's.
   */
  void reportFixed(String path, List<Target> written) {
    HeldReport held = heldReports.remove(path + "/Resource");
    if (held == null) {
      held = heldReports.remove(path);
    }
    if (held != null) {
      report(held, written);
    }
  }

  /** Reports, as fix mode left them, the task definitions no written template showed. */
  private void reportUnwritten() {
    List<HeldReport> left = List.copyOf(heldReports.values());
    heldReports.clear();
    left.forEach(held -> report(held, null));
  }

  /** Reports, as an HG000 warning on the task definition, why its health checks are not verified. */
  void notVerified(CfnTaskDefinition taskDefinition, String what, RuntimeException cause) {
    seen.add(taskDefinition.getNode().getPath());
    IConstruct task = taskDefinition.getNode().getScope() instanceof TaskDefinition l2 ? l2 : taskDefinition;
    String taskPath = task.getNode().getPath();
    reporter.problem(task, taskPath, null, "HealthGuard " + what + " (" + Causes.brief(cause)
        + "); its health checks are not verified.", resource(taskDefinition).at(taskPath, null));
  }

  /** A value read once, when first needed. */
  private static final class Lazy<T> {
    private final java.util.function.Supplier<T> read;
    private T value;
    private boolean done;

    Lazy(java.util.function.Supplier<T> read) {
      this.read = read;
    }

    T get() {
      if (!done) {
        value = read.get();
        done = true;
      }
      return value;
    }
  }

  /**
   * Compares a service's target-group health check and grace period with its container's check
   * (HG011), and in fix mode aligns them. Any other node costs only {@code instanceof} checks.
   */
  void checkService(IConstruct node) {
    List<BoundService> bindings;
    try {
      bindings = reader.services(node);
    } catch (RuntimeException e) {
      hookReportFiles(node);
      String path = node.getNode().getPath();
      reporter.problem(node, path, null, "HealthGuard could not read this service's load balancer wiring (" + Causes.brief(e)
          + "); its target-group health checks are not compared.", new ResourceLocation(path, null, null, null));
      return;
    }
    if (bindings.isEmpty()) {
      return;
    }
    hookReportFiles(node);
    GuardMode mode = settings.modeAt(node);
    RuleSettings rules = rules(node);
    for (BoundService bound : bindings) {
      if (mode == GuardMode.FIX && asAspect) {
        // Fix the service's task first, so the binding compares the check as it will be deployed.
        check(bound.taskDefinition());
        bound = reader.reread(bound);
      }
      List<Finding> found = checker(node).check(bound.binding()).stream().filter(f -> !rules.isOff(f.ruleId())).toList();
      IConstruct on = bound.service();
      ResourceLocation where = new ResourceLocation(on.getNode().getPath(), null,
          on.getNode().getDefaultChild() instanceof CfnResource cfn ? Stack.of(cfn).resolve(cfn.getLogicalId()).toString() : null,
          null);
      if (mode == GuardMode.FIX && asAspect && !found.isEmpty()) {
        String id = found.get(0).ruleId();
        List<ReportedFix> changes = new ArrayList<>();
        for (String change : writer().align(bound)) {
          Finding fixed = new Finding(id, Severity.INFO, bound.binding().container(), found.get(0).image(),
              "fixed (" + id + "): " + change + ".", found.get(0).evidence(), null);
          changes.add(new ReportedFix(List.of(id), bound.binding().container().taskDefinition(),
              bound.binding().container().container(), change, where));
          reporter.report(on, fixed, where);
        }
        reporter.fixed(on, bound.binding().service(), changes);
        continue;
      }
      for (Finding finding : found) {
        rules.apply(finding).ifPresent(f -> reporter.report(on, mode.apply(f), where));
      }
    }
  }

  /** What fix mode left to report: the findings of the fixed target, the info per change, and the ids it answered. */
  private record Fixed(List<Finding> remaining, List<Finding> notes, List<String> changes, List<String> ruleIds,
      ContainerTarget target) {}

  /**
   * Applies the safe remedy, if any: the findings of the fixed target plus an info per change, or
   * the original findings with the reason nothing was done.
   */
  private Fixed fix(CfnTaskDefinition taskDefinition, ContainerTarget at, List<Finding> found) {
    Subject subject = checker.subject(at.target());
    Optional<Remedy> remedy = planner().plan(subject, found);
    if (remedy.isEmpty()) {
      return new Fixed(found, List.of(), List.of(), List.of(), at);
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
      return new Fixed(found.stream()
          .map(f -> f.severity() == Severity.ERROR ? f.withNote("Fix mode left it: no safe remedy (" + reason + ").") : f)
          .toList(), List.of(), List.of(), List.of(), at);
    }
    List<String> ids = found.stream().map(Finding::ruleId).distinct().toList();
    List<Finding> notes = new ArrayList<>();
    for (String change : applied.get().changes()) {
      notes.add(new Finding(found.get(0).ruleId(), Severity.INFO, at.target(), subject.image().image(),
          "fixed (" + String.join(", ", ids) + "): " + change + ".", found.get(0).evidence(), null));
    }
    return new Fixed(checker.check(applied.get().target().target()), notes, applied.get().changes(), ids,
        applied.get().target());
  }

  /** One checker per synth, made with the settings at the first node that needs it. */
  TargetChecker checker(IConstruct scope) {
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

  /** The per-rule settings at a scope; a setting that cannot be read is an HG000 warning, once. */
  private RuleSettings rules(IConstruct scope) {
    RuleSettings.Parsed parsed = settings.rulesAt(scope);
    for (String problem : parsed.problems()) {
      if (settingProblems.add(problem)) {
        IConstruct on = scope instanceof CfnTaskDefinition cfn && cfn.getNode().getScope() instanceof TaskDefinition l2 ? l2 : scope;
        reporter.problem(on, RuleSettings.CONTEXT_KEY, null, FindingReporter.settingProblem(problem),
            new ResourceLocation(on.getNode().getPath(), null, null, null));
      }
    }
    return parsed.settings();
  }

  /** The template and logical id of a task definition, for report locations. */
  private record Resource(String templateFile, String logicalId) {
    ResourceLocation at(String constructPath, Integer containerIndex) {
      return new ResourceLocation(constructPath, templateFile, logicalId, containerIndex);
    }
  }

  private final Map<Stack, String> templates = new java.util.IdentityHashMap<>();

  private Resource resource(CfnTaskDefinition cfn) {
    try {
      Stack stack = Stack.of(cfn);
      String template = templates.computeIfAbsent(stack, s -> {
        Stage stage = Stage.of(s);
        return stage == null ? null : FileLine.appPath(Path.of(stage.getOutdir(), s.getTemplateFile()));
      });
      return new Resource(template, String.valueOf(stack.resolve(cfn.getLogicalId())));
    } catch (RuntimeException e) {
      return new Resource(null, null); // a location is a convenience; the finding still counts
    }
  }

  /**
   * Sets up {@code healthguard.sarif} and {@code healthguard.json} for this synth: they are written
   * after the last stack's check ({@link #checkWritten}), the one synth-wide moment an aspect gets
   * once every finding is known (the lack of one is why cdk-nag declined SARIF,
   * cdklabs/cdk-nag#1144). A guard added below the stacks hooks the stack of the first node it meets.
   */
  private void hookReportFiles(IConstruct node) {
    if (filesHooked || !asAspect) {
      return;
    }
    filesHooked = true;
    IConstruct root = node.getNode().getRoot();
    if (!(root instanceof Stage stage)) {
      return;
    }
    if (!synthesizing) {
      written.hookStackOf(node, this);
    }
    reportDir = Path.of(stage.getOutdir());
    reportHook = HOOKS.get(root);
    if (reportHook != null) {
      reportHook.follow(reporter);
    } else {
      reportHook = new ReportHook(reporter);
      HOOKS.put(root, reportHook);
    }
  }

  /**
   * Writes the report files. The last stack's own metadata is being collected as this runs, so a
   * warning goes on its first construct, whose metadata is collected next.
   */
  private void writeReportFiles(Stack last) {
    if (reportHook == null) {
      return;
    }
    ReportFiles.write(reportHook.report(), reportDir).ifPresent(why -> {
      String message = "[HG000] HealthGuard could not write " + ReportFiles.SARIF + " and " + ReportFiles.JSON + " (" + why + ").";
      System.err.println(message);
      last.getNode().getChildren().stream().findFirst()
          .ifPresent(first -> Annotations.of(first).addWarningV2("Annotation::HG000", message));
    });
  }

  /** What each app's report files hold across its synths. */
  private static final Map<IConstruct, ReportHook> HOOKS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * What an app's report files hold: the latest run's findings. A test that synthesizes twice
   * ({@code Annotations.fromStack} synthesizes again) runs the aspect twice, and the second run
   * finds nothing left to fix, so the fixes of earlier runs are kept: they are still in the app.
   */
  private static final class ReportHook {
    private FindingReporter current;
    private final List<ReportedFix> earlierFixes = new ArrayList<>();

    ReportHook(FindingReporter current) {
      this.current = current;
    }

    synchronized void follow(FindingReporter next) {
      earlierFixes.addAll(current.report().fixes());
      current = next;
    }

    synchronized Report report() {
      Report latest = current.report();
      List<ReportedFix> fixes = new ArrayList<>(earlierFixes);
      fixes.addAll(latest.fixes());
      return new Report(latest.findings(), fixes);
    }
  }

  /** With {@code throwOnErrors}, an error makes the stack's check throw once it is done ({@link #checkWritten}). */
  private void failSynth(CfnTaskDefinition taskDefinition, Finding finding) {
    errorsToThrow.add("[" + Stack.of(taskDefinition).getNode().getPath() + "] " + finding.message());
  }


  List<Finding> findings() {
    return reporter.findings();
  }

  /** The findings, acknowledgements and fixes of this run. */
  Report report() {
    return reporter.report();
  }

  GuardStatistics statistics() {
    return new GuardStatistics(seen.size(), containers, checker == null ? 0 : checker.imagesProfiled());
  }
}
