package dev.healthguard;

import dev.healthguard.image.ImageRef;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.template.TemplateService;
import dev.healthguard.template.TemplateTaskDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;

/**
 * The validation-plugin entry point: checks the synthesized cloud assembly instead of the construct
 * tree. It costs one call from node per synth, where an aspect costs one per construct, and it
 * reads the asset manifests, which hold each image asset's Dockerfile, target and build args.
 */
final class AssemblyCheck {

  private TargetChecker checker;
  private final List<Finding> findings = new ArrayList<>();
  private int taskDefinitions;
  private int containers;

  public PolicyValidationPluginReport validate(IPolicyValidationContext context, GuardSettings settings) {
    GuardMode mode = settings.modeAt(context.getAppConstruct());
    checker = new TargetChecker(settings.profilerAt(context.getAppConstruct()));
    List<PolicyViolation> violations = new ArrayList<>();
    boolean errors = false;
    for (PolicyValidationStack stack : context.getStackTemplates()) {
      Path template = Path.of(stack.getTemplatePath());
      CloudTemplate document = parse(template);
      if (document == null) {
        continue;
      }
      AssetManifest assets = AssetManifest.beside(template);
      for (Located located : read(document, assets, stack.getStackConstructPath())) {
        Target target = located.target();
        if (target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
          target = target.withImage(ecr.withDefaults(context.getAccountId(), context.getRegion()));
        }
        for (Finding finding : checker.check(target)) {
          Finding reported = mode.apply(finding);
          findings.add(reported);
          errors |= reported.severity() == Severity.ERROR;
          violations.add(violation(reported, located, template));
        }
      }
      // HG011 compares each service's target groups with its container's check, as the aspect does.
      for (TemplateService service : document.services(stack.getStackConstructPath(), assets::dockerImage)) {
        Located located = new Located(null, service.logicalId(), service.path(), "Properties/LoadBalancers");
        for (ServiceBinding binding : service.bindings()) {
          for (Finding finding : checker.check(binding)) {
            Finding reported = mode.apply(finding);
            findings.add(reported);
            errors |= reported.severity() == Severity.ERROR;
            violations.add(violation(reported, located, template));
          }
        }
      }
    }
    return PolicyValidationPluginReport.builder().success(!errors).violations(violations).build();
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
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

  /**
   * Where a finding points in the template.
   *
   * @param target the container, for a task definition's findings; null for a service's
   * @param logicalId the resource
   * @param constructPath the resource's construct path, or null for the finding's task definition
   * @param location the property, or null for the container's definition
   */
  private record Located(Target target, String logicalId, String constructPath, String location) {}

  private static CloudTemplate parse(Path template) {
    try {
      return CloudTemplate.readJson(template);
    } catch (IOException e) {
      return null;
    }
  }

  private List<Located> read(CloudTemplate document, AssetManifest assets, String stackPath) {
    List<Located> located = new ArrayList<>();
    for (TemplateTaskDefinition taskDefinition : document.taskDefinitions(stackPath, assets::dockerImage)) {
      taskDefinitions++;
      for (Target target : taskDefinition.containers()) {
        containers++;
        located.add(new Located(target, taskDefinition.logicalId(), null, null));
      }
    }
    return located;
  }

  private static PolicyViolation violation(Finding finding, Located located, Path template) {
    return PolicyViolation.builder()
        // Named like the annotations' rules, so Validations.of(scope).acknowledge("HG002") applies to both entry points.
        .ruleName("Annotation::" + finding.ruleId())
        .description(finding.message())
        .fix(finding.fix())
        .severity(finding.severity().name().toLowerCase(java.util.Locale.ROOT))
        .violatingResources(List.of(PolicyViolatingResource.builder()
            .resourceLogicalId(located.logicalId())
            .templatePath(template.toString())
            .constructPath(located.constructPath() != null ? located.constructPath() : finding.target().taskDefinition())
            .locations(List.of(located.location() != null ? located.location()
                : "Properties/ContainerDefinitions/" + finding.target().container()))
            .build()))
        .build();
  }
}
