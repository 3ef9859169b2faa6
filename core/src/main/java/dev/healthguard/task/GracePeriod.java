package dev.healthguard.task;

import java.util.List;

/**
 * A service's {@code HealthCheckGracePeriodSeconds} and what its container checks need.
 *
 * <p>For the grace period after a task starts, the scheduler ignores unhealthy load-balancer and
 * container checks; ECS's default is 0 (health-check-semantics.md §5, ECS {@code CreateService}).
 * The CDK's {@code BaseService} renders 60 s when a load balancer is attached and no period is
 * given ({@code evaluateHealthGracePeriod} in aws-cdk-lib 2.263.0
 * {@code aws-ecs/lib/base/base-service.js}), so an L2 service reads 60 and a bare
 * {@code CfnService} reads null.
 *
 * <p>A container check declares how long its app may take to come up: failures inside
 * {@code startPeriod} do not count, and it turns unhealthy only after {@code retries} failures
 * {@code interval} apart (moby daemon/health.go; §1). A grace period shorter than
 * {@code startPeriod + interval × retries} lets the load balancer's verdict replace a task that the
 * container's own check still allows to start.
 *
 * @param configuredSeconds the period as deployed; null when not set (ECS then uses 0)
 * @param requiredSeconds {@code startPeriod + interval × retries} of the most patient essential
 *     container check, with ECS defaults (interval 30, retries 3, start period 0; §2.4)
 * @param requiredBy the container whose check sets {@code requiredSeconds}
 * @param formula how {@code requiredSeconds} was computed, for messages
 */
public record GracePeriod(Integer configuredSeconds, int requiredSeconds, String requiredBy, String formula) {

  static final int DEFAULT_INTERVAL = 30;
  static final int DEFAULT_RETRIES = 3;
  static final int DEFAULT_START_PERIOD = 0;

  /** The period ECS applies: the configured one, else 0. */
  public int effectiveSeconds() {
    return configuredSeconds == null ? 0 : configuredSeconds;
  }

  public boolean isShort() {
    return effectiveSeconds() < requiredSeconds;
  }

  /** The requirement of the task's essential containers; null when none has a check. */
  public static GracePeriod of(Integer configuredSeconds, List<Target> containers) {
    GracePeriod longest = null;
    for (Target container : containers) {
      HealthCheck check = container.healthCheck();
      if (!container.essential() || !isActive(check)) {
        continue; // a non-essential container's health does not affect the task (§3)
      }
      int start = check.startPeriodSeconds() == null ? DEFAULT_START_PERIOD : check.startPeriodSeconds();
      int interval = check.intervalSeconds() == null ? DEFAULT_INTERVAL : check.intervalSeconds();
      int retries = check.retries() == null ? DEFAULT_RETRIES : check.retries();
      int required = start + interval * retries;
      if (longest == null || required > longest.requiredSeconds) {
        longest = new GracePeriod(configuredSeconds, required, container.container(),
            "startPeriod " + start + " + interval " + interval + " × retries " + retries);
      }
    }
    return longest;
  }

  /** Whether the check runs at all: a command other than {@code NONE}. */
  public static boolean isActive(HealthCheck check) {
    return check != null && !check.command().isEmpty() && !"NONE".equals(check.command().get(0));
  }

  /** The same requirement against another configured period, e.g. after a fix. */
  public GracePeriod withConfigured(Integer seconds) {
    return new GracePeriod(seconds, requiredSeconds, requiredBy, formula);
  }
}
