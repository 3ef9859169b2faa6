package dev.healthguard;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.PortMapping;

/**
 * The aspect judges the health check the template deploys, whatever escape hatch set it (issue 8,
 * item 8): an override that repairs a check clears the error, one that breaks a check is an error,
 * and an L1 property set after the L2 is what counts. One app, one synth, enforce mode.
 */
class EscapeHatchTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";
  static final List<String> WGET = List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:8080/");

  static App app;
  static App fixApp;

  @BeforeAll
  static void synthesize() {
    app = new App();
    // GIVEN a curl check on alpine (no curl), replaced through the L1 by busybox wget
    CfnTaskDefinition repaired = l1(alpine("Repaired", List.of("CMD-SHELL", CURL)));
    repaired.addPropertyOverride("ContainerDefinitions.0.HealthCheck.Command", WGET);

    // GIVEN a working wget check, replaced through the L1 by curl
    CfnTaskDefinition broken = l1(alpine("Broken", WGET));
    broken.addOverride("Properties.ContainerDefinitions.0.HealthCheck.Command", List.of("CMD-SHELL", CURL));

    // GIVEN the whole container list set on the L1 after the L2 built it: wget, not the L2's curl
    l1(alpine("Replaced", List.of("CMD-SHELL", CURL))).setContainerDefinitions(List.of(
        CfnTaskDefinition.ContainerDefinitionProperty.builder()
            .name("app").image("alpine:3.20").essential(true)
            .portMappings(List.of(CfnTaskDefinition.PortMappingProperty.builder().containerPort(8080).build()))
            .healthCheck(CfnTaskDefinition.HealthCheckProperty.builder().command(WGET).build())
            .build()));

    Aspects.of(app).add(HealthCheckGuard.builder().mode(GuardMode.ENFORCE).build());

    fixApp = new App();
    // GIVEN fix mode and a working wget check, replaced through the L1 by curl
    l1(alpine(fixApp, "BrokenInFixMode", WGET))
        .addPropertyOverride("ContainerDefinitions.0.HealthCheck.Command", List.of("CMD-SHELL", CURL));
    // GIVEN fix mode and a curl check that it rewrites, replaced through the L1 by wget anyway
    l1(alpine(fixApp, "RepairedInFixMode", List.of("CMD-SHELL", CURL)))
        .addPropertyOverride("ContainerDefinitions.0.HealthCheck.Command", WGET);
    Aspects.of(fixApp).add(HealthCheckGuard.builder().mode(GuardMode.FIX).build());
  }

  @Test
  void anOverrideThatRepairsTheCheckIsNoError() {
    Stack stack = stack("Repaired");
    // THEN the template deploys wget, and the guard judges that, not the L2's curl
    Template.fromStack(stack).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions",
        List.of(Match.objectLike(Map.of("HealthCheck", Match.objectLike(Map.of("Command", WGET)))))));
    Annotations annotations = Annotations.fromStack(stack);
    annotations.hasNoError("*", Match.anyValue());
    annotations.hasNoWarning("*", Match.anyValue());
  }

  @Test
  void anOverrideThatBreaksTheCheckIsAnErrorOnTheContainer() {
    Annotations.fromStack(stack("Broken")).hasError("/Broken/Task/app",
        Match.stringLikeRegexp("^\\[HG002\\] container 'app' of Broken/Task, image alpine:3.20: the health check runs curl.*"));
  }

  @Test
  void containerDefinitionsSetOnTheL1AfterTheL2AreWhatIsChecked() {
    Stack stack = stack("Replaced");
    Template.fromStack(stack).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions",
        List.of(Match.objectLike(Map.of("HealthCheck", Match.objectLike(Map.of("Command", WGET)))))));
    Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
  }

  @Test
  void inFixModeACheckBrokenThroughTheL1IsAnErrorThatSaysFixModeLeftIt() {
    // THEN the L2's wget needed no fix, but the template deploys curl on alpine
    Annotations.fromStack((Stack) fixApp.getNode().findChild("BrokenInFixMode")).hasError("/BrokenInFixMode/Task/app",
        Match.stringLikeRegexp("^\\[HG002\\] container 'app' of BrokenInFixMode/Task, image alpine:3.20: the health check runs curl"
            + ".*Fix mode left it: the deployed check comes from an escape hatch on the L1 \\(addPropertyOverride, "
            + "or an L1 property set after the L2\\), which fix mode leaves as it is\\..*"));
  }

  @Test
  void inFixModeACheckRepairedThroughTheL1IsNoError() {
    Stack stack = (Stack) fixApp.getNode().findChild("RepairedInFixMode");
    Template.fromStack(stack).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions",
        List.of(Match.objectLike(Map.of("HealthCheck", Match.objectLike(Map.of("Command", WGET)))))));
    Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
  }

  private static FargateTaskDefinition alpine(String stackName, List<String> check) {
    return alpine(app, stackName, check);
  }

  private static FargateTaskDefinition alpine(App in, String stackName, List<String> check) {
    FargateTaskDefinition task = FargateTaskDefinition.Builder.create(new Stack(in, stackName), "Task").build();
    task.addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("alpine:3.20"))
        .portMappings(List.of(PortMapping.builder().containerPort(8080).build()))
        .healthCheck(HealthCheck.builder().command(check).build())
        .build());
    return task;
  }

  private static CfnTaskDefinition l1(FargateTaskDefinition task) {
    return (CfnTaskDefinition) task.getNode().getDefaultChild();
  }

  private static Stack stack(String name) {
    return (Stack) app.getNode().findChild(name);
  }
}
