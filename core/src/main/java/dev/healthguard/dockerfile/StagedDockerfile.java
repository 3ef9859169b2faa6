package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as BuildKit's {@code instructions.Parse} sees it: the global ARGs before the first
 * FROM, then the stages. Every instruction of every stage is checked, also in stages the target
 * does not need, because BuildKit refuses such a file too.
 *
 * @param metaArgs ARG instructions before the first FROM
 */
record StagedDockerfile(String fileName, char escapeToken, List<Instruction.Arg> metaArgs, List<Stage> stages) {

  StagedDockerfile {
    metaArgs = List.copyOf(metaArgs);
    stages = List.copyOf(stages);
  }

  static StagedDockerfile of(DockerfileAst ast, Warnings warnings) {
    InstructionParser parser = new InstructionParser(ast.fileName(), warnings);
    List<Instruction.Arg> meta = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (Node node : ast.instructions()) {
      Instruction instruction = parser.parse(node);
      if (instruction instanceof Instruction.From f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from.stageName(), from, body));
        }
        checkUniqueName(f, from, stages);
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

  private static void checkUniqueName(Instruction.From next, Instruction.From current, List<Stage> done) {
    if (next.stageName() == null) {
      return;
    }
    boolean clash = done.stream().anyMatch(s -> next.stageName().equals(s.name()))
        || (current != null && next.stageName().equals(current.stageName()));
    if (clash) {
      throw new DockerfileException(next.location(), "duplicate stage name " + GoText.quote(next.stageName()));
    }
  }

  /** The stage called {@code name} (case-insensitive) among the first {@code before} stages. */
  Stage named(String name, int before) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < Math.min(before, stages.size()); i++) {
      if (wanted.equals(stages.get(i).name())) {
        return stages.get(i);
      }
    }
    return null;
  }

  List<String> labels() {
    return stages.stream().map(Stage::label).toList();
  }
}
