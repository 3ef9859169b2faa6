package dev.healthguard;

import dev.healthguard.cdk.TreeReader;
import dev.healthguard.cdk.ContainerTarget;
import dev.healthguard.image.ImageRef;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import dev.healthguard.template.AssetManifest;
import dev.healthguard.template.CloudTemplate;
import dev.healthguard.template.TemplateTaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.constructs.IConstruct;

/**
 * The aspect's task definitions read the way the plugin reads them: from the templates the synth is
 * about to write. During the visits the aspect only collects stacks and task definitions, which
 * costs nothing but {@code instanceof}; every call to node costs a round trip, and reading a task
 * definition from the tree took dozens. A validation on the root then renders each stack once
 * ({@link StackRender}) and reads its task definitions with the plugin's template reader, so a
 * check replaced by an escape hatch is judged as deployed.
 *
 * <p>Only a task definition with findings is looked up in the tree again: its annotations go on
 * the container's construct (where acknowledgements are scoped, as before), and an image asset is
 * named by the directory it was staged from, so evidence points at the app's Dockerfile rather than
 * at its copy in {@code cdk.out}. A stack that cannot be rendered falls back to the tree reader.
 *
 * <p>Rendering is node's work and checking is Java's, so they overlap: a second thread reads and
 * checks each stack while node renders the next (the benchmark's 500 task definitions: 0.25–0.4 s
 * of checking hidden behind 0.4 s of rendering, benchmarks/README.md). That thread never calls
 * node; the main thread makes every jsii call.
 */
final class RenderedCheck {

  private final List<Stack> stacks = new ArrayList<>();
  /** The stack visited last before each deferred task definition: its own, except after a nested stack. */
  private final Set<Stack> stacksWithTasks = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<CfnTaskDefinition> deferred = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The manifests read so far, in render order; only the reading thread touches them. */
  private final List<AssetManifest> manifests = new ArrayList<>();
  private boolean done;

  void stack(Stack stack) {
    stacks.add(stack);
  }

  void defer(CfnTaskDefinition taskDefinition) {
    if (deferred.add(taskDefinition) && !stacks.isEmpty()) {
      stacksWithTasks.add(stacks.get(stacks.size() - 1));
    }
  }

  /** Renders, reads and checks what waits; once per synth. */
  void check(GuardRun run) {
    if (done || deferred.isEmpty()) {
      return;
    }
    done = true;
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("healthguard-render");
      checkRendered(run, scratch);
    } catch (IOException | RuntimeException e) {
      // Whatever the render could not show is read from the tree, as before.
      for (CfnTaskDefinition taskDefinition : List.copyOf(deferred)) {
        run.check(taskDefinition);
      }
    } finally {
      delete(scratch);
    }
  }

  private void checkRendered(GuardRun run, Path scratch) {
    Map<Stack, Rendered> rendered = new LinkedHashMap<>();
    List<Stack> failed = new ArrayList<>();
    // Stacks that held a task definition first; the others only when the count says one is missing.
    List<Stack> order = new ArrayList<>(stacks.stream().filter(stacksWithTasks::contains).toList());
    stacks.stream().filter(s -> !stacksWithTasks.contains(s)).forEach(order::add);
    if (order.isEmpty()) {
      return;
    }
    Path assembly = Path.of(Stage.of(order.get(0)).getOutdir());
    TargetChecker checker = run.checker(order.get(0));
    // While node renders the next stack, the Java side would wait: a second thread reads each
    // rendered stack and checks its containers meanwhile, in render order, so the checker sees the
    // same targets in the same order as before. It never calls node (jsii serves one thread).
    ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "healthguard-read");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<Stack, Future<Rendered>> reading = new LinkedHashMap<>();
      int found = 0;
      boolean counted = false;
      for (Stack stack : order) {
        boolean withTasks = stacksWithTasks.contains(stack);
        if (!withTasks && !counted) {
          found += collect(reading, rendered, failed, run);
          counted = true;
        }
        if (counted && found >= deferred.size()) {
          break;
        }
        StackRender render;
        String stackPath;
        try {
          stackPath = stack.getNode().getPath();
          render = StackRender.of(stack, scratch);
        } catch (RuntimeException e) {
          failed.add(stack);
          continue;
        }
        Path at = assembly;
        reading.put(stack, reader.submit(() -> read(stack, stackPath, render, at, checker)));
        if (counted) {
          found += collect(reading, rendered, failed, run); // one stack at a time, as the count decides
        }
      }
      collect(reading, rendered, failed, run);
    } finally {
      stop(reader);
    }
    for (Rendered r : rendered.values()) {
      for (TemplateTaskDefinition taskDefinition : r.taskDefinitions(this)) {
        List<Target> targets = taskDefinition.containers().stream().map(r::withStackEnv).toList();
        String logicalId = taskDefinition.logicalId();
        String path = targets.isEmpty() ? r.stackPath() + "/" + logicalId : targets.get(0).taskDefinition();
        // Without the CLI's path metadata a resource is named <stack>/<logicalId> (so is a bare L1 at
        // the stack's top): then only its logical id tells whether the aspect deferred it.
        boolean byPath = !path.equals(r.stackPath() + "/" + logicalId);
        CfnTaskDefinition cfn = null;
        if (byPath) {
          if (run.checked(path)) {
            continue; // fix mode read and changed it during the visits
          }
        } else {
          cfn = r.byLogicalId(logicalId, this);
          if (cfn == null) {
            continue; // not deferred: fix mode's, or not visited
          }
        }
        Boolean clean = r.clean(taskDefinition);
        if (clean == null) {
          clean = targets.stream().allMatch(t -> checker.check(t).isEmpty());
        }
        if (clean) {
          run.countClean(path, targets.size());
          deferred.remove(cfn);
          continue;
        }
        if (cfn == null) {
          cfn = r.byPath(path, this);
        }
        if (cfn == null) {
          continue;
        }
        deferred.remove(cfn);
        run.check(cfn, containers(cfn, targets));
      }
    }
    if (!failed.isEmpty()) {
      for (CfnTaskDefinition taskDefinition : List.copyOf(deferred)) {
        if (failed.contains(Stack.of(taskDefinition))) {
          run.check(taskDefinition);
        }
      }
    }
  }

  /**
   * On the reading thread: a rendered stack's template, asset manifest and task definitions, and
   * whether each task definition's containers are clean; null when the stack cannot be read (the
   * tree reader then checks its task definitions). A target whose image needs the stack's account
   * and region (a call to node) is left for the main thread.
   */
  private Rendered read(Stack stack, String stackPath, StackRender render, Path assembly, TargetChecker checker) {
    Rendered r;
    try {
      CloudTemplate template = CloudTemplate.readJson(render.template());
      AssetManifest assets = render.assetManifest() == null ? AssetManifest.none()
          : AssetManifest.read(render.assetManifest(), assembly);
      manifests.add(assets);
      r = new Rendered(stack, stackPath, template, assets);
      r.taskDefinitions(this);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    for (TemplateTaskDefinition taskDefinition : r.taskDefinitions(this)) {
      if (taskDefinition.containers().stream().noneMatch(Rendered::needsStackEnv)) {
        r.verdicts.put(taskDefinition, taskDefinition.containers().stream().allMatch(t -> checker.check(t).isEmpty()));
      }
    }
    return r;
  }

  /** Stops the reading thread and waits for it: after a failure the main thread checks with the same checker. */
  private static void stop(ExecutorService reader) {
    reader.shutdownNow();
    try {
      reader.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits for the stacks being read, in render order, and returns how many of their task
   * definitions the aspect deferred. A check that failed fails here, as if it had run on this thread.
   */
  private int collect(Map<Stack, Future<Rendered>> reading, Map<Stack, Rendered> rendered, List<Stack> failed,
      GuardRun run) {
    int found = 0;
    for (Map.Entry<Stack, Future<Rendered>> entry : reading.entrySet()) {
      Rendered r;
      try {
        r = entry.getValue().get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException checking ? checking : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the rendered templates", e);
      }
      if (r == null) {
        failed.add(entry.getKey());
        continue;
      }
      rendered.put(entry.getKey(), r);
      found += (int) r.taskDefinitions(this).stream()
          .filter(t -> t.containers().isEmpty() || !run.checked(t.containers().get(0).taskDefinition())).count();
    }
    reading.clear();
    return found;
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

  /** One rendered stack. */
  private static final class Rendered {
    private final Stack stack;
    private final String stackPath;
    private final CloudTemplate template;
    private final AssetManifest assets;
    private List<TemplateTaskDefinition> taskDefinitions;
    private Map<String, CfnTaskDefinition> byLogicalId;
    private String[] env;
    /** Whether each task definition's containers are clean, as the reading thread found; absent when it left one. */
    private final Map<TemplateTaskDefinition, Boolean> verdicts = new IdentityHashMap<>();

    Rendered(Stack stack, String stackPath, CloudTemplate template, AssetManifest assets) {
      this.stack = stack;
      this.stackPath = stackPath;
      this.template = template;
      this.assets = assets;
    }

    Stack stack() {
      return stack;
    }

    String stackPath() {
      return stackPath;
    }

    List<TemplateTaskDefinition> taskDefinitions(RenderedCheck check) {
      if (taskDefinitions == null) {
        taskDefinitions = template.taskDefinitions(stackPath, hash -> check.asset(hash, assets));
      }
      return taskDefinitions;
    }

    Boolean clean(TemplateTaskDefinition taskDefinition) {
      return verdicts.get(taskDefinition);
    }

    static boolean needsStackEnv(Target target) {
      return target.image() instanceof ImageRef.Ecr ecr && !ecr.addressable();
    }

    /** fromEcrRepository renders ${AWS::AccountId} and ${AWS::Region}: the stack's env says which. */
    Target withStackEnv(Target target) {
      if (!needsStackEnv(target)) {
        return target;
      }
      ImageRef.Ecr ecr = (ImageRef.Ecr) target.image();
      if (env == null) {
        env = new String[] {literal(stack.getAccount()), literal(stack.getRegion())};
      }
      return target.withImage(ecr.withDefaults(env[0], env[1]));
    }

    /** The deferred L1 at a construct path (the L2's or its own), or null. */
    CfnTaskDefinition byPath(String path, RenderedCheck check) {
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
     * The deferred L1 with this logical id in this stack, or null. A bare L1 at the stack's top is
     * found by its path; otherwise every deferred task definition of the stack is asked its logical
     * id, which only a template without path metadata needs (an app synthesized outside the CLI).
     */
    CfnTaskDefinition byLogicalId(String logicalId, RenderedCheck check) {
      if (TreeReader.exact(stack, logicalId) instanceof CfnTaskDefinition top && logicalId.equals(stack.resolve(top.getLogicalId()))) {
        return check.deferred.contains(top) ? top : null;
      }
      if (byLogicalId == null) {
        byLogicalId = new HashMap<>();
        for (CfnTaskDefinition cfn : check.deferred) {
          if (Stack.of(cfn) == stack) {
            byLogicalId.put(String.valueOf(stack.resolve(cfn.getLogicalId())), cfn);
          }
        }
      }
      return byLogicalId.get(logicalId);
    }

  }

  /** An image asset by hash from any rendered manifest: a nested stack's assets are in its parent's. */
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

  private static void delete(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a scratch directory in the temp dir; nothing depends on it
    }
  }
}
