package dev.healthguard.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack metadata of a cloud assembly, written as aws-cdk-lib 2.263 writes it and as older versions did. */
class StackMetadataTest {

  @TempDir Path out;

  private static final String TEMPLATE = """
      {"Resources": {"TaskC0FFEE": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
        {"Name": "api", "Image": "alpine:3.20", "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost/"]}}]}}}}
      """;

  private static final String ENTRIES = """
      {"/Api": [{"type": "aws:cdk:acknowledged-rules", "data": {"Annotation::HG002": "first reason"}},
                {"type": "aws:cdk:acknowledged-rules", "data": {"Annotation::HG002": "the reason recorded last"}}],
       "/Api/Task/Resource": [{"type": "aws:cdk:logicalId", "data": "TaskC0FFEE"},
                              {"type": "aws:cdk:creationStack", "data": ["at new Task", "at main"]}],
       "/Api/Task/api": [{"type": "aws:cdk:acknowledged-rules", "data": {"Annotation::HG002[api]": "curl comes from a volume"}}]}
      """;

  @Test
  void readsTheAdditionalMetadataFileThatCurrentVersionsWrite() throws IOException {
    Path template = write("Api.template.json", TEMPLATE);
    write("Api.metadata.json", ENTRIES);
    manifest("\"additionalMetadataFile\": \"Api.metadata.json\"");

    StackMetadata metadata = StackMetadata.beside(template);

    assertEquals(Optional.of("Api/Task/Resource"), metadata.pathOf("TaskC0FFEE"));
    assertEquals(Map.of("Annotation::HG002", "the reason recorded last"), metadata.acknowledgedAt("Api"));
    assertEquals(Map.of("Annotation::HG002[api]", "curl comes from a volume"), metadata.acknowledgedAt("Api/Task/api"));
    assertEquals(Map.of(), metadata.acknowledgedAt("Api/Task"));
  }

  @Test
  void readsMetadataInlineInTheManifestAsOlderVersionsWroteIt() throws IOException {
    Path template = write("Api.template.json", TEMPLATE);
    manifest("\"metadata\": " + ENTRIES);

    StackMetadata metadata = StackMetadata.beside(template);

    assertEquals(Optional.of("Api/Task/Resource"), metadata.pathOf("TaskC0FFEE"));
    assertEquals(Map.of("Annotation::HG002[api]", "curl comes from a volume"), metadata.acknowledgedAt("Api/Task/api"));
  }

  @Test
  void namesTheTemplatesTaskDefinitionByItsConstructPath() throws IOException {
    Path template = write("Api.template.json", TEMPLATE);
    write("Api.metadata.json", ENTRIES);
    manifest("\"additionalMetadataFile\": \"Api.metadata.json\"");

    CloudTemplate document = CloudTemplate.readJson(template).withPaths(StackMetadata.beside(template).paths());
    List<TemplateTaskDefinition> tasks = document.taskDefinitions("Api", hash -> Optional.empty());

    // The L1's path without its /Resource names the L2, as with the CLI's aws:cdk:path.
    assertEquals("Api/Task", tasks.get(0).containers().get(0).taskDefinition());
    assertEquals("Api/TaskC0FFEE", CloudTemplate.readJson(template).taskDefinitions("Api", hash -> Optional.empty())
        .get(0).containers().get(0).taskDefinition());
  }

  @Test
  void aMetadataFileNamedOutsideTheAssemblyIsNotRead() throws IOException {
    Path template = write("Api.template.json", TEMPLATE);
    Path elsewhere = Files.createDirectories(out.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("Api.metadata.json"), ENTRIES);
    manifest("\"additionalMetadataFile\": \"elsewhere/Api.metadata.json\"");

    assertTrue(StackMetadata.beside(template).paths().isEmpty());
  }

  @Test
  void aMissingBrokenOrForeignManifestNamesNothing() throws IOException {
    Path template = write("Api.template.json", TEMPLATE);
    assertTrue(StackMetadata.beside(template).paths().isEmpty());

    write("manifest.json", "{\"artifacts\": ");
    assertTrue(StackMetadata.beside(template).paths().isEmpty());

    write("Other.metadata.json", ENTRIES);
    write("manifest.json", """
        {"artifacts": {"Other": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Other.template.json"}, "additionalMetadataFile": "Other.metadata.json"}}}
        """);
    assertTrue(StackMetadata.beside(template).paths().isEmpty());

    write("Api.metadata.json", "[1, 2");
    manifest("\"additionalMetadataFile\": \"Api.metadata.json\"");
    assertTrue(StackMetadata.beside(template).paths().isEmpty());
  }

  private void manifest(String stackEntry) throws IOException {
    write("manifest.json", """
        {"version": "54.0.0", "artifacts": {"Api": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Api.template.json"}, %s}}}
        """.formatted(stackEntry));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(out.resolve(name), text);
  }
}
