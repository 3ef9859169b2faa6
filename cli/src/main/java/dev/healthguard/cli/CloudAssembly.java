package dev.healthguard.cli;

import dev.healthguard.image.ImageRef;
import dev.healthguard.report.Acknowledgements;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.StackMetadata;
import dev.healthguard.template.TemplateTaskDefinition;
import dev.healthguard.text.Excerpt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized {@code cdk.out}: the stacks its {@code manifest.json} lists (and those of nested
 * assemblies, one per Stage), each template read with the asset manifest beside it, so an image
 * built from a Dockerfile is judged by the staged copy of the app's Dockerfile with its target and
 * build args, as the validation plugin does. The acknowledgements the stacks' metadata holds are
 * honoured as the plugin honours them; those on the App or a Stage are not in the assembly.
 *
 * <p>A {@code cdk.out} may come from anywhere (a pull request, an artifact), so it is read as
 * untrusted input. Every template, nested assembly and build context it names must lie inside
 * it, with links resolved, as {@code cdk synth} writes them; otherwise a manifest could have a
 * secret file, or {@code /proc/self/environ}, read as a Dockerfile and quoted in an error. Each
 * assembly is read once, and the stacks and bytes read have bounds, so that one template named
 * a million times costs no more than the bound.
 */
final class CloudAssembly {

  /** What {@link InputFile#kind} says of a {@code cdk.out}. */
  static final String KIND = "cloud assembly";

  private static final Pattern ENVIRONMENT = Pattern.compile("aws://(\\d{12}|[^/]*)/([a-z0-9-]+)");
  private static final int MAX_NESTING = 16;
  /** Five times CloudFormation's default quota of stacks per account and region. */
  static final int MAX_STACKS = 10_000;
  /** The templates and manifests of one assembly together; CloudFormation takes templates of at most 1 MB. */
  static final long MAX_TOTAL_BYTES = 1L << 30;

  private final Path root;
  private final long maxTotalBytes;
  private final Set<Path> assembliesRead = new HashSet<>();
  private final List<Located> targets = new ArrayList<>();
  private final List<LocatedBinding> bindings = new ArrayList<>();
  private final Acknowledgements.InAssembly acknowledgements = Acknowledgements.InAssembly.stacksOnly();
  private int stacks;
  private long bytesRead;
  private int taskDefinitions;

  private CloudAssembly(Path root, long maxTotalBytes) {
    this.root = root;
    this.maxTotalBytes = maxTotalBytes;
  }

  static boolean accepts(Path directory) {
    return Files.isRegularFile(directory.resolve("manifest.json"));
  }

  static InputFile read(Path directory, String name) throws InputException {
    return read(directory, name, MAX_TOTAL_BYTES);
  }

  /** With another bound on the bytes read, for tests. */
  static InputFile read(Path directory, String name, long maxTotalBytes) throws InputException {
    Path root;
    try {
      root = directory.toRealPath();
    } catch (IOException e) {
      throw new InputException(name + ": cannot be read (" + e.getMessage() + ")");
    }
    CloudAssembly assembly = new CloudAssembly(root, maxTotalBytes);
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
    if (!assembliesRead.add(inside(directory, name))) {
      return; // named twice, or by itself: its stacks are read already
    }
    String manifestName = name + "/manifest.json";
    if (!(Documents.parse(readInside(directory.resolve("manifest.json"), manifestName), manifestName)
        instanceof Map<?, ?> manifest && manifest.get("artifacts") instanceof Map<?, ?> artifacts)) {
      throw new InputException(manifestName + ": not a cloud assembly manifest (no artifacts)");
    }
    for (Map.Entry<?, ?> entry : artifacts.entrySet()) {
      if (!(entry.getValue() instanceof Map<?, ?> artifact) || !(artifact.get("properties") instanceof Map<?, ?> properties)) {
        continue;
      }
      Object type = artifact.get("type");
      if ("aws:cloudformation:stack".equals(type) && properties.get("templateFile") instanceof String file) {
        if (++stacks > MAX_STACKS) {
          throw new InputException(name + ": more than " + MAX_STACKS + " stacks, which no CDK app has; not read");
        }
        String stack = artifact.get("displayName") instanceof String display ? display : String.valueOf(entry.getKey());
        readStack(directory.resolve(file), name + "/" + Excerpt.inline(file), stack, artifact);
      } else if ("cdk:cloud-assembly".equals(type) && properties.get("directoryName") instanceof String nested) {
        String nestedName = name + "/" + Excerpt.inline(nested);
        readAssembly(directory.resolve(nested), nestedName, depth + 1);
      }
    }
  }

  /**
   * The real path of a file or directory the assembly names, which must lie inside it. Files are
   * still read, and named, by the path the assembly gives: the check is against a hostile
   * manifest, not against someone who swaps files while the command runs.
   */
  private Path inside(Path path, String name) throws InputException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    } catch (IOException e) {
      throw new InputException(name + ": cannot be read (" + e.getMessage() + ")");
    }
    if (!real.startsWith(root)) {
      throw new InputException(name + ": outside the cloud assembly, where cdk synth writes every file it names;"
          + " not read");
    }
    return real;
  }

  /** A file inside the assembly, counted against the bound on the bytes one assembly may make the command line read. */
  private String readInside(Path file, String name) throws InputException {
    inside(file, name);
    String text = BoundedRead.file(file, name);
    count(text.length(), name);
    return text;
  }

  private void count(long bytes, String name) throws InputException {
    bytesRead += bytes;
    if (bytesRead > maxTotalBytes) {
      throw new InputException(name + ": the assembly's templates, manifests and metadata add up to more than "
          + (maxTotalBytes >> 20) + " MiB, which no CDK app writes; not read further");
    }
  }

  /** A file the core reads beside a template (asset manifest, metadata), when there is one: checked and counted first. */
  private void besideTemplate(Path file, String name) throws InputException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        count(Files.size(inside(file, name)), name);
      } catch (IOException e) {
        throw new InputException(name + ": cannot be read (" + e.getMessage() + ")");
      }
    }
  }

  private void readStack(Path template, String name, String stack, Map<?, ?> artifact) throws InputException {
    if (!(Documents.parse(readInside(template, name), name) instanceof Map<?, ?> document)) {
      throw new InputException(name + ": not a template");
    }
    Path assetsFile = AssetManifest.fileBeside(template);
    besideTemplate(assetsFile, name.substring(0, name.lastIndexOf('/') + 1) + assetsFile.getFileName());
    if (artifact.get("additionalMetadataFile") instanceof String file && !file.isEmpty() && !file.contains("/")) {
      besideTemplate(template.resolveSibling(file), name.substring(0, name.lastIndexOf('/') + 1) + Excerpt.inline(file));
    }
    Object environment = artifact.get("environment");
    String account = null;
    String region = null;
    Matcher env = environment instanceof String e ? ENVIRONMENT.matcher(e) : null;
    if (env != null && env.matches()) {
      account = env.group(1).matches("\\d{12}") ? env.group(1) : null; // else unknown-account
      region = env.group(2).equals("unknown-region") ? null : env.group(2);
    }
    AssetManifest assets = AssetManifest.beside(template);
    // Named by construct path as the plugin names them, from the stack's metadata in the assembly:
    // the artifact already read, not the manifest again for every stack.
    StackMetadata metadata = StackMetadata.of(artifact, template);
    acknowledgements.stack(stack, metadata);
    CloudTemplate read = CloudTemplate.of(document).withPaths(metadata.paths());
    for (TemplateTaskDefinition taskDefinition : read.taskDefinitions(stack, assets::dockerImage)) {
      taskDefinitions++;
      boolean l2 = metadata.pathOf(taskDefinition.logicalId()).filter(path -> path.endsWith("/Resource")).isPresent();
      for (Located located : Located.all(taskDefinition.containers(), template.toString(), taskDefinition.logicalId())) {
        targets.add((l2 ? located.onContainerConstruct() : located)
            .withTarget(stagedInside(withEnvironment(located.target(), account, region), root)));
      }
    }
    bindings.addAll(LocatedBinding.all(read.services(stack, assets::dockerImage), template.toString()));
  }

  /**
   * The target, or, when its image's build context lies outside the assembly at {@code root} (a
   * real path), the target with that image unknown: {@code cdk synth} stages every context inside
   * {@code cdk.out}, and one elsewhere is not read (the app turned staging off, or the asset
   * manifest is not the CDK's).
   */
  static Target stagedInside(Target target, Path root) {
    if (!(target.image() instanceof ImageRef.Asset asset)) {
      return target;
    }
    try {
      if (asset.context().toRealPath().startsWith(root)) {
        return target;
      }
    } catch (IOException e) {
      return target; // nothing there to read: the profile says the context is missing
    }
    return target.withImage(new ImageRef.Unresolved(asset.display(), "its build context lies outside the cdk.out,"
        + " and the command line reads only the copies cdk synth stages there; --dockerfile "
        + target.container() + "=PATH judges it by a Dockerfile of yours"));
  }

  /** An ECR image named by the stack's own account and region ({@code fromEcrRepository}) gets the stack's env. */
  static Target withEnvironment(Target target, String account, String region) {
    if (target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
      return target.withImage(ecr.withDefaults(account, region));
    }
    return target;
  }
}
