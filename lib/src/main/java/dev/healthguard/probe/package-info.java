/**
 * The HealthGuard probe: what runs a container health check when the image has nothing to run one
 * with (no shell, no curl, wget, python or node).
 *
 * <p>The probe itself is a small static Go program shipped as resources beside these classes
 * ({@code main.go}, {@code go.mod}, {@code Dockerfile}: a {@code FROM scratch} image with {@code
 * /probe} as its entrypoint). {@link dev.healthguard.probe.ProbeImage} says where its image comes
 * from: built by the CDK as an image asset ({@code bundled()}, the default), or a registry image
 * pinned by digest. Fix mode and {@code GuardedFargateService} add it to a task definition through
 * the library's one change writer ({@code dev.healthguard.cdk.ChangeWriter}), either through a
 * shared volume that the application's own health check runs it from, or as an essential sidecar
 * that carries the check, and lists every change it made.
 */
package dev.healthguard.probe;
