package dev.healthguard.task;

import java.util.List;

/**
 * A container health check as it will be deployed: the CloudFormation {@code HealthCheck} of a
 * container definition, with ECS's defaults still unapplied (null means "not set").
 *
 * @param command e.g. {@code ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"]}
 * @param intervalSeconds ECS default 30, range 5–300
 * @param timeoutSeconds ECS default 5, range 2–60 (the CDK accepts up to 120)
 * @param retries ECS default 3, range 1–10
 * @param startPeriodSeconds off by default, range 0–300
 */
public record HealthCheck(
    List<String> command,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer retries,
    Integer startPeriodSeconds) {

  public HealthCheck {
    command = command == null ? List.of() : List.copyOf(command);
  }
}
