/**
 * Reading Dockerfiles the way BuildKit does, far enough to say what the built image contains.
 *
 * <p>The layers follow BuildKit's {@code frontend/dockerfile}:
 *
 * <ol>
 *   <li><b>Parser</b> ({@link dev.healthguard.dockerfile.DockerfileParser}): bytes to a positioned
 *       {@link dev.healthguard.dockerfile.Node} tree without semantics: directives, comments,
 *       continuations, heredocs, per-instruction argument splitting. Its
 *       {@link dev.healthguard.dockerfile.Node#dump()} reproduces BuildKit's golden files.
 *   <li><b>Word expansion</b> ({@code WordExpander}): BuildKit's {@code shell/lex.go} semantics,
 *       checked against its {@code envVarTest} and {@code wordsTest} tables.
 *   <li><b>Typed instructions and stages</b> ({@code InstructionParser}, {@code StagedDockerfile}):
 *       BuildKit's checks and messages, for every stage.
 *   <li><b>Evaluation</b> ({@link dev.healthguard.dockerfile.DockerfileEvaluator}): global ARGs and
 *       build args, the target, the FROM chain, then each stage of the chain: ENV, WORKDIR, USER,
 *       HEALTHCHECK, SHELL, COPY/ADD destinations and what RUN does to packages, giving an
 *       {@link dev.healthguard.dockerfile.ImageRecipe}.
 * </ol>
 *
 * <p>Judgement calls, each chosen so that a doubt never becomes a false "missing" verdict:
 *
 * <ul>
 *   <li>An ENV value keeps a variable the Dockerfile never sets as {@code ${NAME}}: only the base
 *       image knows {@code PATH}, {@code GOPATH}…; other instructions expand it to empty, as
 *       BuildKit would for a base image without it. Both cases except PATH are warnings.
 *   <li>A removal is only counted when certain: not in a branch that may not run, not an apk
 *       package a virtual group still needs, and for {@code apt-get autoremove} only packages named
 *       by {@code apt-mark auto} or installed after an {@code apt-mark showmanual} snapshot in the
 *       same RUN. An install in such a branch is counted, with a warning.
 *   <li>Package words with a variable whose value is unknown or a command substitution are left
 *       out, with a warning. Installs into another root ({@code apk --root}, {@code dnf
 *       --installroot}) are not this image's packages.
 *   <li>The build context is not read, so COPY treats a source without a trailing slash or glob
 *       as a file; see {@code CopyPaths}.
 *   <li>A HEALTHCHECK time or retry count of 0 means "not set" in Docker, so it is null;
 *       {@code --start-interval} is checked but has no slot in the recipe.
 *   <li>Flags HealthGuard does not know are warnings rather than errors, because newer BuildKit
 *       versions keep adding flags.
 *   <li>The build platform, which only the machine running the build knows, is taken as
 *       linux/amd64.
 * </ul>
 */
package dev.healthguard.dockerfile;
