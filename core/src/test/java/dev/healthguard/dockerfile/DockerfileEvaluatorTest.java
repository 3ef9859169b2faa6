package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileEvaluatorTest {

  private static ImageRecipe evaluate(String dockerfile) {
    return DockerfileEvaluator.evaluate(dockerfile, "Dockerfile", BuildOptions.DEFAULT);
  }

  private static ImageRecipe evaluate(String dockerfile, BuildOptions options) {
    return DockerfileEvaluator.evaluate(dockerfile, "Dockerfile", options);
  }

  @Test
  void finalStageOfAMultiStageGoBuildIsTheAlpineImage() {
    // GIVEN FROM golang:1.19 AS build … FROM golang:1.19.2-alpine … COPY --from=build
    ImageRecipe recipe = Fixtures.evaluate("multistage-go.Dockerfile");

    // THEN
    assertEquals("golang:1.19.2-alpine", recipe.baseImage());
    assertEquals("1", recipe.target());
    assertEquals(List.of("1"), recipe.stageChain());
    assertEquals(10, recipe.baseInstruction().startLine());
    assertEquals(List.of(
        new Step.PackagesAdded("apk", List.of("curl"), recipe.steps().get(0).location()),
        new Step.FilesAdded(List.of("/usr/local/bin/server"), "build", recipe.steps().get(1).location())),
        recipe.steps());
    assertEquals(11, recipe.steps().get(0).location().startLine());
    assertEquals(List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), recipe.healthcheck().test());
    assertEquals(30, recipe.healthcheck().interval());
    assertEquals(3, recipe.healthcheck().timeout());
    assertEquals(13, recipe.healthcheck().location().startLine());
    assertEquals(14, recipe.healthcheck().location().endLine());
    assertEquals("nobody", recipe.user());
    assertNull(recipe.pathEnv());
  }

  @Test
  void targetChoosesAMiddleStageAndFollowsItsChain() {
    ImageRecipe recipe = DockerfileEvaluator.evaluate(
        Fixtures.dockerfile("targets.Dockerfile"), "Dockerfile", new BuildOptions("build", Map.of(), null));

    assertEquals("build", recipe.target());
    assertEquals(List.of("build", "deps", "base"), recipe.stageChain());
    assertEquals("node:20-alpine", recipe.baseImage());
    assertEquals("node", recipe.user());
    assertEquals("/app/node_modules/.bin:${PATH}", recipe.pathEnv());
    assertEquals(3, recipe.pathInstruction().startLine());
    List<String> files = recipe.steps().stream()
        .filter(s -> s instanceof Step.FilesAdded).flatMap(s -> ((Step.FilesAdded) s).paths().stream()).toList();
    assertEquals(List.of("/app/package.json", "/app/package-lock.json", "/app/"), files);
  }

  @Test
  void targetNamesAreCaseInsensitive() {
    ImageRecipe recipe = DockerfileEvaluator.evaluate(
        Fixtures.dockerfile("targets.Dockerfile"), "Dockerfile", new BuildOptions("DEPS", Map.of(), null));

    assertEquals("deps", recipe.target());
  }

  @Test
  void withoutTargetTheLastStageIsBuilt() {
    ImageRecipe recipe = Fixtures.evaluate("targets.Dockerfile");

    assertEquals("runtime", recipe.target());
    assertEquals("gcr.io/distroless/nodejs20-debian12", recipe.baseImage());
    // a source without a trailing slash is taken to be a file; its destination is then exact
    assertEquals(List.of(new Step.FilesAdded(List.of("/app/dist"), "build", recipe.steps().get(0).location())),
        recipe.steps());
    assertNull(recipe.user());
  }

  @Test
  void unknownTargetIsAnErrorListingTheStages() {
    DockerfileException e = assertThrows(DockerfileException.class, () -> DockerfileEvaluator.evaluate(
        Fixtures.dockerfile("targets.Dockerfile"), "Dockerfile.prod", new BuildOptions("prod", Map.of(), null)));

    assertEquals("Dockerfile.prod: target stage \"prod\" could not be found; the stages are: "
        + "base, deps, build, runtime", e.getMessage());
  }

  @Test
  void globalArgDefaultNamesTheBaseImage() {
    String dockerfile = "ARG BASE_IMAGE=node:20-slim\nFROM ${BASE_IMAGE}\n";

    assertEquals("node:20-slim", evaluate(dockerfile).baseImage());
  }

  @Test
  void buildArgOverridesTheGlobalArgDefault() {
    String dockerfile = "ARG BASE_IMAGE=node:20-slim\nFROM $BASE_IMAGE AS app\n";

    ImageRecipe recipe = evaluate(dockerfile, new BuildOptions(null, Map.of("BASE_IMAGE", "node:20-alpine"), null));

    assertEquals("node:20-alpine", recipe.baseImage());
    assertEquals("app", recipe.target());
  }

  @Test
  void globalArgsSeeEarlierGlobalArgsAndDefaults() {
    String dockerfile = """
        ARG REGISTRY=public.ecr.aws/docker/library
        ARG VERSION
        FROM ${REGISTRY}/python:${VERSION:-3.12}-slim
        """;

    assertEquals("public.ecr.aws/docker/library/python:3.12-slim", evaluate(dockerfile).baseImage());
  }

  @Test
  void fromWithAnUnsetArgLeavesTheBaseImageUnknownWithAWarning() {
    ImageRecipe recipe = evaluate("FROM ${IMAGE}\n");

    assertNull(recipe.baseImage());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.startsWith("Dockerfile:1: FROM ${IMAGE}: $IMAGE")),
        recipe.warnings().toString());
  }

  @Test
  void aStageArgIsNotVisibleInFrom() {
    // GIVEN an ARG declared inside a stage, which FROM cannot see
    String dockerfile = "FROM alpine AS a\nARG TAG=3.19\nFROM alpine:${TAG}\n";

    ImageRecipe recipe = evaluate(dockerfile);

    assertNull(recipe.baseImage());
  }

  @Test
  void platformArgsDefaultToLinuxAmd64AndFollowThePlatformOption() {
    String dockerfile = """
        FROM --platform=$BUILDPLATFORM golang:1.22 AS build
        ARG TARGETARCH
        RUN GOARCH=$TARGETARCH go build -o /out/app .
        FROM --platform=$TARGETPLATFORM alpine:3.19
        ARG TARGETOS TARGETARCH
        ENV TARGET=$TARGETOS/$TARGETARCH
        """;

    ImageRecipe byDefault = evaluate(dockerfile);
    ImageRecipe arm = evaluate(dockerfile, new BuildOptions(null, Map.of(), "linux/arm64"));

    assertEquals("linux/amd64", byDefault.platform());
    assertEquals("linux/arm64", arm.platform());
    assertEquals("alpine:3.19", arm.baseImage());
  }

  @Test
  void copyFromAnExternalImageKeepsTheImageName() {
    String dockerfile = """
        FROM gcr.io/distroless/static-debian12
        COPY --from=busybox:1.36-musl /bin/busybox /busybox/busybox
        COPY --from=ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.28 /ko-app/grpc-health-probe /bin/
        """;

    List<Step> steps = evaluate(dockerfile).steps();

    assertEquals(new Step.FilesAdded(List.of("/busybox/busybox"), "busybox:1.36-musl", steps.get(0).location()),
        steps.get(0));
    assertEquals(new Step.FilesAdded(List.of("/bin/grpc-health-probe"),
        "ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.28", steps.get(1).location()), steps.get(1));
  }

  @Test
  void copyFromAStageByIndexOrDifferentCaseNamesTheStage() {
    String dockerfile = """
        FROM golang:1.22 AS Builder
        RUN go build -o /app .
        FROM scratch
        COPY --from=0 /app /app
        COPY --from=BUILDER /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        """;

    List<Step> steps = evaluate(dockerfile).steps();

    assertEquals("builder", ((Step.FilesAdded) steps.get(0)).from());
    assertEquals("builder", ((Step.FilesAdded) steps.get(1)).from());
    assertEquals(List.of("/etc/ssl/certs/ca-certificates.crt"), ((Step.FilesAdded) steps.get(1)).paths());
  }

  @Test
  void packagesAddedUnderAVirtualGroupAreRemovedWithIt() {
    ImageRecipe recipe = Fixtures.evaluate("build-deps.Dockerfile");

    List<Step> steps = recipe.steps();
    SourceLocation run1 = steps.get(0).location();
    SourceLocation run2 = steps.get(3).location();
    SourceLocation run3 = steps.get(4).location();
    assertEquals(List.of(
        new Step.PackagesAdded("apk", List.of("gcc", "musl-dev"), run1),
        new Step.OpaqueRun("pip install --no-cache-dir uwsgi", run1),
        new Step.PackagesRemoved("apk", List.of("gcc", "musl-dev"), run1),
        new Step.PackagesAdded("apk", List.of("curl", "wget"), run2),
        new Step.PackagesRemoved("apk", List.of("wget"), run3)), steps);
    assertEquals(2, run1.startLine());
    assertEquals(4, run1.endLine());
    // continuations joined, blanks collapsed
    assertEquals("RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir uwsgi"
        + " && apk del .build-deps", run1.text());
  }

  @Test
  void heredocRunInstallsCurl() {
    ImageRecipe recipe = Fixtures.evaluate("heredoc-curl.Dockerfile");

    SourceLocation run = recipe.steps().get(0).location();
    assertEquals(List.of(
        new Step.OpaqueRun("set -eux\napt-get update", run),
        new Step.PackagesAdded("apt", List.of("curl", "ca-certificates"), run),
        new Step.OpaqueRun("rm -rf /var/lib/apt/lists/*", run)), recipe.steps());
    assertEquals(2, run.startLine());
    assertEquals(7, run.endLine());
    assertEquals(8, recipe.healthcheck().location().startLine());
  }

  @Test
  void pathEnvKeepsTheBaseImagePathAsAReference() {
    String dockerfile = """
        FROM python:3.12-slim AS base
        ENV PATH=/app/bin:$PATH
        FROM base
        ENV VIRTUAL_ENV=/opt/venv
        ENV PATH="$VIRTUAL_ENV/bin:${PATH}"
        """;

    ImageRecipe recipe = evaluate(dockerfile);

    assertEquals("/opt/venv/bin:/app/bin:${PATH}", recipe.pathEnv());
    assertEquals(5, recipe.pathInstruction().startLine());
    assertTrue(recipe.warnings().isEmpty(), recipe.warnings().toString());
  }

  @Test
  void legacyEnvFormSetsPathToo() {
    ImageRecipe recipe = evaluate("FROM ubuntu:22.04\nENV PATH /usr/local/go/bin:$PATH\n");

    assertEquals("/usr/local/go/bin:${PATH}", recipe.pathEnv());
  }

  @Test
  void envValuesSeeOnlyValuesFromBeforeTheirInstruction() {
    String dockerfile = "FROM alpine\nENV A=hello\nENV A=bye B=$A\nENV PATH=/$B:$PATH\n";

    assertEquals("/hello:${PATH}", evaluate(dockerfile).pathEnv());
  }

  @Test
  void anEnvVariableOnlyTheBaseImageKnowsIsKeptAsAReference() {
    ImageRecipe recipe = evaluate("FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\n");

    assertEquals("${GOPATH}/bin:${PATH}", recipe.pathEnv());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("$GOPATH is not set in this Dockerfile")),
        recipe.warnings().toString());
  }

  @Test
  void stageArgsTakeBuildArgsThenDefaultsThenGlobalValues() {
    String dockerfile = """
        ARG VERSION=1.0
        FROM alpine
        ARG VERSION
        ARG DIR=/opt/app-${VERSION}
        WORKDIR $DIR
        COPY app.jar .
        """;

    ImageRecipe byDefault = evaluate(dockerfile);
    ImageRecipe overridden = evaluate(dockerfile, new BuildOptions(null, Map.of("VERSION", "2.0"), null));

    assertEquals(List.of("/opt/app-1.0/app.jar"), ((Step.FilesAdded) byDefault.steps().get(0)).paths());
    assertEquals(List.of("/opt/app-2.0/app.jar"), ((Step.FilesAdded) overridden.steps().get(0)).paths());
  }

  @Test
  void userIsExpandedAndTheLastOneWins() {
    String dockerfile = "FROM alpine\nARG UID=10001\nUSER root\nUSER ${UID}:${UID}\n";

    assertEquals("10001:10001", evaluate(dockerfile).user());
  }

  @Test
  void healthcheckFlagsBecomeWholeSecondsRoundedUp() {
    String dockerfile = """
        FROM alpine
        HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=5s --start-interval=1s --retries=3 \\
          CMD ["wget", "-qO-", "http://localhost:8080/"]
        """;

    ImageRecipe.HealthcheckInstruction hc = evaluate(dockerfile).healthcheck();

    assertEquals(List.of("CMD", "wget", "-qO-", "http://localhost:8080/"), hc.test());
    assertEquals(90, hc.interval());
    assertEquals(1, hc.timeout());
    assertEquals(5, hc.startPeriod());
    assertEquals(3, hc.retries());
  }

  @Test
  void healthcheckNoneOverridesAnInheritedOne() {
    String dockerfile = """
        FROM alpine AS base
        HEALTHCHECK CMD wget -q --spider http://localhost/
        FROM base
        HEALTHCHECK NONE
        """;

    ImageRecipe recipe = evaluate(dockerfile);

    assertEquals(List.of("NONE"), recipe.healthcheck().test());
    assertNull(recipe.healthcheck().interval());
    assertEquals(4, recipe.healthcheck().location().startLine());
  }

  @Test
  void healthcheckIsInheritedThroughAStageChain() {
    String dockerfile = "FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nRUN echo hi\n";

    assertEquals(List.of("CMD-SHELL", "true"), evaluate(dockerfile).healthcheck().test());
  }

  @Test
  void aChainOfThreeStagesLeadsBackToTheExternalImage() {
    String dockerfile = """
        FROM alpine:3.19 AS base
        RUN apk add --no-cache ca-certificates
        FROM base AS tools
        RUN apk add --no-cache curl
        FROM Tools AS app
        COPY app /usr/local/bin/app
        """;

    ImageRecipe recipe = evaluate(dockerfile);

    assertEquals("alpine:3.19", recipe.baseImage());
    assertEquals(List.of("app", "tools", "base"), recipe.stageChain());
    assertEquals(1, recipe.baseInstruction().startLine());
    assertEquals("FROM alpine:3.19 AS base", recipe.baseInstruction().text());
    assertEquals(List.of("ca-certificates"), ((Step.PackagesAdded) recipe.steps().get(0)).packages());
    assertEquals(List.of("curl"), ((Step.PackagesAdded) recipe.steps().get(1)).packages());
    assertEquals(List.of("/usr/local/bin/app"), ((Step.FilesAdded) recipe.steps().get(2)).paths());
  }

  @Test
  void fromAStageDefinedLaterIsAnExternalImage() {
    String dockerfile = "FROM later AS first\nFROM alpine AS later\nFROM first\n";

    ImageRecipe recipe = evaluate(dockerfile);

    assertEquals("later", recipe.baseImage());
    assertEquals(List.of("2", "first"), recipe.stageChain());
  }

  @Test
  void officialImageAptMarkIdiomRemovesWhatWasInstalledAfterTheSnapshot() {
    ImageRecipe recipe = Fixtures.evaluate("official-idiom.Dockerfile");

    List<Step> packageSteps = recipe.steps().stream().filter(s -> !(s instanceof Step.OpaqueRun)).toList();
    SourceLocation run = packageSteps.get(0).location();
    assertEquals(List.of(
        new Step.PackagesAdded("apt", List.of("ca-certificates", "wget", "gnupg"), run),
        new Step.PackagesRemoved("apt", List.of("ca-certificates", "wget", "gnupg"), run)), packageSteps);
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("apt-mark showmanual snapshot")));
  }

  @Test
  void buildArgsThatNoArgDeclaresAreReported() {
    ImageRecipe recipe = evaluate("FROM alpine\n", new BuildOptions(null, Map.of("UNUSED", "x"), null));

    assertEquals(List.of("Dockerfile: build arg UNUSED is not declared by any ARG and has no effect"),
        recipe.warnings());
  }

  @Test
  void copyVariantsResolveAgainstTheWorkdir() {
    String dockerfile = """
        FROM alpine
        WORKDIR /srv
        COPY --chown=app:app --chmod=0755 --link entrypoint.sh ./bin/
        COPY ["config file.yml", "conf/app.yml"]
        COPY <<EOF /usr/local/bin/healthcheck
        #!/bin/sh
        wget -qO- http://localhost:8080/ || exit 1
        EOF
        COPY <<A <<B /etc/app/
        a
        A
        b
        B
        ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
        ADD app.tar.gz /opt/
        CMD ["/tini", "--", "/srv/bin/entrypoint.sh"]
        """;

    ImageRecipe recipe = evaluate(dockerfile);

    List<List<String>> paths = recipe.steps().stream().map(s -> ((Step.FilesAdded) s).paths()).toList();
    assertEquals(List.of(
        List.of("/srv/bin/entrypoint.sh"),
        List.of("/srv/conf/app.yml"),
        List.of("/usr/local/bin/healthcheck"),
        List.of("/etc/app/A", "/etc/app/B"),
        List.of("/tini"),
        List.of("/opt/")), paths);
    assertEquals(5, recipe.steps().get(2).location().startLine());
    assertEquals(8, recipe.steps().get(2).location().endLine());
    assertTrue(recipe.warnings().isEmpty(), recipe.warnings().toString());
  }

  @Test
  void relativeDestinationWithoutWorkdirAssumesRootWithAWarning() {
    ImageRecipe recipe = evaluate("FROM node:20\nCOPY server.js .\n");

    assertEquals(List.of("/server.js"), ((Step.FilesAdded) recipe.steps().get(0)).paths());
    assertTrue(recipe.warnings().get(0).contains("base image's working directory"), recipe.warnings().toString());
  }

  @Test
  void onbuildAndMetadataInstructionsAddNoSteps() {
    String dockerfile = """
        FROM alpine
        LABEL org.opencontainers.image.source=https://example.com
        EXPOSE 8080
        ONBUILD RUN apk add curl
        STOPSIGNAL SIGTERM
        ENTRYPOINT ["/app"]
        """;

    ImageRecipe recipe = evaluate(dockerfile);

    assertTrue(recipe.steps().isEmpty());
    assertTrue(recipe.warnings().isEmpty(), recipe.warnings().toString());
  }

  @Test
  void unknownFlagsAreWarningsNotErrors() {
    ImageRecipe recipe = evaluate("FROM alpine\nCOPY --future=yes a /a\n");

    assertEquals(List.of("Dockerfile:2: COPY flag --future is not known to HealthGuard and was ignored"),
        recipe.warnings());
  }
}
