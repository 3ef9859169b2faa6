package dev.healthguard.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The {@code config.Healthcheck} of an image config, a Docker extension that BuildKit also writes
 * into OCI configs (moby/docker-image-spec {@code spec.md} v1.3; ecr-oci.md §2.3). Durations are
 * stored as integer nanoseconds there; here they are whole seconds, rounded up so that a
 * sub-second value does not read as 0 ("inherit"). ECS ignores this check unless the task
 * definition repeats it.
 *
 * @param test {@code []} inherits, {@code ["NONE"]} disables, {@code ["CMD", …]} or {@code
 *     ["CMD-SHELL", "…"]}
 * @param intervalSeconds null when 0 or absent (inherit)
 * @param timeoutSeconds null when 0 or absent
 * @param startPeriodSeconds null when 0 or absent
 * @param startIntervalSeconds null when 0 or absent
 * @param retries null when 0 or absent
 */
public record ConfigHealthcheck(
    List<String> test,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer startPeriodSeconds,
    Integer startIntervalSeconds,
    Integer retries) {

  public ConfigHealthcheck {
    test = List.copyOf(test);
  }

  /** {@code HEALTHCHECK NONE}. */
  @JsonIgnore
  public boolean isNone() {
    return !test.isEmpty() && "NONE".equals(test.get(0));
  }
}
