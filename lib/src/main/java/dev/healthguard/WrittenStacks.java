package dev.healthguard;

import dev.healthguard.cdk.ContainerTarget;
import dev.healthguard.cdk.TreeReader;
import dev.healthguard.image.ImageRef;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.TemplateTaskDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awscdk.IAnyProducer;
import software.amazon.awscdk.IResolveContext;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.constructs.IConstruct;

/**
 * The aspect's task definitions, read the way the plugin reads them: from each stack's template and
 * asset manifest as the synth writes them. During the visits the aspect only collects stacks and
 * task definitions, which costs nothing but {@code instanceof}: every call to node costs a round
 * trip, and reading a task definition from the tree took dozens. The template is the deployed
 * truth, so a check replaced by an escape hatch ({@code addPropertyOverride}, an L1 property set
 * after the L2) is judged as deployed.
 *
 * <p>The hook is a metadata entry on each stack, {@value #METADATA_TYPE}, whose data is a {@code
 * Lazy}. The CDK resolves a stack's metadata when it adds the stack to the cloud assembly: after it
 * has written the stack's template and asset manifest, and before it collects the metadata of the
 * stack's constructs, breadth first from the stack (aws-cdk-lib 2.263, {@code
 * stack-synthesizers/_shared.js}, {@code collectStackMetadata}). So the check reads files that are
 * already there, and the annotations it adds to the stack's constructs still reach the manifest.
 * An earlier design rendered every stack a second time from a validation, which alone cost more
 * than the aspect's allowance (benchmarks/README.md). A nested stack's entry is resolved within its
 * parent's collection, after the parent's asset manifest, which holds the nested stack's images, is
 * written.
 *
 * <p>Only a task definition with findings is looked up in the tree again: its annotations go on
 * the container's construct (where acknowledgements are scoped, as before), and an image asset is
 * named by the directory it was staged from, so evidence points at the app's Dockerfile rather than
 * at its copy in {@code cdk.out}. A stack whose template cannot be read is checked from the tree.
 */
final class WrittenStacks {

  /** The type of the metadata entry that triggers the check; it stays in the manifest, without data, as a marker. */
  static final String METADATA_TYPE = "healthguard:checked";

  /**
   * The run each stack's entry checks for: the latest synth's of each guard (by its settings, which
   * each guard holds once). One entry per stack and guard, however often it is synthesized.
   */
  private static final Map<Stack, Map<GuardSettings, GuardRun[]>> HOOKED =
      Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private final Set<Stack> pending = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<CfnTaskDefinition> deferred = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The task definitions fix mode changed during the visits, whose reports wait for their template. */
  private final Set<CfnTaskDefinition> fixed = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The asset manifests read so far, in the order the CDK collects the stacks: a nested stack's images are in its parent's. */
  private final List<AssetManifest> manifests = new ArrayList<>();
  private Stack lastStack;

  /** Hooks the check of {@code stack} into this synth, for {@code run}. */
  void stack(Stack stack, GuardRun run) {
    lastStack = stack;
    pending.add(stack);
    Map<GuardSettings, GuardRun[]> guards = HOOKED.computeIfAbsent(stack, s -> new IdentityHashMap<>());
    GuardRun[] current = guards.get(run.settings());
    if (current != null) {
      current[0] = run;
      return;
    }
    GuardRun[] created = {run};
    guards.put(run.settings(), created);
    stack.getNode().addMetadata(METADATA_TYPE, Lazy.uncachedAny(new IAnyProducer() {
      @Override
      public Object produce(IResolveContext context) {
        created[0].checkWritten(stack);
        return null;
      }
    }));
  }

  /** Defers a task definition to its stack's check. */
  void defer(CfnTaskDefinition taskDefinition, GuardRun run) {
    if (deferred.add(taskDefinition)) {
      hookStackOf(taskDefinition, run);
    }
  }

  /** Marks a task definition fix mode changed: its reports wait for its stack's check. */
  void fixed(CfnTaskDefinition taskDefinition) {
    fixed.add(taskDefinition);
  }

  /** Hooks the stack of {@code node} when no stack was visited: the aspect was added below the stacks. */
  void hookStackOf(IConstruct node, GuardRun run) {
    if (lastStack == null) {
      stack(Stack.of(node), run);
    }
  }

  /** Whether every hooked stack has been checked: this run's last check is done. */
  boolean done(Stack stack) {
    pending.remove(stack);
    return pending.isEmpty();
  }

  /**
   * Reads and checks the task definitions the aspect deferred in one stack, from its written
   * template. It runs inside the CDK's synth, so whatever fails here is reported, never thrown: the
   * stack's task definitions left unchecked each get an HG000 warning, and the synth goes on.
   */
  void check(Stack stack, GuardRun run) {
    if (deferred.isEmpty() && fixed.isEmpty()) {
      return;
    }
    try {
      checkDeferred(stack, run);
    } catch (RuntimeException e) {
      for (CfnTaskDefinition taskDefinition : List.copyOf(deferred)) {
        if (Stack.of(taskDefinition) == stack) {
          deferred.remove(taskDefinition);
          run.notVerified(taskDefinition, "could not check this task definition", e);
        }
      }
    }
  }

  private void checkDeferred(Stack stack, GuardRun run) {
    Written written;
    try {
      String stackPath = stack.getNode().getPath();
      Path template = Path.of(Stage.of(stack).getOutdir(), stack.getTemplateFile());
      AssetManifest assets = AssetManifest.beside(template);
      manifests.add(assets);
      written = new Written(stack, stackPath, CloudTemplate.readJson(template), assets);
    } catch (IOException | RuntimeException e) {
      // What the template cannot show is read from the tree, as before.
      for (CfnTaskDefinition taskDefinition : List.copyOf(deferred)) {
        if (Stack.of(taskDefinition) == stack) {
          run.check(taskDefinition);
          deferred.remove(taskDefinition);
        }
      }
      return;
    }
    TargetChecker checker = run.checker(stack);
    List<TemplateTaskDefinition> taskDefinitions = written.taskDefinitions(this);
    checker.profileAhead(taskDefinitions.stream().flatMap(t -> t.containers().stream()).map(written::withStackEnv).toList());
    for (TemplateTaskDefinition taskDefinition : taskDefinitions) {
      List<Target> targets = taskDefinition.containers().stream().map(written::withStackEnv).toList();
      String logicalId = taskDefinition.logicalId();
      String path = targets.isEmpty() ? written.stackPath() + "/" + logicalId : targets.get(0).taskDefinition();
      // Without the CLI's path metadata a resource is named <stack>/<logicalId> (so is a bare L1 at
      // the stack's top): then only its logical id tells whether the aspect deferred it.
      boolean byPath = !path.equals(written.stackPath() + "/" + logicalId);
      CfnTaskDefinition cfn = null;
      if (byPath) {
        if (run.checked(path)) {
          run.reportFixed(path, targets); // fix mode read and changed it during the visits
          continue;
        }
      } else {
        cfn = written.byLogicalId(logicalId, this);
        if (cfn == null) {
          continue; // not visited
        }
        if (fixed.contains(cfn)) {
          run.reportFixed(cfn.getNode().getPath(), targets); // fix mode's
          continue;
        }
      }
      if (targets.stream().allMatch(t -> checker.check(t).isEmpty())) {
        run.countClean(path, targets.size());
        deferred.remove(cfn);
        continue;
      }
      if (cfn == null) {
        cfn = written.byPath(path, this);
      }
      if (cfn == null) {
        continue;
      }
      run.check(cfn, containers(cfn, targets));
      deferred.remove(cfn);
    }
  }

  /**
   * The targets with the constructs their findings go on: each container's definition (named as
   * in the template) for an L2, else the L1 itself; and image assets named by their source.
   */
  private static List<ContainerTarget> containers(CfnTaskDefinition cfn, List<Target> targets) {
    IConstruct scope = cfn.getNode().getScope();
    IConstruct task = scope instanceof TaskDefinition ? scope : cfn;
    String taskPath = task.getNode().getPath();
    Map<String, ContainerDefinition> byName = TreeReader.containersByName(scope);
    List<ContainerTarget> result = new ArrayList<>();
    for (int index = 0; index < targets.size(); index++) {
      Target target = renamed(targets.get(index), taskPath);
      ContainerDefinition container = byName.get(target.container());
      if (container != null && target.image() instanceof ImageRef.Asset staged) {
        target = target.withImage(TreeReader.fromSource(container, staged));
      }
      result.add(new ContainerTarget(target, container != null ? container : cfn, index, cfn,
          scope instanceof TaskDefinition l2 ? l2 : null));
    }
    return result;
  }

  /** The target named by its task definition's construct path, as the tree reader names it. */
  private static Target renamed(Target t, String path) {
    return path.equals(t.taskDefinition()) ? t : new Target(path, t.container(), t.healthCheck(), t.image(),
        t.containerPorts(), t.essential(), t.cpuArchitecture(), t.networkMode(), t.taskPorts(), t.mountPaths());
  }

  /** One written stack. */
  private static final class Written {
    private final Stack stack;
    private final String stackPath;
    private final CloudTemplate template;
    private final AssetManifest assets;
    private List<TemplateTaskDefinition> taskDefinitions;
    private Map<String, CfnTaskDefinition> byLogicalId;
    private String[] env;

    Written(Stack stack, String stackPath, CloudTemplate template, AssetManifest assets) {
      this.stack = stack;
      this.stackPath = stackPath;
      this.template = template;
      this.assets = assets;
    }

    String stackPath() {
      return stackPath;
    }

    List<TemplateTaskDefinition> taskDefinitions(WrittenStacks check) {
      if (taskDefinitions == null) {
        taskDefinitions = template.taskDefinitions(stackPath, hash -> check.asset(hash, assets));
      }
      return taskDefinitions;
    }

    /** fromEcrRepository renders ${AWS::AccountId} and ${AWS::Region}: the stack's env says which. */
    Target withStackEnv(Target target) {
      if (!(target.image() instanceof ImageRef.Ecr ecr) || ecr.addressable()) {
        return target;
      }
      if (env == null) {
        env = new String[] {literal(stack.getAccount()), literal(stack.getRegion())};
      }
      return target.withImage(ecr.withDefaults(env[0], env[1]));
    }

    /** The deferred L1 at a construct path (the L2's or its own), or null. */
    CfnTaskDefinition byPath(String path, WrittenStacks check) {
      for (String candidate : List.of(path + "/Resource", path)) {
        if (candidate.startsWith(stackPath + "/")
            && TreeReader.exact(stack, candidate.substring(stackPath.length() + 1)) instanceof CfnTaskDefinition cfn
            && check.deferred.contains(cfn)) {
          return cfn;
        }
      }
      return null;
    }

    /**
     * The L1 with this logical id in this stack that waits for this check (deferred, or held by fix
     * mode), or null. A bare L1 at the stack's top is found by its path; otherwise every waiting
     * task definition of the stack is asked its logical id, which only a template without path
     * metadata needs (an app synthesized outside the CLI).
     */
    CfnTaskDefinition byLogicalId(String logicalId, WrittenStacks check) {
      if (TreeReader.exact(stack, logicalId) instanceof CfnTaskDefinition top && logicalId.equals(stack.resolve(top.getLogicalId()))) {
        return check.deferred.contains(top) || check.fixed.contains(top) ? top : null;
      }
      if (byLogicalId == null) {
        byLogicalId = new HashMap<>();
        List<CfnTaskDefinition> waiting = new ArrayList<>(check.deferred);
        waiting.addAll(check.fixed);
        for (CfnTaskDefinition cfn : waiting) {
          if (Stack.of(cfn) == stack) {
            byLogicalId.put(String.valueOf(stack.resolve(cfn.getLogicalId())), cfn);
          }
        }
      }
      return byLogicalId.get(logicalId);
    }
  }

  /** An image asset by hash from this stack's manifest or an earlier one: a nested stack's assets are in its parent's. */
  private Optional<ImageRef.Asset> asset(String hash, AssetManifest own) {
    Optional<ImageRef.Asset> asset = own.dockerImage(hash);
    for (int i = manifests.size() - 1; asset.isEmpty() && i >= 0; i--) {
      asset = manifests.get(i).dockerImage(hash);
    }
    return asset;
  }

  /** The value, or null when it is a token (an environment-agnostic stack). */
  private static String literal(String value) {
    return value == null || Token.isUnresolved(value) ? null : value;
  }
}
