package dev.healthguard;

import dev.healthguard.cdk.TreeReader;
import dev.healthguard.image.FileLine;
import dev.healthguard.image.ImageRef;
import dev.healthguard.report.Acknowledgements;
import dev.healthguard.report.FindingReporter;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.report.ResourceLocation;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleSettings;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.StackMetadata;
import dev.healthguard.template.TemplateService;
import dev.healthguard.template.TemplateTaskDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.constructs.IConstruct;

/**
 * The validation-plugin entry point: checks the synthesized cloud assembly instead of the construct
 * tree. It costs one call from node per synth (per environment, when stacks have several), where an
 * aspect costs one per construct, and it reads the asset manifests, which hold each image asset's
 * Dockerfile, target and build args.
 *
 * <p>Everything it needs of the app comes from files: templates, asset manifests, and the stacks'
 * metadata ({@link StackMetadata}: construct paths by logical id, and acknowledgements). That is
 * not only cheaper. jsii serves every call Java makes to node during a callback one level deeper
 * on node's stack, and the whole check is one callback: about 2,600 calls overflow node's stack
 * (measured on aws-cdk-lib 2.263, node 20), the CDK reports "Maximum call stack size exceeded" and
 * the jsii kernel cannot answer again. Reading a 500-task-definition app from the tree took some
 * 11,000 calls.
 *
 * <p>The tree is read only for findings, and at most for {@value #TREE_READS} task definitions per
 * callback: each finding's container construct, and the directory its image asset was staged from,
 * so evidence points at {@code docker/api/Dockerfile} rather than at {@code cdk.out/asset.<hash>}.
 * Past that bound a finding sits on {@code <task definition>/<container name>} and names the staged
 * copy; what it finds and what is acknowledged stay the same.
 */
final class AssemblyCheck {

  /** Task definitions with findings looked up in the tree per callback: some 12 calls each. */
  static final int TREE_READS = 100;

  private final UnaryOperator<Finding> afterMode;
  private final FindingReporter<String> reporter;
  private final Acknowledgements.InAssembly scopes = new Acknowledgements.InAssembly(this::aboveStacks);
  private final Set<String> templatesSeen = new HashSet<>();
  private final Set<String> settingProblems = new HashSet<>();
  private final Map<String, Map<String, ContainerDefinition>> containersByTask = new HashMap<>();
  /** Assets checked again from their source directory: each is one image, profiled twice. */
  private final Set<String> readFromSource = new HashSet<>();
  private IConstruct app;
  private TargetChecker checker;
  private int taskDefinitions;
  private int containers;

  public AssemblyCheck() {
    this(UnaryOperator.identity());
  }

  /** @param afterMode applied to each finding after the mode (a nested Stage's note in fix mode) */
  AssemblyCheck(UnaryOperator<Finding> afterMode) {
    this.afterMode = afterMode;
    this.reporter = new FindingReporter<>(FindingReporter.silent(), scopes);
  }

  /** Whether this check has already seen one of these stacks, i.e. a new synth began. */
  public boolean isNewSynth(IPolicyValidationContext context) {
    return app != null && (app != context.getAppConstruct()
        || context.getStackTemplates().stream().anyMatch(s -> templatesSeen.contains(s.getTemplatePath())));
  }

  public PolicyValidationPluginReport validate(IPolicyValidationContext context, GuardSettings settings) {
    app = context.getAppConstruct();
    GuardMode mode = settings.modeAt(app);
    if (checker == null) {
      checker = new TargetChecker(settings.profilerAt(app));
    }
    List<PolicyViolation> violations = new ArrayList<>();
    RuleSettings rules = rules(settings, violations, context);
    String account = context.getAccountId();
    String region = context.getRegion();
    int[] treeReads = {TREE_READS};
    boolean errors = false;
    Path outdir = null;
    // Read every stack first, so that the images of the whole assembly are profiled at once.
    List<StackRead> read = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    for (PolicyValidationStack stack : context.getStackTemplates()) {
      String templatePath = stack.getTemplatePath();
      String stackPath = stack.getStackConstructPath();
      Path template = Path.of(templatePath);
      outdir = template.toAbsolutePath().getParent();
      templatesSeen.add(templatePath);
      CloudTemplate document = parse(template);
      if (document == null) {
        int before = reporter.count();
        reporter.problem(stackPath, stackPath, null,
            "HealthGuard could not read the template " + FileLine.appPath(template) + "; its health checks are not verified.",
            new ResourceLocation(stackPath, FileLine.appPath(template), null, null));
        reporter.since(before).stream().filter(f -> !f.acknowledged())
            .forEach(f -> violations.add(appViolation(f.finding(), context)));
        continue;
      }
      StackMetadata metadata = StackMetadata.beside(template);
      scopes.stack(stackPath, metadata);
      document = document.withPaths(metadata.paths());
      AssetManifest assets = AssetManifest.beside(template);
      List<TemplateTaskDefinition> tasks = new ArrayList<>();
      for (TemplateTaskDefinition task : document.taskDefinitions(stackPath, assets::dockerImage)) {
        List<Target> containers = task.containers().stream().map(t -> withAccount(t, account, region)).toList();
        tasks.add(new TemplateTaskDefinition(task.logicalId(), containers));
        targets.addAll(containers);
      }
      read.add(new StackRead(stackPath, template, document, metadata, assets, tasks));
    }
    checker.profileAhead(targets);

    for (StackRead stack : read) {
      String appTemplate = FileLine.appPath(stack.template());
      for (TemplateTaskDefinition taskDefinition : stack.tasks()) {
        taskDefinitions++;
        String l1Path = stack.metadata().pathOf(taskDefinition.logicalId()).orElse(null);
        for (int index = 0; index < taskDefinition.containers().size(); index++) {
          containers++;
          Target target = taskDefinition.containers().get(index);
          List<Finding> findings = checker.check(target);
          if (findings.isEmpty()) {
            continue;
          }
          String on = containerPath(target, l1Path, treeReads);
          Target fromSource = fromSource(target);
          if (fromSource != target) {
            findings = checker.check(fromSource);
            readFromSource.add(((ImageRef.Asset) target.image()).assetHash());
          }
          ResourceLocation where = new ResourceLocation(on, appTemplate, taskDefinition.logicalId(), index);
          for (Finding finding : findings) {
            errors |= report(on, finding, where, where.propertyPath(), rules, mode, stack.template(), violations);
          }
        }
      }
      // HG011 compares each service's target groups with its container's check, as the aspect does.
      for (TemplateService service : stack.document().services(stack.path(), stack.assets()::dockerImage)) {
        ResourceLocation where = new ResourceLocation(service.path(), appTemplate, service.logicalId(), null);
        for (ServiceBinding binding : service.bindings()) {
          for (Finding finding : checker.check(binding)) {
            errors |= report(service.path(), finding, where, "Properties/LoadBalancers", rules, mode, stack.template(),
                violations);
          }
        }
      }
    }
    if (outdir != null) {
      writeReports(outdir, violations, context);
    }
    return PolicyValidationPluginReport.builder().success(!errors).violations(violations).build();
  }

  /** One stack of the assembly as read from its files. */
  private record StackRead(String path, Path template, CloudTemplate document, StackMetadata metadata,
      AssetManifest assets, List<TemplateTaskDefinition> tasks) {}

  /** An image in the app's ECR named with the account and region of the stacks' environment where its URI leaves them open. */
  private static Target withAccount(Target target, String account, String region) {
    return target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable()
        ? target.withImage(ecr.withDefaults(account, region)) : target;
  }

  /**
   * The construct a container's findings sit on: its container definition, found by name under
   * the L2 task definition, else the task definition itself. Within the bound the tree says which;
   * past it, an L2's containers are taken to be named as their constructs, which is the CDK's default.
   *
   * @param l1Path the task definition's L1 path from the stack's metadata, or null
   */
  private String containerPath(Target target, String l1Path, int[] treeReads) {
    String taskPath = target.taskDefinition();
    boolean l2 = l1Path != null && l1Path.equals(taskPath + "/Resource");
    if (!l2) {
      return taskPath;
    }
    Map<String, ContainerDefinition> byName = containersByTask.get(taskPath);
    if (byName == null && treeReads[0] > 0) {
      treeReads[0]--;
      byName = TreeReader.containersByName(TreeReader.exact(app, taskPath));
      containersByTask.put(taskPath, byName);
    }
    if (byName == null) {
      return taskPath + "/" + target.container();
    }
    ContainerDefinition container = byName.get(target.container());
    return container == null ? taskPath : container.getNode().getPath();
  }

  /**
   * The target with its image asset named by the directory it was staged from, when the tree was
   * read for its task definition: the staged copy in {@code cdk.out/asset.<hash>} has the same
   * Dockerfile (the CDK copies the build context), but no user can open it from a message.
   */
  private Target fromSource(Target target) {
    Map<String, ContainerDefinition> byName = containersByTask.get(target.taskDefinition());
    if (!(target.image() instanceof ImageRef.Asset staged) || byName == null || !byName.containsKey(target.container())) {
      return target;
    }
    ImageRef.Asset source = TreeReader.fromSource(byName.get(target.container()), staged);
    return source == staged ? target : target.withImage(source);
  }

  /**
   * Reports one finding after the settings and the mode; adds a violation for it (and for an HG000
   * it caused) unless an acknowledgement covers it.
   *
   * @return true when it stays an error
   */
  private boolean report(String on, Finding finding, ResourceLocation where, String property, RuleSettings rules,
      GuardMode mode, Path template, List<PolicyViolation> violations) {
    Optional<Finding> set = rules.apply(finding);
    if (set.isEmpty()) {
      return false;
    }
    int before = reporter.count();
    boolean error = reporter.report(on, afterMode.apply(mode.apply(set.get())), where);
    // An HG000 about a refused acknowledgement comes first, then the finding itself.
    for (ReportedFinding entry : reporter.since(before)) {
      if (!entry.acknowledged()) {
        violations.add(violation(entry.finding(), entry.resource(), template, where.logicalId(), property));
      }
    }
    return error;
  }

  private static CloudTemplate parse(Path template) {
    try {
      return CloudTemplate.readJson(template);
    } catch (IOException e) {
      return null;
    }
  }

  public List<Finding> findings() {
    return reporter.findings();
  }

  public dev.healthguard.report.Report report() {
    return reporter.report();
  }

  public int taskDefinitions() {
    return taskDefinitions;
  }

  public int containers() {
    return containers;
  }

  public int imagesProfiled() {
    return checker == null ? 0 : checker.imagesProfiled() - readFromSource.size();
  }

  /**
   * What a scope above every stack (the App, a Stage) acknowledges. The assembly holds only the
   * stacks' metadata, so these few scopes are read from the tree, a few calls each.
   */
  private Acknowledgements.Scope<String> aboveStacks(String path) {
    IConstruct node = path.isEmpty() ? app : TreeReader.exact(app, path);
    return new Acknowledgements.Scope<>(path, node == null ? Map.of() : TreeReader.acknowledged(node),
        Acknowledgements.InAssembly.parentOf(path));
  }

  /** The per-rule settings of the app; one the guard cannot read is an HG000 warning. */
  private RuleSettings rules(GuardSettings settings, List<PolicyViolation> violations, IPolicyValidationContext context) {
    RuleSettings.Parsed parsed = settings.rulesAt(app);
    for (String problem : parsed.problems()) {
      if (settingProblems.add(problem)) {
        int before = reporter.count();
        reporter.problem("", RuleSettings.CONTEXT_KEY, null, FindingReporter.settingProblem(problem), null);
        reporter.since(before).stream()
            .filter(f -> !f.acknowledged())
            .forEach(f -> violations.add(appViolation(f.finding(), context)));
      }
    }
    return parsed.settings();
  }

  /**
   * Writes the report files. A plugin may add files to the assembly but not change one (see
   * {@link ReportFiles}); the ones of an earlier synth are deleted when the guard is created, and
   * any still there are reported instead of overwritten.
   */
  private void writeReports(Path outdir, List<PolicyViolation> violations, IPolicyValidationContext context) {
    if (!writtenTo.contains(outdir) && ReportFiles.writtenHere(outdir)) {
      return; // the aspect wrote them in this synth, from the same app
    }
    if (!writtenTo.contains(outdir) && ReportFiles.stale(outdir)) {
      int before = reporter.count();
      reporter.problem("", "cdk.out", null, "HealthGuard cannot replace " + ReportFiles.SARIF + " and " + ReportFiles.JSON
          + " of an earlier synth in " + FileLine.appPath(outdir) + ": the CDK forbids a validation plugin to change a"
          + " file of the assembly; delete them before the synth (the CDK CLI's synth does, through CDK_OUTDIR).", null);
      reporter.since(before).stream()
          .filter(f -> !f.acknowledged())
          .forEach(f -> violations.add(appViolation(f.finding(), context)));
      return;
    }
    writtenTo.add(outdir);
    ReportFiles.write(reporter.report(), outdir);
  }

  private final Set<Path> writtenTo = new HashSet<>();

  private static PolicyViolation violation(Finding finding, ResourceLocation where, Path template, String logicalId,
      String property) {
    return PolicyViolation.builder()
        // By rule and container: the CDK matches plugin acknowledgements app-wide (see Acknowledgements).
        .ruleName(Acknowledgements.pluginRuleName(finding.ruleId(), finding.target().container()))
        .description(finding.message())
        .fix(finding.fix())
        .severity(finding.severity().name().toLowerCase(Locale.ROOT))
        .violatingResources(List.of(PolicyViolatingResource.builder()
            .resourceLogicalId(logicalId)
            .templatePath(template.toString())
            .constructPath(where.constructPath())
            .locations(property == null ? List.of() : List.of(property))
            .build()))
        .build();
  }

  /** A violation about the app as a whole, located at the first stack's template. */
  private static PolicyViolation appViolation(Finding finding, IPolicyValidationContext context) {
    PolicyValidationStack first = context.getStackTemplates().get(0);
    return PolicyViolation.builder()
        .ruleName(Acknowledgements.pluginRuleName(finding.ruleId(), null))
        .description(finding.message())
        .severity(finding.severity().name().toLowerCase(Locale.ROOT))
        .violatingResources(List.of(PolicyViolatingResource.builder()
            .resourceLogicalId(first.getStackConstructPath())
            .templatePath(first.getTemplatePath())
            .locations(List.of())
            .build()))
        .build();
  }
}
