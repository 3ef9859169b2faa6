package dev.healthguard.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.image.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image assets of a CDK asset manifest ({@code <stack>.assets.json}) by source hash: each
 * one's staged build context, Dockerfile, target and build args.
 */
public final class AssetManifest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Larger asset manifests are not read, so their images stay unknown. */
  static final long MAX_BYTES = 64L << 20;

  private final Map<String, ImageRef.Asset> images;

  private AssetManifest(Map<String, ImageRef.Asset> images) {
    this.images = Map.copyOf(images);
  }

  /** No manifest: a template written by hand names its images. */
  public static AssetManifest none() {
    return new AssetManifest(Map.of());
  }

  /** The manifest beside {@code <stack>.template.json}, or none when there is no such file. */
  public static AssetManifest beside(Path template) {
    return read(fileBeside(template));
  }

  /** Where the CDK writes the asset manifest of the stack whose template is {@code template}. */
  public static Path fileBeside(Path template) {
    return template.resolveSibling(template.getFileName().toString().replace(".template.json", ".assets.json"));
  }

  /**
   * Reads a manifest. A missing or unreadable one has no images, so its assets stay unknown
   * (HG008) and never fail the check.
   */
  public static AssetManifest read(Path manifest) {
    Path assembly = manifest.getParent();
    Map<String, ImageRef.Asset> images = new HashMap<>();
    try {
      // The CDK's are kilobytes; a broken one must not cost the synth its memory.
      if (!Files.isRegularFile(manifest) || Files.size(manifest) > MAX_BYTES) {
        return new AssetManifest(images);
      }
    } catch (IOException e) {
      return new AssetManifest(images);
    }
    try {
      Map<?, ?> document = JSON.readValue(manifest.toFile(), Map.class);
      if (document.get("dockerImages") instanceof Map<?, ?> docker) {
        docker.forEach((hash, image) -> {
          if (image instanceof Map<?, ?> i && i.get("source") instanceof Map<?, ?> source
              && source.get("directory") instanceof String directory) {
            images.put(String.valueOf(hash), asset(assembly, String.valueOf(hash), directory, source));
          }
        });
      }
    } catch (IOException e) {
      // Unreadable: no images, as documented above.
    }
    return new AssetManifest(images);
  }

  private static ImageRef.Asset asset(Path assembly, String hash, String directory, Map<?, ?> source) {
    Map<String, String> args = new HashMap<>();
    if (source.get("dockerBuildArgs") instanceof Map<?, ?> given) {
      given.forEach((k, v) -> args.put(String.valueOf(k), String.valueOf(v)));
    }
    return new ImageRef.Asset(
        assembly == null ? Path.of(directory) : assembly.resolve(directory),
        source.get("dockerFile") instanceof String f ? f : "Dockerfile",
        source.get("dockerBuildTarget") instanceof String t ? t : null,
        args, true, hash);
  }

  /** The image asset with this source hash. */
  public Optional<ImageRef.Asset> dockerImage(String hash) {
    return Optional.ofNullable(images.get(hash));
  }
}
