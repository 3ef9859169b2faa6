package dev.healthguard.alb;

import dev.healthguard.rules.Mismatch;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.TargetGroupHealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;

/**
 * Makes the changes a binding's mismatches call for, through the L2 where there is one.
 *
 * <p>{@code ApplicationTargetGroup.configureHealthCheck} replaces the whole health check
 * ({@code this.healthCheck = healthCheck} in aws-cdk-lib 2.263.0
 * {@code aws-elasticloadbalancingv2/lib/shared/base-target-group.js}), so the fixer passes every
 * field as deployed with only the aligned ones changed; an interval or threshold the user chose
 * survives. An L1 property set directly (an escape hatch) wins over the L2's lazy value, so when the
 * L2 call does not show in the L1, the fixer sets the L1 property too.
 */
final class Fixer {

  private Fixer() {}

  static List<String> apply(BoundService bound, List<Mismatch> mismatches) {
    ServiceBinding binding = bound.binding();
    List<String> changes = new ArrayList<>();
    TargetGroupHealthCheck current = binding.targetGroupCheck();
    TargetGroupHealthCheck next = current;
    for (Mismatch mismatch : mismatches) {
      if (!mismatch.fixable()) {
        continue;
      }
      switch (mismatch.kind()) {
        case PATH -> {
          next = next.withPath(mismatch.desired());
          changes.add("set target group " + binding.targetGroup() + " health check path from "
              + current.effectivePath() + " to " + mismatch.desired());
        }
        case PORT -> {
          next = next.withPort(mismatch.desired());
          changes.add("set target group " + binding.targetGroup() + " health check port from "
              + current.port() + " to " + mismatch.desired());
        }
        case CODES -> {
          next = next.withHttpCodes(mismatch.desired());
          changes.add("set target group " + binding.targetGroup() + " healthy HTTP codes from "
              + (current.httpCodes() == null ? "200" : current.httpCodes()) + " to " + mismatch.desired());
        }
        case GRACE_PERIOD -> {
          int seconds = Integer.parseInt(mismatch.desired());
          // The L2 BaseService takes the period only as a constructor prop; the L1 has a setter.
          bound.handles().cfnService().setHealthCheckGracePeriodSeconds(seconds);
          Integer before = binding.gracePeriod().configuredSeconds();
          changes.add("set service " + binding.service() + " health check grace period "
              + (before == null ? "" : "from " + before + " s ") + "to " + seconds + " s");
        }
      }
    }
    if (!next.sameEndpoint(current)) {
      configure(bound, current, next);
    }
    return changes;
  }

  private static void configure(BoundService bound, TargetGroupHealthCheck current, TargetGroupHealthCheck next) {
    ApplicationTargetGroup l2 = bound.handles().targetGroup();
    if (l2 != null && current.unresolved().isEmpty()) {
      l2.configureHealthCheck(toL2(next));
      TargetGroupHealthCheck seen = BindingReader.targetGroupCheck(bound.handles().cfnTargetGroup(),
          Stack.of(bound.handles().cfnTargetGroup()));
      if (seen.sameEndpoint(next)) {
        return;
      }
    }
    CfnTargetGroup l1 = bound.handles().cfnTargetGroup();
    if (!Objects.equals(current.path(), next.path())) {
      l1.setHealthCheckPath(next.path());
    }
    if (!Objects.equals(current.port(), next.port())) {
      l1.setHealthCheckPort(next.port());
    }
    if (!Objects.equals(current.httpCodes(), next.httpCodes())) {
      l1.setMatcher(CfnTargetGroup.MatcherProperty.builder().httpCode(next.httpCodes()).grpcCode(next.grpcCodes()).build());
    }
  }

  /** The whole health check for {@code configureHealthCheck}; unset fields stay unset. */
  static HealthCheck toL2(TargetGroupHealthCheck check) {
    HealthCheck.Builder builder = HealthCheck.builder()
        .path(check.path())
        .port(check.port())
        .healthyHttpCodes(check.httpCodes())
        .healthyGrpcCodes(check.grpcCodes())
        .healthyThresholdCount(check.healthyThreshold())
        .unhealthyThresholdCount(check.unhealthyThreshold())
        .enabled(check.enabled());
    if (check.protocol() != null) {
      builder.protocol(Protocol.valueOf(check.protocol()));
    }
    if (check.intervalSeconds() != null) {
      builder.interval(Duration.seconds(check.intervalSeconds()));
    }
    if (check.timeoutSeconds() != null) {
      builder.timeout(Duration.seconds(check.timeoutSeconds()));
    }
    return builder.build();
  }
}
