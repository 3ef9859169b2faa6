package dev.healthguard.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.GuardMode;
import dev.healthguard.image.ImageRef;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import dev.healthguard.task.TaskDefinitionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
public final class AssemblyCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

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
      for (Located located : read(template, stack.getStackConstructPath())) {
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

  private record Located(Target target, String logicalId) {}

  private List<Located> read(Path template, String stackPath) {
    Map<?, ?> document;
    try {
      document = JSON.readValue(template.toFile(), Map.class);
    } catch (IOException e) {
      return List.of();
    }
    Map<String, Optional<ImageRef.Asset>> assets = assets(template);
    List<Located> located = new ArrayList<>();
    if (!(document.get("Resources") instanceof Map<?, ?> resources)) {
      return located;
    }
    for (Map.Entry<?, ?> entry : resources.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> resource && "AWS::ECS::TaskDefinition".equals(resource.get("Type"))
          && resource.get("Properties") instanceof Map<?, ?> properties) {
        taskDefinitions++;
        String path = constructPath(resource).orElse(stackPath + "/" + entry.getKey());
        for (Target target : TaskDefinitionReader.read(path, properties, hash -> assets.getOrDefault(hash, Optional.empty()))) {
          containers++;
          located.add(new Located(target, String.valueOf(entry.getKey())));
        }
      }
    }
    return located;
  }

  private static Optional<String> constructPath(Map<?, ?> resource) {
    if (resource.get("Metadata") instanceof Map<?, ?> metadata && metadata.get("aws:cdk:path") instanceof String path) {
      return Optional.of(path.endsWith("/Resource") ? path.substring(0, path.length() - "/Resource".length()) : path);
    }
    return Optional.empty();
  }

  /** {@code <stack>.assets.json} beside {@code <stack>.template.json}: the image assets by source hash. */
  private static Map<String, Optional<ImageRef.Asset>> assets(Path template) {
    Map<String, Optional<ImageRef.Asset>> assets = new HashMap<>();
    String name = template.getFileName().toString().replace(".template.json", ".assets.json");
    Path manifest = template.resolveSibling(name);
    if (!Files.isRegularFile(manifest)) {
      return assets;
    }
    try {
      Map<?, ?> document = JSON.readValue(manifest.toFile(), Map.class);
      if (document.get("dockerImages") instanceof Map<?, ?> images) {
        images.forEach((hash, image) -> {
          if (image instanceof Map<?, ?> i && i.get("source") instanceof Map<?, ?> source
              && source.get("directory") instanceof String directory) {
            Map<String, String> args = new HashMap<>();
            if (source.get("dockerBuildArgs") instanceof Map<?, ?> given) {
              given.forEach((k, v) -> args.put(String.valueOf(k), String.valueOf(v)));
            }
            assets.put(String.valueOf(hash), Optional.of(new ImageRef.Asset(
                manifest.resolveSibling(directory),
                source.get("dockerFile") instanceof String f ? f : "Dockerfile",
                source.get("dockerBuildTarget") instanceof String t ? t : null,
                args, true, String.valueOf(hash))));
          }
        });
      }
    } catch (IOException e) {
      // An unreadable manifest leaves the assets unknown (HG008), never a failed synth.
    }
    return assets;
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
            .constructPath(finding.target().taskDefinition())
            .locations(List.of("Properties/ContainerDefinitions/" + finding.target().container()))
            .build()))
        .build();
  }
}
