package dev.healthguard.cdk;

import dev.healthguard.image.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AssetStaging;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.constructs.IConstruct;

/**
 * Recovers the build parameters of a {@link DockerImageAsset}. The asset keeps its Dockerfile
 * name, target and build args private (cdk-java.md §3); the one public door is
 * {@code addResourceMetadata}, which, when the context {@code aws:cdk:enable-asset-metadata} is
 * on (the CDK CLI's default), writes them into a resource's metadata. The guard points it at a
 * scratch resource in a private app so the user's template is untouched.
 */
final class AssetParameters {

  static final String METADATA_CONTEXT = "aws:cdk:enable-asset-metadata";

  private final AssetHashProof proof = new AssetHashProof();
  private Stack scratch;
  private int next;

  /** The asset's build context and parameters, or empty when its staging is not visible. */
  Optional<ImageRef.Asset> of(DockerImageAsset asset) {
    IConstruct staging = asset.getNode().tryFindChild("Staging");
    if (!(staging instanceof AssetStaging stagingConstruct)) {
      return Optional.empty();
    }
    Path context = Path.of(stagingConstruct.getSourcePath());
    Map<?, ?> metadata = metadata(asset);
    if (metadata == null) {
      // No asset metadata (a plain new App() in a test): prove a guess from the asset's hash instead.
      return Optional.of(proof.prove(asset, context)
          .orElseGet(() -> new ImageRef.Asset(context, "Dockerfile", null, Map.of(), false, asset.getAssetHash())));
    }
    Map<String, String> args = new TreeMap<>();
    if (metadata.get("aws:asset:docker-build-args") instanceof Map<?, ?> given) {
      given.forEach((k, v) -> args.put(String.valueOf(k), String.valueOf(v)));
    }
    String dockerfile = metadata.get("aws:asset:dockerfile-path") instanceof String s ? s : "Dockerfile";
    String target = metadata.get("aws:asset:docker-build-target") instanceof String t ? t : null;
    return Optional.of(new ImageRef.Asset(context, dockerfile, target, args, true, asset.getAssetHash()));
  }

  private Map<?, ?> metadata(DockerImageAsset asset) {
    if (asset.getNode().tryGetContext(METADATA_CONTEXT) == null) {
      return null;
    }
    CfnResource probe = CfnResource.Builder.create(scratch(), "Asset" + next++).type("HealthGuard::Scratch").build();
    asset.addResourceMetadata(probe, "Image");
    Object metadata = probe.getCfnOptions().getMetadata();
    return metadata instanceof Map<?, ?> m ? m : null;
  }

  private Stack scratch() {
    if (scratch == null) {
      try {
        // Never synthesized, so its directory stays empty: gone when the JVM exits.
        Path outdir = Files.createTempDirectory("healthguard-scratch");
        outdir.toFile().deleteOnExit();
        App app = App.Builder.create()
            .autoSynth(false)
            .outdir(outdir.toString())
            .build();
        scratch = new Stack(app, "HealthGuardScratch");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return scratch;
  }
}
