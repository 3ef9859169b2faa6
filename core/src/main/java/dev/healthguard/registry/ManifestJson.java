package dev.healthguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a manifest document: OCI index, Docker manifest list, OCI manifest or Docker v2 schema 2
 * manifest (image-spec image-index.md, manifest.md; ecr-oci.md §2.1). One reader for the four,
 * since the Docker formats are field-for-field the subset that matters here.
 */
final class ManifestJson {

  /**
   * @param bytes the manifest as the registry stored it
   * @param reportedMediaType the media type the registry reported ({@code imageManifestMediaType}
   *     from ECR, {@code Content-Type} from an OCI registry), or null/empty when not given
   * @throws Json.MalformedException naming the field or media type at fault
   */
  static ParsedManifest parse(byte[] bytes, String reportedMediaType) {
    JsonNode root = Json.parseObject(bytes);
    String declared = Json.text(root, "mediaType", "");
    String reported = reportedMediaType == null || reportedMediaType.isEmpty() ? null : reportedMediaType;
    if (reported != null && declared != null && !reported.equals(declared)) {
      throw new Json.MalformedException("The registry says its media type is " + reported + " but the document says " + declared);
    }
    long schemaVersion = Json.integer(root, "schemaVersion", "", -1);
    String mediaType = reported != null ? reported : declared != null ? declared : sniff(root, schemaVersion);
    if (ManifestTypes.isSchema1(mediaType) || schemaVersion == 1) {
      throw new Json.MalformedException(
          "it is a legacy Docker schema 1 manifest, which HealthGuard does not read;"
              + " push the image again with a current Docker or BuildKit");
    }
    if (schemaVersion != 2) {
      throw new Json.MalformedException("schemaVersion must be 2, got " + schemaVersion);
    }
    if (ManifestTypes.isIndex(mediaType)) {
      return index(root, mediaType);
    }
    if (ManifestTypes.isManifest(mediaType)) {
      return image(root, mediaType);
    }
    throw new Json.MalformedException("media type " + mediaType + " is not an image index or image manifest");
  }

  // An OCI document may omit mediaType; containerd's ECR resolver then tells an index from a
  // manifest by its fields (ecr-oci.md §1.4).
  private static String sniff(JsonNode root, long schemaVersion) {
    if (schemaVersion == 1) {
      return ManifestTypes.DOCKER_SCHEMA1;
    }
    if (root.has("manifests")) {
      return ManifestTypes.OCI_INDEX;
    }
    if (root.has("config") && root.has("layers")) {
      return ManifestTypes.OCI_MANIFEST;
    }
    throw new Json.MalformedException("it has no mediaType and neither manifests nor config and layers");
  }

  private static ParsedManifest.Index index(JsonNode root, String mediaType) {
    List<IndexEntry> entries = new ArrayList<>();
    List<JsonNode> manifests = Json.array(root, "manifests", "");
    for (int i = 0; i < manifests.size(); i++) {
      JsonNode m = manifests.get(i);
      String path = "manifests[" + i + "].";
      if (!m.isObject()) {
        throw new Json.MalformedException("manifests[" + i + "] must be an object");
      }
      JsonNode p = Json.object(m, "platform", path);
      Platform platform = null;
      if (p != null) {
        String os = Json.text(p, "os", path + "platform.");
        String arch = Json.text(p, "architecture", path + "platform.");
        if (os != null && !os.isEmpty() && arch != null && !arch.isEmpty()) {
          platform = new Platform(os, arch, Json.text(p, "variant", path + "platform."));
        }
      }
      entries.add(
          new IndexEntry(
              Json.requiredText(m, "mediaType", path),
              digest(m, path),
              size(m, path),
              platform,
              Json.text(m, "artifactType", path),
              Json.stringMap(m, "annotations", path)));
    }
    return new ParsedManifest.Index(mediaType, entries, Json.stringMap(root, "annotations", ""));
  }

  private static ParsedManifest.Image image(JsonNode root, String mediaType) {
    JsonNode config = Json.object(root, "config", "");
    if (config == null) {
      throw new Json.MalformedException("config is missing");
    }
    Descriptor configDescriptor =
        new Descriptor(Json.requiredText(config, "mediaType", "config."), digest(config, "config."), size(config, "config."));
    if (!ManifestTypes.isImageConfig(configDescriptor.mediaType())) {
      throw new Json.MalformedException(
          "its config has media type " + configDescriptor.mediaType() + ", so it is an artifact, not a container image");
    }
    List<LayerDescriptor> layers = new ArrayList<>();
    List<JsonNode> nodes = Json.array(root, "layers", "");
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode l = nodes.get(i);
      String path = "layers[" + i + "].";
      if (!l.isObject()) {
        throw new Json.MalformedException("layers[" + i + "] must be an object");
      }
      layers.add(
          new LayerDescriptor(
              i,
              Json.requiredText(l, "mediaType", path),
              digest(l, path),
              size(l, path),
              Json.stringMap(l, "annotations", path)));
    }
    return new ParsedManifest.Image(mediaType, configDescriptor, layers, Json.stringMap(root, "annotations", ""));
  }

  private static String digest(JsonNode node, String path) {
    String digest = Json.requiredText(node, "digest", path);
    if (!Digest.isSha256(digest)) {
      throw new Json.MalformedException(
          Digest.isWellFormed(digest)
              ? path + "digest " + digest + " uses an algorithm HealthGuard cannot verify (only sha256)"
              : path + "digest '" + digest + "' is not a valid digest");
    }
    return digest;
  }

  private static long size(JsonNode node, String path) {
    long size = Json.integer(node, "size", path, -1);
    if (size < 0) {
      throw new Json.MalformedException(path + "size is missing or negative");
    }
    return size;
  }

  private ManifestJson() {}
}
