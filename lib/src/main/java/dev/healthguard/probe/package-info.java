/**
 * The HealthGuard probe: what runs a container health check when the image has nothing to run one
 * with (no shell, no curl, wget, python or node).
 *
 * <p>The probe itself is a small static Go program shipped as resources beside these classes
 * ({@code main.go}, {@code go.mod}, {@code Dockerfile}: a {@code FROM scratch} image with {@code
 * /probe} as its entrypoint). {@link dev.healthguard.probe.ProbeImage} says where its image comes
 * from: built by the CDK as an image asset ({@code bundled()}, the default), or a registry image
 * pinned by digest. {@link dev.healthguard.probe.ProbeInjection} adds it to a task definition, either
 * through a shared volume that the application's own health check runs it from, or as an essential
 * sidecar that carries the check; the result is an {@link dev.healthguard.probe.InjectedProbe}
 * listing every change.
 *
 * <p>Everything here works on the CDK L2 constructs; only the task size, which the L2 fixes at
 * construction, is changed on the L1, within the table of valid Fargate sizes.
 */
package dev.healthguard.probe;
