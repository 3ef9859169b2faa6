package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Dockerfile as BuildKit's {@code instructions.Parse} sees it: the global ARGs before the first
 * FROM, then the stages. Every instruction of every stage is checked, also in stages the target
 * does not need, because BuildKit refuses such a file too.
 * The ARG instructions before the first FROM are its {@code metaArgs}.
 */
final class StagedDockerfile {
  private final String fileName;
  private final char escapeToken;
  private final List<Instruction.Arg> metaArgs;
  private final List<Stage> stages;
  // Names are unique (checked while staging), so a FROM finds its parent in constant time.
  private final Map<String, Stage> byName = new HashMap<>();

  StagedDockerfile(String fileName, char escapeToken, List<Instruction.Arg> metaArgs, List<Stage> stages) {
    this.fileName = fileName;
    this.escapeToken = escapeToken;
    this.metaArgs = List.copyOf(metaArgs);
    this.stages = List.copyOf(stages);
    for (Stage stage : this.stages) {
      if (stage.name() != null) {
        byName.putIfAbsent(stage.name(), stage);
      }
    }
  }

  String fileName() {
    return fileName;
  }

  char escapeToken() {
    return escapeToken;
  }

  List<Instruction.Arg> metaArgs() {
    return metaArgs;
  }

  List<Stage> stages() {
    return stages;
  }

  static StagedDockerfile of(DockerfileAst ast, Warnings warnings) {
    InstructionParser parser = new InstructionParser(ast.fileName(), warnings);
    List<Instruction.Arg> meta = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node node : ast.instructions()) {
      Instruction instruction = parser.parse(node);
      if (instruction instanceof Instruction.From f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from.stageName(), from, body));
        }
        if (stages.size() >= Limits.MAX_STAGES) {
          throw new DockerfileException(f.location(), "the Dockerfile has more than " + Limits.MAX_STAGES
              + " stages, the most HealthGuard evaluates");
        }
        checkUniqueName(f, names);
        from = f;
        body = new ArrayList<>();
      } else if (from == null) {
        if (!(instruction instanceof Instruction.Arg arg)) {
          throw new DockerfileException(instruction.location(), "no build stage in current context");
        }
        meta.add(arg);
      } else {
        body.add(instruction);
      }
    }
    if (from == null) {
      throw new DockerfileException(new SourceLocation(ast.fileName(), 0, 0, ""),
          "dockerfile contains no stages to build");
    }
    stages.add(new Stage(stages.size(), from.stageName(), from, body));
    return new StagedDockerfile(ast.fileName(), ast.escapeToken(), meta, stages);
  }

  private static void checkUniqueName(Instruction.From next, Set<String> names) {
    if (next.stageName() != null && !names.add(next.stageName())) {
      throw new DockerfileException(next.location(), "duplicate stage name " + GoText.quoteExcerpt(next.stageName()));
    }
  }

  /** The stage called {@code name} (case-insensitive) among the first {@code before} stages. */
  Stage named(String name, int before) {
    Stage stage = byName.get(name.toLowerCase(Locale.ROOT));
    return stage != null && stage.index() < before ? stage : null;
  }

  List<String> labels() {
    return stages.stream().map(Stage::label).toList();
  }
}
