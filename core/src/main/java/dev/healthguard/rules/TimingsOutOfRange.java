package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import dev.healthguard.task.HealthCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * HG007: interval, timeout, retries or start period outside what ECS accepts, or a timeout longer
 * than the interval. Ranges from the ECS API (health-check-semantics.md §2.4).
 */
public final class TimingsOutOfRange implements Rule {

  @Override
  public String id() {
    return "HG007";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Health-check timings outside ECS's ranges";
  }

  @Override
  public String explanation() {
    return "ECS accepts interval 5–300 s, timeout 2–60 s, retries 1–10 and startPeriod 0–300 s; "
        + "values outside are rejected at deploy time or behave unlike what was meant.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    HealthCheck hc = subject.target().healthCheck();
    if (hc == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    outside(problems, "interval", hc.intervalSeconds(), 5, 300, " s");
    outside(problems, "timeout", hc.timeoutSeconds(), 2, 60, " s");
    outside(problems, "retries", hc.retries(), 1, 10, "");
    outside(problems, "startPeriod", hc.startPeriodSeconds(), 0, 300, " s");
    int interval = hc.intervalSeconds() == null ? 30 : hc.intervalSeconds();
    int timeout = hc.timeoutSeconds() == null ? 5 : hc.timeoutSeconds();
    if (timeout > interval) {
      problems.add("timeout " + timeout + " s is longer than interval " + interval + " s");
    }
    if (problems.isEmpty()) {
      return List.of();
    }
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        String.join("; ", problems) + ".",
        List.of(new Evidence("healthCheck", "interval=" + hc.intervalSeconds() + " timeout=" + hc.timeoutSeconds()
            + " retries=" + hc.retries() + " startPeriod=" + hc.startPeriodSeconds())),
        "keep interval 5–300 s, timeout 2–60 s and no longer than the interval, retries 1–10, startPeriod 0–300 s"));
  }

  private static void outside(List<String> problems, String name, Integer value, int min, int max, String unit) {
    if (value != null && (value < min || value > max)) {
      problems.add(name + " " + value + unit + " is outside " + min + "–" + max + unit);
    }
  }
}
