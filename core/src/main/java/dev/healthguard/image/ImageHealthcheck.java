package dev.healthguard.image;

import java.util.List;

/**
 * A {@code HEALTHCHECK} baked into an image (Dockerfile instruction or image config). ECS ignores it
 * unless the task definition repeats it (health-check-semantics.md §2.5).
 *
 * @param test Docker's form: {@code ["CMD-SHELL", "…"]}, {@code ["CMD", …]} or {@code ["NONE"]}
 * @param intervalSeconds null when not given
 * @param timeoutSeconds null when not given
 * @param startPeriodSeconds null when not given
 * @param retries null when not given
 * @param evidence where it is declared
 */
public record ImageHealthcheck(
    List<String> test,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer startPeriodSeconds,
    Integer retries,
    Evidence evidence) {

  public ImageHealthcheck {
    test = List.copyOf(test);
  }

  public boolean isNone() {
    return !test.isEmpty() && "NONE".equals(test.get(0));
  }
}
