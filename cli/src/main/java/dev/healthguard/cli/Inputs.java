package dev.healthguard.cli;

import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.TemplateTaskDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tells what an input is by its content (not its name) and reads it. */
final class Inputs {

  static final String STDIN = "-";

  private Inputs() {}

  /** @param argument a file, a {@code cdk.out} directory, or {@code -} for standard input */
  static InputFile read(String argument, InputStream stdin) throws InputException {
    if (STDIN.equals(argument)) {
      try {
        return document(BoundedRead.stream(stdin, "standard input"), "standard input", null);
      } catch (IOException e) {
        throw new InputException("standard input: cannot be read (" + e.getMessage() + ")");
      }
    }
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      if (CloudAssembly.accepts(path)) {
        return CloudAssembly.read(path, argument);
      }
      throw new InputException(argument + ": a directory, but not a cloud assembly (it has no manifest.json)");
    }
    return document(BoundedRead.file(path, argument), argument, path);
  }

  /** @param path the file, to find a synthesized template's asset manifest beside it; null for stdin */
  static InputFile document(String text, String name, Path path) throws InputException {
    Object document = Documents.parse(text, name);
    String file = path == null ? null : path.toString();
    if (EcsTaskDefinition.accepts(document)) {
      return EcsTaskDefinition.read(document, name, file);
    }
    if (document instanceof Map<?, ?> map) {
      CloudTemplate template = CloudTemplate.of(map);
      if (template.hasResources()) {
        return template(template, name, path);
      }
      if (TerraformPlan.accepts(map)) {
        return TerraformPlan.read(map, name, file);
      }
    }
    throw new InputException(name + ": not an ECS task definition, CloudFormation template or Terraform plan "
        + "(it has none of containerDefinitions, taskDefinition, Resources, planned_values)");
  }

  private static InputFile template(CloudTemplate template, String name, Path path) throws InputException {
    boolean synthesized = path != null && path.getFileName().toString().endsWith(".template.json");
    AssetManifest assets = synthesized ? AssetManifest.beside(path) : AssetManifest.none();
    List<TemplateTaskDefinition> found = template.taskDefinitions(null, assets::dockerImage);
    if (found.isEmpty()) {
      throw new InputException(name + ": a CloudFormation template without AWS::ECS::TaskDefinition resources; "
          + "nothing to check");
    }
    List<Located> targets = new ArrayList<>();
    String file = path == null ? null : path.toString();
    // A template of a cdk.out: its images' build contexts are read only inside that cdk.out, as for the whole assembly.
    Path assembly = synthesized ? assemblyOf(path) : null;
    found.forEach(t -> Located.all(t.containers(), file, t.logicalId()).forEach(located ->
        targets.add(assembly == null ? located : located.withTarget(CloudAssembly.stagedInside(located.target(), assembly)))));
    return new InputFile(name, "CloudFormation template", found.size(), targets, List.of(),
        LocatedBinding.all(template.services(null, assets::dockerImage), file));
  }

  private static Path assemblyOf(Path template) throws InputException {
    try {
      return template.toRealPath().getParent();
    } catch (IOException e) {
      throw new InputException(template + ": cannot be read (" + e.getMessage() + ")");
    }
  }
}
