package dev.healthguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cdk.out as the CDK CLI writes it (cloud assembly schema: manifest.json artifacts, templates,
 * asset manifests, staged asset directories, one nested assembly per Stage).
 */
class CloudAssemblyTest {

  private static final String HASH = "3f".repeat(32);
  private static final String CURL = "{\"Command\": [\"CMD-SHELL\", \"curl -f http://localhost:8080/ || exit 1\"]}";

  @TempDir Path out;

  @Test
  void stacksOfTheAssemblyAndItsStagesAreChecked() throws IOException {
    write("manifest.json", """
        {"version": "48.0.0", "artifacts": {
          "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}},
          "Api.assets": {"type": "cdk:asset-manifest", "properties": {"file": "Api.assets.json"}},
          "Api": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/ap-northeast-1",
                  "properties": {"templateFile": "Api.template.json"}, "displayName": "Api"},
          "assembly-Prod": {"type": "cdk:cloud-assembly",
                            "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"}}}}""");
    write("Api.template.json", """
        {"Resources": {"TaskDef": {"Type": "AWS::ECS::TaskDefinition",
          "Metadata": {"aws:cdk:path": "Api/TaskDef/Resource"},
          "Properties": {"ContainerDefinitions": [
            {"Name": "built", "HealthCheck": %1$s,
             "Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:%2$s"}},
            {"Name": "pulled", "HealthCheck": %1$s,
             "Image": {"Fn::Join": ["", [{"Ref": "AWS::AccountId"}, ".dkr.ecr.", {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"}, "/myapp:xxxx"]]}}
          ]}}}}""".formatted(CURL, HASH));
    write("Api.assets.json", """
        {"version": "48.0.0", "files": {}, "dockerImages": {"%s": {"source": {"directory": "asset.%1$s",
          "dockerFile": "Dockerfile.web", "dockerBuildTarget": "runtime", "dockerBuildArgs": {"BASE": "gcr.io/distroless/static-debian12"}},
          "destinations": {}}}}""".formatted(HASH));
    write("asset." + HASH + "/Dockerfile.web", """
        ARG BASE=alpine:3.20
        FROM alpine:3.20 AS debug
        FROM ${BASE} AS runtime
        """);
    write("assembly-Prod/manifest.json", """
        {"version": "48.0.0", "artifacts": {"ProdApi": {"type": "aws:cloudformation:stack",
          "environment": "aws://unknown-account/unknown-region",
          "properties": {"templateFile": "ProdApi.template.json"}, "displayName": "Prod/Api"}}}""");
    write("assembly-Prod/ProdApi.template.json", """
        {"Resources": {"TaskDef": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
          {"Name": "web", "Image": "nginx:1.27", "HealthCheck": %s}]}}}}""".formatted(CURL.replace("8080", "80")));

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.toString());

    assertEquals(Main.FAILED, run.code(), run.toString());
    // The asset, judged by its staged Dockerfile with the manifest's target and build args.
    assertTrue(run.out().contains("error: [HG001] container 'built' of Api/TaskDef, image asset asset.3f3f3f3f3f3f…"
        + "/Dockerfile.web (target runtime): the health check is CMD-SHELL"), run.toString());
    // The stack's environment addresses the repository the template names by pseudo parameters.
    assertTrue(run.out().contains("error: [HG001] container 'pulled' of Api/TaskDef, " + StoryTest.HG001), run.toString());
    assertTrue(run.out().contains("\n2 errors, 0 warnings, 0 infos in 3 containers of 2 task definitions.\n"), run.toString());
    // The App's and a Stage's acknowledgements are not in the assembly: the user learns where to put one.
    assertTrue(run.out().endsWith("acknowledge on the stack for the command line to see it.\n"), run.toString());
  }

  /** Three containers with the broken curl check on alpine, and what the stack's metadata acknowledges. */
  private void acknowledgedAssembly(String acknowledgedOnTheStack) throws IOException {
    write("manifest.json", """
        {"version": "54.0.0", "artifacts": {"Api": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Api.template.json"}, "displayName": "Api",
          "metadata": {
            "/Api": [{"type": "aws:cdk:acknowledged-rules", "data": %s}],
            "/Api/TaskDef/Resource": [{"type": "aws:cdk:logicalId", "data": "TaskDef"}],
            "/Api/TaskDef/web": [{"type": "aws:cdk:acknowledged-rules",
                                  "data": {"Annotation::HG002": "web gets curl from the platform sidecar"}}]}}}}""".formatted(
        acknowledgedOnTheStack));
    write("Api.template.json", """
        {"Resources": {"TaskDef": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
          {"Name": "web", "Image": "alpine:3.20", "HealthCheck": %1$s},
          {"Name": "worker", "Image": "alpine:3.20", "HealthCheck": %1$s},
          {"Name": "api", "Image": "alpine:3.20", "HealthCheck": %1$s}]}}}}""".formatted(CURL));
  }

  @Test
  void acknowledgementsInTheStacksMetadataAreHonouredAsThePluginHonoursThem() throws IOException {
    // GIVEN 'web' acknowledged on its construct, 'api' on the stack in the plugin's own name, 'worker' with no real reason
    acknowledgedAssembly("""
        {"HealthGuard::HG002[api]": "api's image is replaced\\u001b[2J by the deploy pipeline",
         "Annotation::HG002[worker]": "ok"}""");

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.toString());

    // THEN only 'worker' still fails, and the too-short reason says why
    assertEquals(Main.FAILED, run.code(), run.toString());
    assertTrue(run.out().contains(": acknowledged error (web gets curl from the platform sidecar) at Api/TaskDef/web:"
        + " [HG002] container 'web' of Api/TaskDef"), run.toString());
    // The reason's escape sequence is shown, not sent to the terminal.
    assertFalse(run.out().contains("\u001b"), run.toString());
    assertTrue(run.out().contains(": acknowledged error (api's image is replaced\\u001b[2J by the deploy pipeline) at Api:"
        + " [HG002] container 'api' of Api/TaskDef"), run.toString());
    assertTrue(run.out().contains(": error: [HG002] container 'worker' of Api/TaskDef"), run.toString());
    assertTrue(run.out().contains(": warning: [HG000] Api: the acknowledgement HG002[worker] has a reason of 2 characters;"),
        run.toString());
    assertTrue(run.out().contains("\n1 error, 1 warning, 0 infos, 2 acknowledged in 3 containers of 1 task definition.\n"),
        run.toString());
  }

  @Test
  void anAssemblyWhoseFindingsAreAllAcknowledgedPassesAndItsSarifKeepsTheReasons() throws IOException {
    acknowledgedAssembly("""
        {"Annotation::HG002": "the platform team's sidecar provides curl"}""");
    Path sarif = out.resolveSibling("healthguard.sarif");

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), "--format", "sarif", "-o", sarif.toString(), out.toString());

    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().contains("0 errors, 0 warnings, 0 infos, 3 acknowledged in 3 containers"), run.toString());
    assertFalse(run.out().contains("note:"), run.toString());
    String report = Files.readString(sarif);
    // The nearest acknowledgement wins: 'web' keeps its own, the others take the stack's.
    assertTrue(report.contains("\"justification\" : \"web gets curl from the platform sidecar\""), report);
    assertEquals(2, report.split("the platform team's sidecar provides curl", -1).length - 1, report);
  }

  @Test
  void withoutPathMetadataATaskDefinitionIsNamedByTheConstructPathTheAssemblyRecords() throws IOException {
    // app.synth() outside the CDK CLI writes no aws:cdk:path; the stack's metadata file still has each L1's path.
    write("manifest.json", """
        {"version": "54.0.0", "artifacts": {"Api": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Api.template.json"}, "displayName": "Api",
          "additionalMetadataFile": "Api.metadata.json"}}}""");
    write("Api.metadata.json", """
        {"/Api/Service/TaskDef/Resource": [{"type": "aws:cdk:logicalId", "data": "ServiceTaskDef1922A0B4"}]}""");
    write("Api.template.json", """
        {"Resources": {"ServiceTaskDef1922A0B4": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
          {"Name": "web", "Image": "alpine:3.20", "HealthCheck": %s}]}}}}""".formatted(CURL));

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.toString());

    assertTrue(run.out().contains("[HG002] container 'web' of Api/Service/TaskDef, image alpine:3.20"), run.toString());
  }

  @Test
  void aServiceWhoseTargetGroupChecksAnotherPathIsAnHg011Warning() throws IOException {
    // GIVEN a service behind an ALB: the container checks /healthz, its target group checks /
    write("manifest.json", """
        {"version": "54.0.0", "artifacts": {"Web": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Web.template.json"}, "displayName": "Web"}}}""");
    write("Web.template.json", """
        {"Resources": {
          "TaskDef": {"Type": "AWS::ECS::TaskDefinition", "Metadata": {"aws:cdk:path": "Web/TaskDef/Resource"},
            "Properties": {"NetworkMode": "awsvpc", "ContainerDefinitions": [{"Name": "web", "Image": "nginx:1.27",
              "PortMappings": [{"ContainerPort": 8080, "Protocol": "tcp"}],
              "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1"]}}]}},
          "Group": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Metadata": {"aws:cdk:path": "Web/Group/Resource"},
            "Properties": {"Port": 80, "Protocol": "HTTP", "TargetType": "ip", "HealthCheckPath": "/"}},
          "Service": {"Type": "AWS::ECS::Service", "Metadata": {"aws:cdk:path": "Web/Service/Service"},
            "Properties": {"TaskDefinition": {"Ref": "TaskDef"}, "HealthCheckGracePeriodSeconds": 60,
              "LoadBalancers": [{"ContainerName": "web", "ContainerPort": 8080, "TargetGroupArn": {"Ref": "Group"}}]}}}}""");

    Run run = Run.of("--cache-file", Examples.CACHE.toString(), out.toString());

    // THEN the CLI warns as both CDK entry points do, on the service
    assertEquals(Main.CLEAN, run.code(), run.toString());
    assertTrue(run.out().contains("warning: [HG011] "), run.toString());
    assertTrue(run.out().contains("/healthz"), run.toString());
  }

  @Test
  void anAssemblyWithoutTaskDefinitionsHasNothingToCheck() throws IOException {
    write("manifest.json", """
        {"version": "48.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "S.template.json"}}}}""");
    write("S.template.json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}");

    Run run = Run.of(out.toString());

    assertEquals(Main.INPUT_PROBLEM, run.code(), run.toString());
    assertTrue(run.err().contains("a cloud assembly without AWS::ECS::TaskDefinition resources"), run.toString());
  }

  private void write(String name, String text) throws IOException {
    Path file = out.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
