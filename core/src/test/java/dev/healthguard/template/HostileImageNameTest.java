package dev.healthguard.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Image names from a template, as the command line and the CDK library both read them (issue 10):
 * a hostile name is a short escaped excerpt in its finding, and ECR URIs in every spelling the
 * template may hold are ECR images.
 */
class HostileImageNameTest {

  static List<Target> targets(Object image) {
    Map<String, Object> container = Map.of("Name", "app", "Image", image,
        "HealthCheck", Map.of("Command", List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1")));
    CloudTemplate template = CloudTemplate.of(Map.of("Resources", Map.of("Task", Map.of(
        "Type", "AWS::ECS::TaskDefinition", "Properties", Map.of("ContainerDefinitions", List.of(container))))));
    return template.taskDefinitions("Stack", hash -> Optional.empty()).get(0).containers();
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {"Evil\u001b[31m/", "team/App:", "${Token[TOKEN.1]}/", "a@sha256:"})
  void aHostileImageName_isAShortEscapedExcerptInItsFinding(String prefix) {
    String hostile = prefix + "x\u202e".repeat(100_000) + "\n";
    Target target = targets(hostile).get(0);

    List<Finding> findings = new TargetChecker(new ImageProfiler(Catalog.builtIn())).check(target);

    Finding unknown = findings.stream().filter(f -> f.ruleId().equals("HG008")).findFirst().orElseThrow();
    String message = unknown.message();
    // The issue's case was 202 KB; a message now holds at most a few excerpts of 200 characters.
    assertTrue(message.length() < 4_000, message.length() + " characters");
    assertFalse(message.contains("\u001b") || message.contains("\u202e") || message.contains("\n"), message);
    assertTrue(message.contains("more characters)"), message);
    // Only a name holding a token is "only known at deploy time"; the others are names no registry takes.
    boolean token = prefix.startsWith("${");
    assertEquals(token, message.contains("its name is a token"), message);
    assertEquals(!token, message.contains("it is not a valid image reference"), message);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1",
    "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/team/api:v1",
    "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/team/api:v1",
  })
  void ecrUris_areEcrImages(String uri) {
    ImageRef.Ecr ecr = assertInstanceOf(ImageRef.Ecr.class, targets(Map.of("Fn::Sub", uri)).get(0).image());

    assertEquals("team/api", ecr.repository());
    assertEquals("v1", ecr.tagOrDigest());
  }

  @Test
  void ecrPublic_isARegistryImage() {
    ImageRef image = targets("public.ecr.aws/nginx/nginx:1.27").get(0).image();

    assertEquals("public.ecr.aws/nginx/nginx:1.27", assertInstanceOf(ImageRef.Registry.class, image).name().canonical());
  }
}
