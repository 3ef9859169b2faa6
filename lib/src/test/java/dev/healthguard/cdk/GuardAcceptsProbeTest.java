package dev.healthguard.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthguard.HealthCheckGuard;
import dev.healthguard.probe.ProbeImage;
import dev.healthguard.rules.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;

/**
 * HealthGuard itself, as a validation plugin (which sees escape-hatch overrides), over tasks the
 * probe was injected into and finished the way a caller would: the app's failing check removed
 * (sidecar) or replaced by the returned command (shared volume). One App, synthesized once.
 */
class GuardAcceptsProbeTest {

  static HealthCheckGuard guard;
  static List<Finding> findings;

  @BeforeAll
  static void build() {
    App app = new App(AppProps.builder()
        .context(Map.of("aws:cdk:enable-asset-metadata", true))
        .build());
    guard = new HealthCheckGuard();
    Validations.of(app).addPlugins(guard);

    Stack sidecarStack = new Stack(app, "GuardSidecar");
    FargateTaskDefinition task = ProbeInjectionTest.fargate(sidecarStack, 256, 512);
    ContainerDefinition web = ProbeInjectionTest.staticApp(task, "app", null, null);
    ChangeWriter.forProbes().sidecar(task, web, ProbeImage.bundled(), ProbeInjectionTest.HTTP, null);
    // The caller removes the app's own failing check.
    ((CfnTaskDefinition) task.getNode().getDefaultChild()).addDeletionOverride("Properties.ContainerDefinitions.0.HealthCheck");

    Stack sharedStack = new Stack(app, "GuardShared");
    task = ProbeInjectionTest.fargate(sharedStack, 256, 512);
    web = ProbeInjectionTest.staticApp(task, "app", null, null);
    InjectedProbe shared = ChangeWriter.forProbes().sharedVolume(task, web, ProbeImage.bundled(), ProbeInjectionTest.HTTP);
    ((CfnTaskDefinition) task.getNode().getDefaultChild())
        .addPropertyOverride("ContainerDefinitions.0.HealthCheck.Command", shared.healthCheckCommand());
    try {
      app.synth();
    } catch (RuntimeException validationFailed) {
      // A finding would fail validation; the tests below say which, from the recorded findings.
    }
    findings = guard.findings();
  }

  static List<Finding> findingsFor(String stack, String container) {
    return findings.stream()
        .filter(f -> f.target().taskDefinition().startsWith(stack + "/") && f.target().container().equals(container))
        .toList();
  }

  @Test
  void theGuardFindsNothingWrongWithTheSidecarOrItsImage() {
    // The bundled Dockerfile is read like any asset's: FROM scratch, COPY /probe, so the sidecar's
    // ["CMD", "/probe", …] runs a program the image has.
    assertEquals(List.of(), findingsFor("GuardSidecar", "app-healthguard-probe"));
    assertEquals(List.of(), findingsFor("GuardSidecar", "app"));
  }

  @Test
  void theGuardFindsNothingWrongWithTheInitContainer() {
    assertEquals(List.of(), findingsFor("GuardShared", "healthguard-probe-install"));
  }

  @Test
  void theGuardAcceptsTheSharedVolumeCheck() {
    // /healthguard/probe lies under the app's mount of the probe volume: the image alone does not
    // decide whether it exists, so it is no error.
    assertEquals(List.of(), findingsFor("GuardShared", "app"));
  }
}
