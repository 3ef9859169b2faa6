package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestJsonTest {

  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);
  static final String CONFIG = "{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'" + D1 + "','size':10}";
  static final String LAYER = "{'mediaType':'application/vnd.oci.image.layer.v1.tar+zstd','digest':'" + D2 + "','size':20}";

  private static ParsedManifest parse(String json, String reported) {
    return ManifestJson.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), reported);
  }

  private static String parseError(String json, String reported) {
    return assertThrows(Json.MalformedException.class, () -> parse(json, reported)).getMessage();
  }

  @Test
  void ociManifest_withoutMediaType_isKnownFromEcrsAnswer() {
    ParsedManifest.Image m =
        assertInstanceOf(
            ParsedManifest.Image.class, parse("{'schemaVersion':2,'config':" + CONFIG + ",'layers':[" + LAYER + "]}", ManifestTypes.OCI_MANIFEST));

    assertEquals(ManifestTypes.OCI_MANIFEST, m.mediaType());
    assertEquals(D1, m.config().digest());
    assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", m.layers().get(0).mediaType());
    assertEquals(20, m.layers().get(0).size());
  }

  @Test
  void noMediaTypeAnywhere_isSniffedFromTheFields() {
    assertInstanceOf(ParsedManifest.Index.class, parse("{'schemaVersion':2,'manifests':[]}", null));
    assertInstanceOf(ParsedManifest.Image.class, parse("{'schemaVersion':2,'config':" + CONFIG + ",'layers':[]}", ""));
  }

  @Test
  void index_entriesKeepPlatformAnnotationsAndArtifactType() {
    ParsedManifest.Index index =
        assertInstanceOf(
            ParsedManifest.Index.class,
            parse(
                "{'schemaVersion':2,'mediaType':'application/vnd.oci.image.index.v1+json','manifests':["
                    + "{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'" + D1 + "','size':1,"
                    + "'platform':{'architecture':'arm64','os':'linux','variant':'v8'}},"
                    + "{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'" + D2 + "','size':2,"
                    + "'artifactType':'application/vnd.amazon.soci.index.v2+json',"
                    + "'annotations':{'com.amazon.soci.image-manifest-digest':'" + D1 + "'}}],"
                    + "'annotations':{'org.opencontainers.image.base.name':'x'}}",
                null));

    assertEquals(new Platform("linux", "arm64", "v8"), index.entries().get(0).platform());
    assertTrue(index.entries().get(0).isImage());
    assertNull(index.entries().get(1).platform());
    assertFalse(index.entries().get(1).isImage(), "a SOCI v2 index is not an image");
    assertEquals("x", index.annotations().get("org.opencontainers.image.base.name"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "{'schemaVersion':2,'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[]} | application/vnd.oci.image.manifest.v1+json | The registry says its media type is application/vnd.oci.image.manifest.v1+json but the document says",
        "{'schemaVersion':1,'name':'x','fsLayers':[]}                                          | -                                                     | legacy Docker schema 1",
        "{'schemaVersion':2,'mediaType':'application/vnd.example+json'}                        | -                                                     | media type application/vnd.example+json is not an image index or image manifest",
        "{'schemaVersion':3,'manifests':[]}                                                    | -                                                     | schemaVersion must be 2, got 3",
        "{'schemaVersion':2}                                                                   | -                                                     | neither manifests nor config and layers",
        "{'schemaVersion':2,'config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'sha512:abc','size':1},'layers':[]} | - | uses an algorithm HealthGuard cannot verify",
        "{'schemaVersion':2,'config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'nope','size':1},'layers':[]}       | - | config.digest 'nope' is not a valid digest",
        "{'schemaVersion':2,'config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'" + "sha256:1111111111111111111111111111111111111111111111111111111111111111" + "','size':-5},'layers':[]} | - | config.size is missing or negative",
        "{'schemaVersion':2,'config':{'mediaType':'application/vnd.oci.empty.v1+json','digest':'sha256:1111111111111111111111111111111111111111111111111111111111111111','size':2},'layers':[]} | - | is an artifact, not a container image",
        "{'schemaVersion':2,'manifests':[{'digest':'sha256:1111111111111111111111111111111111111111111111111111111111111111','size':1}]} | - | manifests[0].mediaType is missing",
        "{'schemaVersion':2,'manifests':{}}                                                    | -                                                     | manifests must be a list, got object",
        "{'schemaVersion':2,'config':" + "{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'sha256:1111111111111111111111111111111111111111111111111111111111111111','size':1}" + ",'layers':['x']} | - | layers[0] must be an object",
      })
  void hostileManifests_areRefused_sayingWhy(String json, String reported, String expected) {
    String message = parseError(json, reported);

    assertTrue(message.contains(expected), message);
  }
}
