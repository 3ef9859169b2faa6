package dev.healthguard.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.image.ImageRef;
import dev.healthguard.task.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudTemplateTest {

  private static final String HASH = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void readsEachTaskDefinitionWithItsConstructPathOrLogicalId() throws IOException {
    Path template = write("Api.template.json", """
        {"Resources": {
          "Bucket": {"Type": "AWS::S3::Bucket"},
          "TaskDef": {"Type": "AWS::ECS::TaskDefinition",
            "Metadata": {"aws:cdk:path": "Api/TaskDef/Resource"},
            "Properties": {"ContainerDefinitions": [{"Name": "web", "Image": "nginx:1.27"}]}},
          "Plain": {"Type": "AWS::ECS::TaskDefinition",
            "Properties": {"ContainerDefinitions": [{"Name": "a", "Image": "busybox"}, {"Name": "b", "Image": "busybox"}]}}
        }}""");

    List<TemplateTaskDefinition> found = CloudTemplate.readJson(template).taskDefinitions("Api", h -> java.util.Optional.empty());

    assertEquals(List.of("TaskDef", "Plain"), found.stream().map(TemplateTaskDefinition::logicalId).toList());
    assertEquals("Api/TaskDef", found.get(0).containers().get(0).taskDefinition());
    assertEquals(List.of("Api/Plain", "Api/Plain"), found.get(1).containers().stream().map(Target::taskDefinition).toList());
  }

  @Test
  void aDocumentWithoutResourcesHasNoTaskDefinitions() {
    CloudTemplate template = CloudTemplate.of(Map.of("taskDefinition", Map.of()));

    assertEquals(false, template.hasResources());
    assertEquals(List.of(), template.taskDefinitions("S", h -> java.util.Optional.empty()));
  }

  @Test
  void anAssetImageResolvesThroughTheManifestBesideTheTemplate() throws IOException {
    Path template = write("Api.template.json", """
        {"Resources": {"TaskDef": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
          {"Name": "web", "Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:%s"}}
        ]}}}}""".formatted(HASH));
    write("Api.assets.json", new ObjectMapper().writeValueAsString(Map.of("version", "48.0.0", "dockerImages",
        Map.of(HASH, Map.of("source", Map.of("directory", "asset." + HASH, "dockerFile", "web.Dockerfile",
            "dockerBuildTarget", "runtime", "dockerBuildArgs", Map.of("GO", "1.22")))))));

    Target web = CloudTemplate.readJson(template)
        .taskDefinitions("Api", AssetManifest.beside(template)::dockerImage).get(0).containers().get(0);

    ImageRef.Asset asset = assertInstanceOf(ImageRef.Asset.class, web.image());
    assertEquals(dir.resolve("asset." + HASH), asset.context());
    assertEquals("web.Dockerfile", asset.dockerfile());
    assertEquals("runtime", asset.target());
    assertEquals(Map.of("GO", "1.22"), asset.buildArgs());
    assertTrue(asset.parametersKnown());
  }

  @Test
  void aMissingOrBrokenManifestLeavesAssetsUnknown() throws IOException {
    assertTrue(AssetManifest.beside(dir.resolve("None.template.json")).dockerImage(HASH).isEmpty());
    Path broken = write("Broken.assets.json", "{ not json");
    assertTrue(AssetManifest.read(broken).dockerImage(HASH).isEmpty());
  }

  @Test
  void aManifestLargerThanTheBoundIsNotRead() throws IOException {
    // A sparse file: its size says 64 MiB and more, and nothing is written to the disk.
    Path large = dir.resolve("Large.assets.json");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(large.toFile(), "rw")) {
      file.write(("{\"dockerImages\": {\"" + HASH + "\": {\"source\": {\"directory\": \"asset.x\"}}}}").getBytes());
      file.setLength(AssetManifest.MAX_BYTES + 1);
    }
    assertTrue(AssetManifest.read(large).dockerImage(HASH).isEmpty());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
