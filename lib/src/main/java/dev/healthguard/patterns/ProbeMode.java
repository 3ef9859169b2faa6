package dev.healthguard.patterns;

/**
 * How a probe binary runs the health check when the image has no tool that can.
 */
public enum ProbeMode {
  /**
   * A non-essential init container copies the static probe into a volume shared with the app
   * container, which runs it as its health check ({@code ["CMD", "/…/probe", …]}); the app waits for
   * the copy with {@code dependsOn SUCCESS}. Needs nothing from the image, not even a shell.
   */
  SHARED_VOLUME,
  /**
   * An essential sidecar runs the probe against the app over the task's shared localhost (awsvpc)
   * and carries the health check; the app container has none. Leaves the app container untouched.
   */
  SIDECAR
}
