package dev.healthguard.fix;

/** How fix mode brings a probe to an image that has nothing to run a health check with. */
public enum ProbeMode {
  /**
   * A non-essential init container copies a static probe binary into a task volume; the app
   * mounts it read-only and its own health check runs it. The health status stays on the app
   * container, and no container is added for the task's lifetime. The default.
   */
  SHARED_VOLUME,
  /**
   * An essential sidecar runs the probe against the app over the task's shared localhost and
   * carries the health check. Needs {@code awsvpc} (Fargate) or host networking.
   */
  SIDECAR
}
