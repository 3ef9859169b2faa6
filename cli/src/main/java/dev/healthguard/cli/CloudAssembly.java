package dev.healthguard.cli;

import dev.healthguard.image.ImageRef;
import dev.healthguard.report.Acknowledgements;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.StackMetadata;
import dev.healthguard.template.TemplateTaskDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized {@code cdk.out}: the stacks its {@code manifest.json} lists (and those of nested
 * assemblies, one per Stage), each template read with the asset manifest beside it, so an image
 * built from a Dockerfile is judged by the staged copy of the app's Dockerfile with its target and
 * build args, as the validation plugin does. The acknowledgements the stacks' metadata holds are
 * honoured as the plugin honours them; those on the App or a Stage are not in the assembly.
 */
final class CloudAssembly {

  /** What {@link InputFile#kind} says of a {@code cdk.out}. */
  static final String KIND = "cloud assembly";

  private static final Pattern ENVIRONMENT = Pattern.compile("aws://(\\d{12}|[^/]*)/([a-z0-9-]+)");
  private static final int MAX_NESTING = 16;

  private final List<Located> targets = new ArrayList<>();
  private final List<LocatedBinding> bindings = new ArrayList<>();
  private final Acknowledgements.InAssembly acknowledgements = Acknowledgements.InAssembly.stacksOnly();
  private int taskDefinitions;

  private CloudAssembly() {}

  static boolean accepts(Path directory) {
    return Files.isRegularFile(directory.resolve("manifest.json"));
  }

  static InputFile read(Path directory, String name) throws InputException {
    CloudAssembly assembly = new CloudAssembly();
    assembly.readAssembly(directory, name, 0);
    if (assembly.taskDefinitions == 0) {
      throw new InputException(name + ": a cloud assembly without AWS::ECS::TaskDefinition resources; nothing to check");
    }
    return new InputFile(name, KIND, assembly.taskDefinitions, assembly.targets, List.of(), assembly.bindings,
        assembly.acknowledgements);
  }

  private void readAssembly(Path directory, String name, int depth) throws InputException {
    if (depth > MAX_NESTING) {
      throw new InputException(name + ": assemblies nested more than " + MAX_NESTING + " deep");
    }
    String manifestName = name + "/manifest.json";
    if (!(Documents.parse(BoundedRead.file(directory.resolve("manifest.json"), manifestName), manifestName)
        instanceof Map<?, ?> manifest && manifest.get("artifacts") instanceof Map<?, ?> artifacts)) {
      throw new InputException(manifestName + ": not a cloud assembly manifest (no artifacts)");
    }
    for (Map.Entry<?, ?> entry : artifacts.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> artifact) || !(artifact.get("properties") instanceof Map<?, ?> properties)) {
        continue;
      }
      Object type = artifact.get("type");
      if ("aws:cloudformation:stack".equals(type) && properties.get("templateFile") instanceof String file) {
        String stack = artifact.get("displayName") instanceof String display ? display : String.valueOf(entry.getKey());
        readStack(directory.resolve(file), name + "/" + file, stack, artifact.get("environment"));
      } else if ("cdk:cloud-assembly".equals(type) && properties.get("directoryName") instanceof String nested) {
        readAssembly(directory.resolve(nested), name + "/" + nested, depth + 1);
      }
    }
  }

  private void readStack(Path template, String name, String stack, Object environment) throws InputException {
    if (!(Documents.parse(BoundedRead.file(template, name), name) instanceof Map<?, ?> document)) {
      throw new InputException(name + ": not a template");
    }
    String account = null;
    String region = null;
    Matcher env = environment instanceof String e ? ENVIRONMENT.matcher(e) : null;
    if (env != null && env.matches()) {
      account = env.group(1).matches("\\d{12}") ? env.group(1) : null; // else unknown-account
      region = env.group(2).equals("unknown-region") ? null : env.group(2);
    }
    AssetManifest assets = AssetManifest.beside(template);
    // Named by construct path as the plugin names them, from the stack's metadata in the assembly.
    StackMetadata metadata = StackMetadata.beside(template);
    acknowledgements.stack(stack, metadata);
    CloudTemplate read = CloudTemplate.of(document).withPaths(metadata.paths());
    for (TemplateTaskDefinition taskDefinition : read.taskDefinitions(stack, assets::dockerImage)) {
      taskDefinitions++;
      boolean l2 = metadata.pathOf(taskDefinition.logicalId()).filter(path -> path.endsWith("/Resource")).isPresent();
      for (Located located : Located.all(taskDefinition.containers(), template.toString(), taskDefinition.logicalId())) {
        targets.add((l2 ? located.onContainerConstruct() : located)
            .withTarget(withEnvironment(located.target(), account, region)));
      }
    }
    bindings.addAll(LocatedBinding.all(read.services(stack, assets::dockerImage), template.toString()));
  }

  /** An ECR image named by the stack's own account and region ({@code fromEcrRepository}) gets the stack's env. */
  static Target withEnvironment(Target target, String account, String region) {
    if (target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
      return target.withImage(ecr.withDefaults(account, region));
    }
    return target;
  }
}
