package dev.healthguard.command;

/**
 * The form of a health-check command, decided by its first element.
 *
 * <p>Docker's probe types (moby daemon/health.go {@code getProbe}): {@code CMD} execs the rest,
 * {@code CMD-SHELL} puts the shell in front, {@code NONE} runs nothing, anything else logs a warning
 * and runs nothing. ECS only accepts {@code CMD} and {@code CMD-SHELL} (ECS API {@code HealthCheck}:
 * "The string array must start with CMD … or CMD-SHELL").
 */
public enum CommandForm {
  /** {@code ["CMD", argv…]}: argv is executed directly, looked up on the image's {@code PATH}. */
  CMD,
  /**
   * {@code ["CMD-SHELL", "script"]}: Docker runs {@code /bin/sh -c script}. The image's
   * {@code SHELL} instruction is not used (moby daemon/health.go {@code getShell}).
   */
  CMD_SHELL,
  /** {@code ["NONE"]}: Docker runs no probe. ECS does not document this form. */
  NONE,
  /**
   * Anything else: null, empty, an unknown first element, {@code CMD} or {@code CMD-SHELL} with
   * nothing after it. A raw one-element {@code ["curl -f http://localhost/"]} is INVALID here: the
   * CDK L2 turns such a command into {@code CMD-SHELL} before deploying it (aws-cdk
   * container-definition.ts {@code getHealthCheckCommand}), so this analyser expects the deployed
   * form.
   */
  INVALID
}
