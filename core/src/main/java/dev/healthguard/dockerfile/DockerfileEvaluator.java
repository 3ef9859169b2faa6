package dev.healthguard.dockerfile;

import java.util.Objects;

/**
 * Works out what one {@code docker build} of a Dockerfile produces, as far as health checks care
 * (BuildKit's instructions layer and dispatcher, without building anything): ARG and ENV
 * expansion, the {@code --target}, FROM chains through earlier stages, COPY/ADD destinations,
 * packages installed and removed by RUN, and the final PATH, USER and HEALTHCHECK.
 */
public final class DockerfileEvaluator {
  private DockerfileEvaluator() {}

  /**
   * Evaluates a Dockerfile for one set of build options.
   *
   * @param content the Dockerfile's text
   * @param fileName its name, for messages and {@link SourceLocation}s
   * @param options target, build args and platform; null means {@link BuildOptions#DEFAULT}
   * @throws DockerfileException for a Dockerfile BuildKit would refuse, or an unknown target
   */
  public static ImageRecipe evaluate(String content, String fileName, BuildOptions options) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    BuildOptions effective = options == null ? BuildOptions.DEFAULT : options;
    try {
      Warnings warnings = new Warnings();
      DockerfileAst ast = DockerfileParser.parse(content, fileName);
      warnings.addAll(ast.warnings());
      StagedDockerfile file = StagedDockerfile.of(ast, warnings);
      return new BuildEvaluation(file, effective, warnings).run();
    } catch (DockerfileException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug of ours must still reach the user as a finding about this file, not a stack trace.
      throw new DockerfileException(new SourceLocation(fileName, 0, 0, ""),
          "HealthGuard could not evaluate this Dockerfile (" + e + ")", e);
    }
  }
}
