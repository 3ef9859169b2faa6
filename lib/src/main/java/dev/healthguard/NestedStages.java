package dev.healthguard;

import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * Covers the task definitions of nested {@link Stage}s (CDK Pipelines' stages among them), which
 * the aspect on an App never visits: the CDK does not pass an App's aspects into a Stage, by design
 * (aws/aws-cdk#20468, #17805). By the time the aspect visits the App, every nested Stage has already
 * written its assembly: synthesis synthesizes the nested assemblies before it invokes the App's
 * aspects, and CDK Pipelines' {@code addStage} synthesizes its stage while the app is still being
 * built. So at the App the guard registers a validation plugin that reads those assemblies'
 * templates after synth, the way the plugin entry point reads every template; stacks outside nested
 * Stages stay the aspect's.
 *
 * <p>A nested Stage whose own synth ran a guard aspect (one added in the Stage's constructor) is left
 * to that aspect.
 */
final class NestedStages {

  /**
   * The assembly directories of Stages whose own synth ran a guard aspect. Static because the guard
   * inside the Stage is usually another instance than the one on the App.
   */
  private static final Set<Path> GUARDED_INSIDE = ConcurrentHashMap.newKeySet();

  /** Said of each finding of a nested Stage in fix mode, which cannot change a written assembly. */
  static final String NOT_FIXED = "Fix mode left it: the task definition is in a nested Stage, which the CDK "
      + "synthesized before the app's aspects ran (CDK Pipelines' addStage synthesizes its stage at once; "
      + "aws/aws-cdk#20468), so its template could only be checked. To fix it, add the guard inside the "
      + "Stage, before it is synthesized: Aspects.of(this).add(HealthCheckGuard.builder().mode(GuardMode.FIX).build()) "
      + "in the Stage's constructor.";

  private final GuardSettings settings;
  private final Set<App> registered = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
  private final List<Finding> findings = new ArrayList<>();

  NestedStages(GuardSettings settings) {
    this.settings = settings;
  }

  /** Called when the aspect visits the root of a synth: an App, or a Stage synthesized on its own. */
  void atRoot(Stage root) {
    findings.clear();
    Path outdir = directory(root.getOutdir());
    if (!(root instanceof App app)) {
      GUARDED_INSIDE.add(outdir);
      return;
    }
    // One plugin per App, however often it is synthesized; none for an app without nested Stages,
    // whose assembly directories the nested synths have already created.
    List<Path> nested = nestedAssemblies(outdir);
    if (!nested.isEmpty() && registered.add(app)) {
      Validations.of(app).addPlugins(new Plugin(outdir));
    }
    // The plugin writes each stage's report files beside its templates, and may only create files
    // there (see ReportFiles); the CLI reuses cdk.out, so an earlier synth's go now, before the CDK
    // takes its snapshot of the assembly. A guard inside the Stage wrote its own in this synth.
    for (Path assembly : nested) {
      if (!GUARDED_INSIDE.contains(assembly)) {
        delete(assembly.resolve(ReportFiles.SARIF));
        delete(assembly.resolve(ReportFiles.JSON));
      }
    }
  }

  /** What the latest synth found in nested Stages. */
  List<Finding> findings() {
    return List.copyOf(findings);
  }

  /**
   * The nested assembly directories under {@code outdir}, a Stage's nested in its parent's: the CDK
   * names them {@code assembly-<stage artifact id>}. Asset directories are not entered.
   */
  private static List<Path> nestedAssemblies(Path outdir) {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(outdir)) {
      for (Path entry : entries.filter(e -> Files.isDirectory(e) && e.getFileName().toString().startsWith("assembly-")).toList()) {
        found.add(entry.toAbsolutePath().normalize());
        found.addAll(nestedAssemblies(entry));
      }
    } catch (IOException e) {
      // an unreadable directory: nothing there to check or clean
    }
    return found;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the plugin then says it cannot replace it (HG000)
    }
  }

  private static Path directory(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  /** The validation plugin for the templates of nested Stages. */
  private final class Plugin implements IPolicyValidationPlugin {

    private final Path appOutdir;

    Plugin(Path appOutdir) {
      this.appOutdir = appOutdir;
    }

    @Override
    public String getName() {
      return "HealthGuard";
    }

    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
      List<PolicyValidationStack> nested = context.getStackTemplates().stream()
          .filter(stack -> {
            Path assembly = directory(stack.getTemplatePath()).getParent();
            return !assembly.equals(appOutdir) && !GUARDED_INSIDE.contains(assembly);
          })
          .toList();
      if (nested.isEmpty()) {
        return PolicyValidationPluginReport.builder().success(true).violations(List.of()).build();
      }
      boolean fix = settings.modeAt(context.getAppConstruct()) == GuardMode.FIX;
      UnaryOperator<Finding> note = fix ? f -> f.severity() == Severity.INFO ? f : f.withNote(NOT_FIXED) : f -> f;
      // One check per stage's assembly, so that each writes its report files beside its own templates.
      Map<Path, List<PolicyValidationStack>> byAssembly = nested.stream().collect(Collectors.groupingBy(
          stack -> directory(stack.getTemplatePath()).getParent(), LinkedHashMap::new, Collectors.toList()));
      boolean success = true;
      List<PolicyViolation> violations = new ArrayList<>();
      for (List<PolicyValidationStack> stacks : byAssembly.values()) {
        AssemblyCheck check = new AssemblyCheck(note);
        PolicyValidationPluginReport report = check.validate(new Templates(context, stacks), settings);
        success &= report.getSuccess();
        violations.addAll(report.getViolations());
        findings.addAll(check.findings());
      }
      return PolicyValidationPluginReport.builder().success(success).violations(violations).build();
    }
  }

  /** The plugin's context narrowed to some of its stacks. */
  private record Templates(IPolicyValidationContext context, List<PolicyValidationStack> stacks)
      implements IPolicyValidationContext {

    @Override
    public List<PolicyValidationStack> getStackTemplates() {
      return stacks;
    }

    @Override
    public List<String> getTemplatePaths() {
      return stacks.stream().map(PolicyValidationStack::getTemplatePath).toList();
    }

    @Override
    public IConstruct getAppConstruct() {
      return context.getAppConstruct();
    }

    @Override
    public String getAccountId() {
      return context.getAccountId();
    }

    @Override
    public String getRegion() {
      return context.getRegion();
    }
  }
}
