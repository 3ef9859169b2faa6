package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Dockerfiles BuildKit refuses: each must fail with the file, the line and a short reason. */
class BrokenDockerfileTest {

  private static DockerfileException failure(String dockerfile) {
    return assertThrows(DockerfileException.class,
        () -> DockerfileEvaluator.evaluate(dockerfile, "Dockerfile.prod", BuildOptions.DEFAULT));
  }

  @Test
  void unterminatedHeredocNamesItsRunLine() {
    DockerfileException e = failure("FROM alpine\nRUN apk add curl\nRUN <<EOF\napk add jq\n");

    assertEquals("Dockerfile.prod:3: unterminated heredoc EOF", e.getMessage());
  }

  @Test
  void instructionBeforeFromIsRefused() {
    DockerfileException e = failure("# comment\nARG X=1\nRUN echo hi\nFROM alpine\n");

    assertEquals("Dockerfile.prod:3: no build stage in current context", e.getMessage());
    assertEquals("RUN echo hi", e.location().text());
  }

  @Test
  void fileWithOnlyArgsHasNoStages() {
    assertEquals("Dockerfile.prod: dockerfile contains no stages to build", failure("ARG X=1\n").getMessage());
  }

  @Test
  void emptyFileHasNoInstructions() {
    assertEquals("Dockerfile.prod: file with no instructions", failure("# nothing\n\n").getMessage());
  }

  @Test
  void jsonArrayOfNonStringsIsRefused() {
    DockerfileException e = failure("FROM alpine\nHEALTHCHECK CMD [\"curl\", [\"-f\"]]\n");

    assertEquals("Dockerfile.prod:2: when using JSON array syntax, arrays must be comprised of strings only",
        e.getMessage());
  }

  @Test
  void blankEnvNameIsRefused() {
    assertEquals("Dockerfile.prod:2: ENV names can not be blank", failure("FROM alpine\nENV =x\n").getMessage());
  }

  @Test
  void healthcheckNoneWithArgumentsIsRefused() {
    assertEquals("Dockerfile.prod:2: HEALTHCHECK NONE takes no arguments",
        failure("FROM alpine\nHEALTHCHECK NONE curl\n").getMessage());
  }

  @Test
  void healthcheckOfUnknownTypeIsRefused() {
    assertEquals("Dockerfile.prod:2: Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)",
        failure("FROM alpine\nHEALTHCHECK CONNECT TCP 7000\n").getMessage());
  }

  @Test
  void healthcheckWithABadDurationIsRefused() {
    assertEquals("Dockerfile.prod:2: HEALTHCHECK --interval: time: invalid duration \"soon\"",
        failure("FROM alpine\nHEALTHCHECK --interval=soon CMD true\n").getMessage());
    assertEquals("Dockerfile.prod:2: HEALTHCHECK --timeout: time: missing unit in duration \"30\"",
        failure("FROM alpine\nHEALTHCHECK --timeout=30 CMD true\n").getMessage());
    assertEquals("Dockerfile.prod:2: --retries cannot be negative (-1)",
        failure("FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n").getMessage());
  }

  @Test
  void unknownInstructionIsRefused() {
    assertEquals("Dockerfile.prod:2: unknown instruction: RUNN", failure("FROM alpine\nRUNN echo\n").getMessage());
  }

  @Test
  void fromWithTwoArgumentsIsRefused() {
    assertEquals("Dockerfile.prod:1: FROM requires either one or three arguments",
        failure("FROM alpine build\n").getMessage());
  }

  @Test
  void badStageNameIsRefused() {
    assertEquals("Dockerfile.prod:1: invalid name for build stage: \"1st\", name can't start with a number "
        + "or contain symbols", failure("FROM alpine AS 1st\n").getMessage());
  }

  @Test
  void duplicateStageNameIsRefused() {
    assertEquals("Dockerfile.prod:2: duplicate stage name \"app\"",
        failure("FROM alpine AS app\nFROM alpine AS App\n").getMessage());
  }

  @Test
  void copyWithoutDestinationIsRefused() {
    assertEquals("Dockerfile.prod:2: COPY requires at least two arguments, but only 1 was provided. "
        + "Destination could not be determined.", failure("FROM alpine\nCOPY app\n").getMessage());
  }

  @Test
  void badSubstitutionNamesTheInstruction() {
    assertEquals("Dockerfile.prod:2: WORKDIR: syntax error: bad substitution",
        failure("FROM alpine\nWORKDIR ${}\n").getMessage());
    assertEquals("Dockerfile.prod:1: FROM: unexpected end of statement while looking for matching single-quote",
        failure("FROM 'alpine\n").getMessage());
  }

  @Test
  void requiredArgWithoutValueIsRefused() {
    assertEquals("Dockerfile.prod:2: ARG IMAGE: REGISTRY: required",
        failure("ARG REGISTRY\nARG IMAGE=${REGISTRY:?required}/app\nFROM $IMAGE\n").getMessage());
  }

  @Test
  void shellFormShellIsRefused() {
    assertEquals("Dockerfile.prod:2: SHELL requires the arguments to be in JSON form",
        failure("FROM alpine\nSHELL /bin/bash -c\n").getMessage());
  }

  @Test
  void badPlatformOptionIsRefused() {
    DockerfileException e = assertThrows(DockerfileException.class, () -> DockerfileEvaluator.evaluate(
        "FROM alpine\n", "Dockerfile", new BuildOptions(null, java.util.Map.of(), "arm64")));

    assertEquals("Dockerfile: platform \"arm64\" is not os/arch[/variant], e.g. linux/arm64", e.getMessage());
  }
}
