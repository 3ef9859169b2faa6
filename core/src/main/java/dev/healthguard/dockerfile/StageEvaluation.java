package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies the instructions of one stage to the {@link ImageState}, expanding words the way
 * BuildKit's dispatcher does (dockerfile2llb/convert.go): with the ENV values so far and the
 * stage's own ARGs, ENV winning over an ARG of the same name.
 */
final class StageEvaluation {
  private final StagedDockerfile file;
  private final Stage stage;
  private final ImageState image;
  private final Warnings warnings;
  private final Map<String, String> buildArgs;
  private final Map<String, String> globalArgs;
  private final WordExpander expander;
  private final ExpansionBudget budget;
  // Stage-local ARGs; a null value is an ARG declared without a value, which leaves it unset.
  private final Map<String, String> args = new LinkedHashMap<>();

  /**
   * @param globalArgs the global ARG values (null for declared without one) and the automatic
   *     platform ARGs, which a bare {@code ARG NAME} in the stage brings in
   */
  StageEvaluation(
      StagedDockerfile file, Stage stage, ImageState image, Warnings warnings,
      Map<String, String> buildArgs, Map<String, String> globalArgs, ExpansionBudget budget) {
    this.file = file;
    this.stage = stage;
    this.image = image;
    this.warnings = warnings;
    this.buildArgs = buildArgs;
    this.globalArgs = globalArgs;
    this.expander = new WordExpander(file.escapeToken());
    this.budget = budget;
  }

  void run() {
    for (Instruction instruction : stage.body()) {
      apply(instruction);
    }
  }

  // CMD, ENTRYPOINT, LABEL, EXPOSE…: nothing a health check depends on, so they are skipped.
  private void apply(Instruction instruction) {
    if (instruction instanceof Instruction.Arg arg) {
      arg(arg);
    } else if (instruction instanceof Instruction.Env env) {
      env(env);
    } else if (instruction instanceof Instruction.Workdir workdir) {
      workdir(workdir);
    } else if (instruction instanceof Instruction.User user) {
      image.user = expand(user.user(), user.location(), "USER");
    } else if (instruction instanceof Instruction.Healthcheck healthcheck) {
      image.healthcheck = healthcheck.value();
    } else if (instruction instanceof Instruction.Shell shell) {
      image.shell = shell.shell();
    } else if (instruction instanceof Instruction.Copy copy) {
      copy(copy);
    } else if (instruction instanceof Instruction.Run run) {
      run(run);
    }
  }

  /**
   * Analyses a RUN within {@link Limits#MAX_RUN_ANALYSES} and {@link Limits#MAX_RUN_CHARS}; past
   * them the RUN is kept as opaque text, which still weakens what the profile may claim absent.
   */
  private void run(Instruction.Run run) {
    SourceLocation at = run.location();
    int chars = run.command().stream().mapToInt(String::length).sum()
        + run.heredocs().stream().mapToInt(h -> h.content().length()).sum();
    image.runs++;
    if (chars > Limits.MAX_RUN_CHARS) {
      opaque(run, "this RUN is longer than " + Limits.MAX_RUN_CHARS + " characters, the most HealthGuard analyses");
    } else if (image.runs > Limits.MAX_RUN_ANALYSES) {
      opaque(run, image.runs == Limits.MAX_RUN_ANALYSES + 1 ? "the build has more than " + Limits.MAX_RUN_ANALYSES
          + " RUN instructions, the most HealthGuard analyses; this one and later ones are" : null);
    } else {
      try {
        image.steps.addAll(new RunAnalyzer(image.ledger, warnings, this::value, budget, at).analyze(run, image.shell));
      } catch (LimitExceeded e) {
        opaque(run, "RUN: " + e.getMessage());
      }
    }
  }

  private void opaque(Instruction.Run run, String why) {
    if (why != null) {
      warnings.add(run.location(), why + "; treated as opaque");
    }
    StringBuilder text = new StringBuilder(String.join(" ", run.command()));
    run.heredocs().forEach(h -> text.append('\n').append(h.content()));
    image.steps.add(new Step.OpaqueRun(text.toString(), run.location()));
  }

  /** The value a word sees: ENV first, then the stage's ARGs; null when unset. */
  private String value(String name) {
    if (image.env.containsKey(name)) {
      return image.env.get(name);
    }
    return args.get(name);
  }

  private boolean declared(String name) {
    return image.env.containsKey(name) || args.containsKey(name);
  }

  private void arg(Instruction.Arg instruction) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Instruction.Declaration d : instruction.declarations()) {
      String value;
      if (buildArgs.containsKey(d.name())) {
        value = buildArgs.get(d.name());
      } else if (d.defaultValue() != null) {
        value = expand(d.defaultValue(), instruction.location(), "ARG " + d.name());
      } else {
        value = globalArgs.get(d.name());
      }
      values.put(d.name(), value);
    }
    args.putAll(values);
  }

  // Every value of one ENV is expanded with the values from before it (BuildKit semantics).
  private void env(Instruction.Env instruction) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Instruction.Pair pair : instruction.pairs()) {
      String key = expand(pair.key(), instruction.location(), "ENV");
      values.put(key, expandKeepingUnknown(pair.value(), instruction.location(), "ENV " + key));
    }
    image.env.putAll(values);
    if (values.containsKey("PATH")) {
      image.pathEnv = values.get("PATH");
      image.pathInstruction = instruction.location();
    }
  }

  private void workdir(Instruction.Workdir instruction) {
    String path = expand(instruction.path(), instruction.location(), "WORKDIR");
    if (!path.startsWith("/") && image.workdir == null) {
      warnings.add(instruction.location(), "WORKDIR " + Excerpt.inline(path)
          + " is relative to the base image's working directory, which is not known; / assumed");
    }
    image.workdir = path.startsWith("/") ? CopyPaths.clean(path) : CopyPaths.join(image.workdirOrRoot(), path);
    image.directories.add(image.workdir);
  }

  private void copy(Instruction.Copy instruction) {
    SourceLocation at = instruction.location();
    String keyword = instruction.add() ? "ADD" : "COPY";
    List<String> sources = instruction.sources().stream().map(source -> {
      String heredoc = heredocName(source, instruction.heredocs());
      return heredoc != null ? heredoc : expand(source, at, keyword);
    }).toList();
    String destination = expand(instruction.destination(), at, keyword);
    if (!destination.startsWith("/") && image.workdir == null) {
      warnings.add(at, keyword + " destination " + Excerpt.inline(destination)
          + " is relative to the base image's working directory, which is not known; / assumed");
    }
    List<String> paths = CopyPaths.of(sources, destination, image.workdirOrRoot(), instruction.add(), image.directories);
    paths.stream().filter(p -> p.endsWith("/")).map(CopyPaths::clean).forEach(image.directories::add);
    String from = instruction.from() == null ? null : fromLabel(expand(instruction.from(), at, keyword + " --from"));
    image.steps.add(new Step.FilesAdded(paths, from, at));
  }

  // A heredoc source is inline content; the file it makes is named after the heredoc.
  private static String heredocName(String source, List<Heredoc> heredocs) {
    Heredoc marker = heredocs.isEmpty() ? null : HeredocMarkers.parseOrNull(source);
    if (marker == null) {
      return null;
    }
    return heredocs.stream().anyMatch(h -> h.name().equals(marker.name())) ? marker.name() : null;
  }

  // --from names a stage (case-insensitive), a stage index, or else an image.
  private String fromLabel(String from) {
    if (from.matches("\\d+")) {
      int index = Integer.parseInt(from);
      if (index < file.stages().size()) {
        return file.stages().get(index).label();
      }
    }
    Stage named = file.named(from, file.stages().size());
    return named != null ? named.label() : from;
  }

  private String expand(String raw, SourceLocation at, String what) {
    return expand(raw, at, what, this::value);
  }

  /**
   * ENV values keep a reference to a variable this Dockerfile never sets as {@code ${NAME}}:
   * only the base image knows it ({@code ENV PATH=/app/bin:$PATH} gives {@code
   * /app/bin:${PATH}}, which the image profile completes).
   */
  private String expandKeepingUnknown(String raw, SourceLocation at, String what) {
    return expand(raw, at, what, name -> {
      if (declared(name)) {
        return value(name);
      }
      if (!name.equals("PATH")) {
        warnings.add(at, what + ": $" + name + " is not set in this Dockerfile; kept as ${" + name
            + "} (the base image may set it)");
      }
      return "${" + name + "}";
    });
  }

  private String expand(String raw, SourceLocation at, String what, Function<String, String> variables) {
    WordExpander.Expansion expansion;
    try {
      expansion = expander.expand(raw, variables::apply, budget);
    } catch (SyntaxProblem | LimitExceeded e) {
      throw new DockerfileException(at, what + ": " + e.getMessage());
    }
    for (String name : expansion.unset()) {
      warnings.add(at, what + ": $" + name + " has no value");
    }
    return expansion.word();
  }
}
