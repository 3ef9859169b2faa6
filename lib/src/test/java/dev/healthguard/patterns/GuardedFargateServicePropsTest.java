package dev.healthguard.patterns;

import dev.healthguard.fix.ProbeMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;

/** Prop validation: every message names the field, the bound and the value. No app is built. */
class GuardedFargateServicePropsTest {

  static GuardedFargateServiceProps.Builder valid() {
    return GuardedFargateServiceProps.builder()
        .image(GuardedImage.fromRegistry("alpine:3.20"))
        .healthEndpoint(HealthEndpoint.http(8080, "/healthz"));
  }

  static String message(UnaryOperator<GuardedFargateServiceProps.Builder> change) {
    return assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build()).getMessage();
  }

  @Test
  void defaults() {
    GuardedFargateServiceProps props = valid().build();
    assertEquals(256, props.getCpu());
    assertEquals(512, props.getMemoryLimitMiB());
    assertEquals(1, props.getDesiredCount());
    assertEquals(true, props.getPublicLoadBalancer());
    assertEquals(ProbeMode.SHARED_VOLUME, props.getProbeMode());
    assertEquals(8080, props.getContainerPort()); // the endpoint's port
    assertEquals(3, props.getHealthCheckRetries());
  }

  @Test
  void throwsForRequiredPropsMissing() {
    assertEquals("GuardedFargateServiceProps image is required", assertThrows(NullPointerException.class,
        () -> GuardedFargateServiceProps.builder().healthEndpoint(HealthEndpoint.tcp(80)).build()).getMessage());
    assertEquals("GuardedFargateServiceProps healthEndpoint is required", assertThrows(NullPointerException.class,
        () -> GuardedFargateServiceProps.builder().image(GuardedImage.fromRegistry("alpine")).build()).getMessage());
  }

  @Test
  void throwsForValuesOutOfRange() {
    assertEquals("GuardedFargateServiceProps containerPort must be between 1 and 65535, got: 0",
        message(b -> b.containerPort(0)));
    assertEquals("GuardedFargateServiceProps cpu must be one of [256, 512, 1024, 2048, 4096, 8192, 16384], got: 300",
        message(b -> b.cpu(300)));
    assertEquals("GuardedFargateServiceProps memoryLimitMiB must be between 512 and 122880 MiB, got: 256",
        message(b -> b.memoryLimitMiB(256)));
    assertEquals("GuardedFargateServiceProps healthCheckInterval must be between 5 and 300 seconds, got: 301",
        message(b -> b.healthCheckInterval(Duration.seconds(301))));
    assertEquals("GuardedFargateServiceProps healthCheckTimeout must not exceed healthCheckInterval (10 seconds), got: 20"
        + " seconds", message(b -> b.healthCheckInterval(Duration.seconds(10)).healthCheckTimeout(Duration.seconds(20))));
    assertEquals("GuardedFargateServiceProps healthCheckRetries must be between 1 and 10, got: 11",
        message(b -> b.healthCheckRetries(11)));
    assertEquals("GuardedFargateServiceProps startPeriod must be between 0 and 300 seconds, got: 301",
        message(b -> b.startPeriod(Duration.seconds(301))));
    assertEquals("GuardedFargateServiceProps desiredCount must be at least 0, got: -1", message(b -> b.desiredCount(-1)));
  }

  @Test
  void throwsForAProbeImageNotPinnedByDigest() {
    assertEquals("GuardedFargateServiceProps probeImage must be pinned by digest (name@sha256:<64 hex digits>), got:"
        + " 'ghcr.io/example/probe:1.0'", message(b -> b.probeImage("ghcr.io/example/probe:1.0")));
    valid().probeImage("ghcr.io/example/probe@sha256:" + "a".repeat(64)).build();
    // A name of any length is echoed as a short escaped excerpt.
    String long_ = message(b -> b.probeImage("ghcr.io/example/probe:" + "1\u001b".repeat(50_000)));
    assertTrue(long_.length() < 1_000 && !long_.contains("\u001b"), long_.length() + " characters");
  }
}
