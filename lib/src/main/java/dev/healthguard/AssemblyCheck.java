package dev.healthguard;

import dev.healthguard.cdk.TreeReader;
import dev.healthguard.image.FileLine;
import dev.healthguard.image.ImageRef;
import dev.healthguard.report.ReportedFinding;
import dev.healthguard.report.ResourceLocation;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleSettings;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.TemplateService;
import dev.healthguard.template.TemplateTaskDefinition;
import dev.healthguard.task.ServiceBinding;
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
import software.amazon.awscdk.AssetStaging;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.constructs.IConstruct;

/**
 * The validation-plugin entry point: checks the synthesized cloud assembly instead of the construct
 * tree. It costs one call from node per synth (per environment, when stacks have several), where an
 * aspect costs one per construct, and it reads the asset manifests, which hold each image asset's
 * Dockerfile, target and build args.
 *
 * <p>The tree is still read for three things the assembly lacks: where each staged asset came from
 * (so findings point at {@code docker/api/Dockerfile}, not at {@code cdk.out/asset.<hash>}), the
 * construct a finding is about (so acknowledgements are scoped as for the aspect), and the
 * construct path of a task definition when the CLI's path metadata is off (a test).
 */
final class AssemblyCheck {

  private final UnaryOperator<Finding> afterMode;
  private final FindingReporter reporter = new FindingReporter(FindingReporter.SILENT);
  private final Set<String> templatesSeen = new HashSet<>();
  private final Set<String> settingProblems = new HashSet<>();
  private IConstruct app;
  private TargetChecker checker;
  private Map<String, Path> sources;
  private int taskDefinitions;
  private int containers;

  public AssemblyCheck() {
    this(UnaryOperator.identity());
  }

  /** @param afterMode applied to each finding after the mode (a nested Stage's note in fix mode) */
  AssemblyCheck(UnaryOperator<Finding> afterMode) {
    this.afterMode = afterMode;
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
    boolean errors = false;
    Path outdir = null;
    for (PolicyValidationStack stack : context.getStackTemplates()) {
      Path template = Path.of(stack.getTemplatePath());
      outdir = template.toAbsolutePath().getParent();
      templatesSeen.add(stack.getTemplatePath());
      StackConstructs constructs = new StackConstructs(app, stack.getStackConstructPath());
      CloudTemplate document = parse(template);
      if (document == null) {
        int before = reporter.count();
        reporter.problem(TreeReader.nearest(app, stack.getStackConstructPath()), stack.getStackConstructPath(), null,
            "HealthGuard could not read the template " + FileLine.appPath(template) + "; its health checks are not verified.",
            new ResourceLocation(stack.getStackConstructPath(), FileLine.appPath(template), null, null));
        reporter.since(before).stream().filter(f -> !f.acknowledged())
            .forEach(f -> violations.add(appViolation(f.finding(), context)));
        continue;
      }
      AssetManifest assets = AssetManifest.beside(template);
      for (Located located : read(document, assets, stack.getStackConstructPath(), constructs)) {
        Target target = located.target();
        if (target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
          target = target.withImage(ecr.withDefaults(context.getAccountId(), context.getRegion()));
        }
        ResourceLocation where = new ResourceLocation(located.on().getNode().getPath(),
            FileLine.appPath(template), located.logicalId(), located.index());
        for (Finding finding : checker.check(target)) {
          errors |= report(located.on(), finding, where, where.propertyPath(), rules, mode, template, violations);
        }
      }
      // HG011 compares each service's target groups with its container's check, as the aspect does.
      for (TemplateService service : document.services(stack.getStackConstructPath(),
          hash -> assets.dockerImage(hash).map(this::fromSource))) {
        IConstruct on = TreeReader.nearest(app, service.path());
        ResourceLocation where = new ResourceLocation(service.path(), FileLine.appPath(template), service.logicalId(), null);
        for (ServiceBinding binding : service.bindings()) {
          for (Finding finding : checker.check(binding)) {
            errors |= report(on, finding, where, "Properties/LoadBalancers", rules, mode, template, violations);
          }
        }
      }
    }
    if (outdir != null) {
      writeReports(outdir, violations, context);
    }
    return PolicyValidationPluginReport.builder().success(!errors).violations(violations).build();
  }

  /**
   * Reports one finding after the settings and the mode; adds a violation for it (and for an HG000
   * it caused) unless an acknowledgement covers it.
   *
   * @return true when it stays an error
   */
  private boolean report(IConstruct on, Finding finding, ResourceLocation where, String property, RuleSettings rules,
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
    return checker == null ? 0 : checker.imagesProfiled();
  }

  /** A container of the assembly, with the construct its findings are about and where it sits in the template. */
  private record Located(Target target, IConstruct on, String logicalId, int index) {}

  private List<Located> read(CloudTemplate document, AssetManifest assets, String stackPath, StackConstructs constructs) {
    List<Located> located = new ArrayList<>();
    for (TemplateTaskDefinition taskDefinition : document.taskDefinitions(stackPath, hash -> assets.dockerImage(hash).map(this::fromSource))) {
      taskDefinitions++;
      IConstruct task = constructs.taskDefinition(taskDefinition.logicalId());
      for (int i = 0; i < taskDefinition.containers().size(); i++) {
        Target target = taskDefinition.containers().get(i);
        containers++;
        IConstruct on = task;
        if (task != null) {
          target = renamed(target, task.getNode().getPath());
          IConstruct container = task.getNode().tryFindChild(target.container());
          on = container != null ? container : task;
        } else {
          on = TreeReader.nearest(app, target.taskDefinition());
        }
        located.add(new Located(target, on, taskDefinition.logicalId(), i));
      }
    }
    return located;
  }

  /**
   * The asset read from the directory it was staged from, so paths in findings are the app's: the
   * staged copy in {@code cdk.out/asset.<hash>} has the same Dockerfile (the CDK copies the build
   * context), but no user can open it from a message.
   */
  private ImageRef.Asset fromSource(ImageRef.Asset staged) {
    if (sources == null) {
      sources = new HashMap<>();
      try {
        for (IConstruct node : app.getNode().findAll()) {
          if (node instanceof DockerImageAsset asset && asset.getNode().tryFindChild("Staging") instanceof AssetStaging staging) {
            sources.put(asset.getAssetHash(), Path.of(staging.getSourcePath()));
          }
        }
      } catch (RuntimeException e) {
        // a tree that cannot be walked: findings name the staged copy, and still count
      }
    }
    Path source = sources.get(staged.assetHash());
    return source == null ? staged : new ImageRef.Asset(source, staged.dockerfile(), staged.target(), staged.buildArgs(),
        staged.parametersKnown(), staged.assetHash());
  }

  /** The target named by its task definition's construct path. */
  private static Target renamed(Target t, String path) {
    return path.equals(t.taskDefinition()) ? t : new Target(path, t.container(), t.healthCheck(), t.image(),
        t.containerPorts(), t.essential(), t.cpuArchitecture(), t.networkMode(), t.taskPorts(), t.mountPaths());
  }

  /** The task definitions of one stack by logical id, read from the tree only when a template has one. */
  private static final class StackConstructs {
    private final IConstruct app;
    private final String stackPath;
    private Map<String, IConstruct> byLogicalId;

    StackConstructs(IConstruct app, String stackPath) {
      this.app = app;
      this.stackPath = stackPath;
    }

    IConstruct taskDefinition(String logicalId) {
      if (byLogicalId == null) {
        byLogicalId = new HashMap<>();
        try {
          IConstruct found = TreeReader.nearest(app, stackPath);
          if (found instanceof Stack stack) {
            for (IConstruct node : stack.getNode().findAll()) {
              if (node instanceof CfnTaskDefinition cfn && Stack.of(cfn) == stack) {
                IConstruct scope = cfn.getNode().getScope();
                byLogicalId.put(String.valueOf(stack.resolve(cfn.getLogicalId())),
                    scope instanceof software.amazon.awscdk.services.ecs.TaskDefinition ? scope : cfn);
              }
            }
          }
        } catch (RuntimeException e) {
          // a tree that cannot be walked: findings sit on the stack, named as the template names them
        }
      }
      return byLogicalId.get(logicalId);
    }
  }

  /** The per-rule settings of the app; one the guard cannot read is an HG000 warning. */
  private RuleSettings rules(GuardSettings settings, List<PolicyViolation> violations, IPolicyValidationContext context) {
    RuleSettings.Parsed parsed = settings.rulesAt(app);
    for (String problem : parsed.problems()) {
      if (settingProblems.add(problem)) {
        int before = reporter.count();
        reporter.problem(app, RuleSettings.CONTEXT_KEY, null, FindingReporter.settingProblem(problem), null);
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
      reporter.problem(app, "cdk.out", null, "HealthGuard cannot replace " + ReportFiles.SARIF + " and " + ReportFiles.JSON
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
