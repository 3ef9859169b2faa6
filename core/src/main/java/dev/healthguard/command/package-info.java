/**
 * Analysis of an ECS container health-check command, the {@code command} array of a container
 * definition's {@code HealthCheck} as deployed.
 *
 * <p>{@link dev.healthguard.command.CommandAnalyzer#analyze(java.util.List)} answers, without
 * running anything: which form the command has ({@code CMD}, {@code CMD-SHELL}, {@code NONE}),
 * whether it needs a shell, which executables must exist in the image, what each probe targets
 * (tool, URL, host, port, path) and whether the check can fail at all.
 *
 * <p>How the command runs follows Docker, because ECS hands it to Docker unchanged
 * (health-check-semantics.md §2.2): {@code CMD} execs its arguments, {@code CMD-SHELL} runs
 * {@code /bin/sh -c script} whatever the image's {@code SHELL} (moby daemon/health.go
 * {@code getShell}; health-check-semantics.md §1).
 *
 * <p>Inside the package: {@code ScriptWalker} walks the AST of {@link dev.healthguard.shell}
 * (the one shell reader, shared with RUN analysis), collects invocations in a {@code Walk} and
 * works out the exit status, and one {@code *Probe} class per tool recognises what a probe targets.
 */
package dev.healthguard.command;
