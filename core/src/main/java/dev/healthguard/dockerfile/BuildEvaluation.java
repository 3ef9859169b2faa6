package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One build of a staged Dockerfile, in the order BuildKit's dockerfile2llb/convert.go works: the
 * global ARGs (with build args and platform ARGs), the target, the FROM chain from the target back
 * to an external image, and the stages of that chain applied root first. Stages the target does
 * not need are checked but not evaluated, since BuildKit does not build them either.
 */
final class BuildEvaluation {
  private final StagedDockerfile file;
  private final BuildOptions options;
  private final Warnings warnings;
  private final WordExpander expander;
  private final ExpansionBudget budget = new ExpansionBudget();
  private final Map<String, String> platformArgs;
  // Global ARGs: declared name to value, null when declared without one.
  private final Map<String, String> globalArgs = new LinkedHashMap<>();

  /** Where a stage's FROM leads: an earlier stage, or an external image (null if unknown). */
  private record Base(Stage parent, String image, String platform) {}

  BuildEvaluation(StagedDockerfile file, BuildOptions options, Warnings warnings) {
    this.file = file;
    this.options = options;
    this.warnings = warnings;
    this.expander = new WordExpander(file.escapeToken());
    this.platformArgs = PlatformArgs.of(options.platform(), file.fileName());
  }

  ImageRecipe run() {
    evaluateGlobalArgs();
    Stage target = target();
    List<Stage> chain = new ArrayList<>(); // target first
    Base base;
    Stage current = target;
    while (true) {
      chain.add(current);
      base = base(current);
      if (base.parent() == null) {
        break;
      }
      current = base.parent();
    }
    ImageState image = new ImageState();
    Map<String, String> stageDefaults = new LinkedHashMap<>(platformArgs);
    stageDefaults.putAll(globalArgs);
    for (int i = chain.size() - 1; i >= 0; i--) {
      new StageEvaluation(file, chain.get(i), image, warnings, options.buildArgs(), stageDefaults, budget).run();
    }
    warnUnusedBuildArgs();
    Stage root = chain.get(chain.size() - 1);
    return new ImageRecipe(
        file.fileName(), target.label(), base.image(), root.from().location(),
        chain.stream().map(Stage::label).toList(), image.steps, image.healthcheck, image.pathEnv,
        image.pathInstruction, image.user, base.platform(), warnings.list());
  }

  private void evaluateGlobalArgs() {
    for (Instruction.Arg arg : file.metaArgs()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (Instruction.Declaration d : arg.declarations()) {
        String value;
        if (platformArgs.containsKey(d.name())) {
          value = platformArgs.get(d.name()); // set by --platform, not by build args
        } else if (options.buildArgs().containsKey(d.name())) {
          value = options.buildArgs().get(d.name());
        } else if (d.defaultValue() != null) {
          value = expandGlobal(d.defaultValue(), arg.location(), "ARG " + d.name());
        } else {
          value = null;
        }
        values.put(d.name(), value);
      }
      globalArgs.putAll(values);
    }
  }

  private Stage target() {
    if (options.target() == null) {
      return file.stages().get(file.stages().size() - 1);
    }
    String wanted = options.target().toLowerCase(Locale.ROOT);
    for (Stage stage : file.stages()) {
      if (wanted.equals(stage.name())) {
        return stage;
      }
    }
    throw new DockerfileException(new SourceLocation(file.fileName(), 0, 0, ""),
        "target stage " + GoText.quoteExcerpt(options.target()) + " could not be found; the stages are: "
            + Excerpt.inline(String.join(", ", file.labels())));
  }

  // FROM sees only global ARGs, build args for them, and the platform ARGs.
  private Base base(Stage stage) {
    Instruction.From from = stage.from();
    String platform = from.platform() == null ? null : expandGlobal(from.platform(), from.location(), "FROM --platform");
    WordExpander.Expansion image = expansion(from.image(), from.location(), "FROM");
    if (!image.unset().isEmpty()) {
      warnings.add(from.location(), "FROM " + Excerpt.inline(from.image()) + ": " + dollars(image.unset())
          + " has no value; declare it with a global ARG default or pass it as a build arg");
      return new Base(null, null, platform);
    }
    if (image.word().isEmpty()) {
      throw new DockerfileException(from.location(), "base name (" + Excerpt.inline(from.image()) + ") should not be blank");
    }
    Stage parent = file.named(image.word(), stage.index());
    return new Base(parent, parent == null ? image.word() : null, platform);
  }

  private String expandGlobal(String raw, SourceLocation at, String what) {
    WordExpander.Expansion e = expansion(raw, at, what);
    if (!e.unset().isEmpty()) {
      warnings.add(at, what + ": " + dollars(e.unset()) + " has no value");
    }
    return e.word();
  }

  private WordExpander.Expansion expansion(String raw, SourceLocation at, String what) {
    try {
      return expander.expand(
          raw, name -> globalArgs.containsKey(name) ? globalArgs.get(name) : platformArgs.get(name), budget);
    } catch (SyntaxProblem | LimitExceeded e) {
      throw new DockerfileException(at, what + ": " + e.getMessage());
    }
  }

  private void warnUnusedBuildArgs() {
    Set<String> declared = new HashSet<>(globalArgs.keySet());
    for (Stage stage : file.stages()) {
      for (Instruction instruction : stage.body()) {
        if (instruction instanceof Instruction.Arg arg) {
          arg.declarations().forEach(d -> declared.add(d.name()));
        }
      }
    }
    for (String name : options.buildArgs().keySet()) {
      if (!declared.contains(name)) {
        warnings.add(new SourceLocation(file.fileName(), 0, 0, ""),
            "build arg " + name + " is not declared by any ARG and has no effect");
      }
    }
  }

  private static String dollars(Set<String> names) {
    return String.join(", ", names.stream().map(n -> "$" + n).toList());
  }
}
