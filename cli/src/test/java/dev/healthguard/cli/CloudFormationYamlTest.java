package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

class CloudFormationYamlTest {

  @TempDir Path dir;

  @Test
  void shortTagsBecomeTheirLongForms() {
    Object document = CloudFormationYaml.load("""
        a: !Ref Bucket
        b: !GetAtt Db.Endpoint.Address
        c: !GetAtt [Db, Arn]
        d: !Sub "${AWS::Region}-x"
        e: !Join ["", [!Ref AWS::AccountId, ".dkr"]]
        f: !If [IsProd, !Select [0, !GetAZs ""], !Ref AWS::NoValue]
        g: !Base64 {"Fn::Sub": "x"}
        h: !Condition IsProd
        i: !FindInMap [Map, !Ref AWS::Region, Key]
        """);

    assertEquals(Map.of(
        "a", Map.of("Ref", "Bucket"),
        "b", Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")),
        "c", Map.of("Fn::GetAtt", List.of("Db", "Arn")),
        "d", Map.of("Fn::Sub", "${AWS::Region}-x"),
        "e", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "AWS::AccountId"), ".dkr"))),
        "f", Map.of("Fn::If", List.of("IsProd", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))),
            Map.of("Ref", "AWS::NoValue"))),
        "g", Map.of("Fn::Base64", Map.of("Fn::Sub", "x")),
        "h", Map.of("Condition", "IsProd"),
        "i", Map.of("Fn::FindInMap", List.of("Map", Map.of("Ref", "AWS::Region"), "Key"))), document);
  }

  @Test
  void scalarsAreTypedAsCloudFormationReadsThem() {
    Object document = CloudFormationYaml.load("port: 8080\nessential: true\ncpu: \"256\"\nversion: 2010-09-09\n");

    assertEquals(Map.of("port", 8080, "essential", true, "cpu", "256", "version", "2010-09-09"), document);
  }

  @Test
  void duplicateKeysAndAliasBombsAreRefused() {
    assertThrows(YamlEngineException.class, () -> CloudFormationYaml.load("a: 1\na: 2\n"));
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 8; i++) {
      bomb.append((char) ('b' + i)).append(": &").append((char) ('b' + i)).append(" [");
      bomb.append(("*" + (char) ('a' + i) + ", ").repeat(9)).append("]\n");
    }
    assertThrows(YamlEngineException.class, () -> CloudFormationYaml.load(bomb.toString()));
  }

  @Test
  void anImageNamedBySubOrJoinOnPseudoParametersIsKnownWithAccountAndRegion() throws IOException {
    Path template = Files.writeString(dir.resolve("app.yaml"), """
        Resources:
          Sub:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: myapp
                  Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/myapp:xxxx"
                  HealthCheck: {Command: [CMD-SHELL, "curl -f http://localhost:8080/ || exit 1"]}
          Join:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: myapp
                  Image: !Join ["", [!Ref AWS::AccountId, ".dkr.ecr.", !Ref AWS::Region, ".amazonaws.com/myapp:xxxx"]]
                  HealthCheck: {Command: [CMD-SHELL, "curl -f http://localhost:8080/ || exit 1"]}
        """);

    Run unaddressed = Run.of("--cache-file", Examples.CACHE.toString(), template.toString());
    Run addressed = Run.of("--cache-file", Examples.CACHE.toString(), "--account", "123456789012",
        "--region", "ap-northeast-1", template.toString());

    assertEquals(Main.CLEAN, unaddressed.code(), unaddressed.toString());
    assertEquals(2, unaddressed.out().lines().filter(l -> l.contains(": info: [HG008]")).count(), unaddressed.toString());
    assertEquals(Main.FAILED, addressed.code(), addressed.toString());
    assertTrue(addressed.out().contains("[HG001] container 'myapp' of Sub, " + StoryTest.HG001), addressed.toString());
    assertTrue(addressed.out().contains("[HG001] container 'myapp' of Join, " + StoryTest.HG001), addressed.toString());
  }

  @Test
  void anImageFromAParameterIsUnknownNeverAnError() throws IOException {
    Path template = Files.writeString(dir.resolve("param.yml"), """
        Parameters:
          ImageUri: {Type: String}
        Resources:
          TaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: !Ref ImageUri
                  HealthCheck: {Command: [CMD-SHELL, "curl -f http://localhost/ || exit 1"]}
        """);

    Run run = Run.of(template.toString());

    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().contains(": info: [HG008] container 'web' of TaskDefinition"), run.toString());
  }
}
