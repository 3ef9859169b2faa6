package dev.healthguard.image;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Where a container's image comes from, as far as the task definition tells. */
public sealed interface ImageRef {

  /** How the image is named in messages. */
  String display();

  /** A name in a registry, e.g. {@code fromRegistry("cgr.dev/chainguard/static:latest")}. */
  record Registry(ImageName name) implements ImageRef {
    @Override
    public String display() {
      return name.familiar();
    }
  }

  /**
   * A local build context ({@code ContainerImage.fromAsset}).
   *
   * @param context the build-context directory
   * @param dockerfile the Dockerfile's path relative to the context ({@code Dockerfile} by default)
   * @param target the build target, or null for the last stage
   * @param buildArgs the build args
   * @param parametersKnown false when the guard could see the context but not the Dockerfile name,
   *     target and build args (synth outside the CDK CLI); facts derived then are only likely
   * @param assetHash the asset's hash, which names the image in the asset repository
   */
  record Asset(
      Path context,
      String dockerfile,
      String target,
      Map<String, String> buildArgs,
      boolean parametersKnown,
      String assetHash)
      implements ImageRef {
    public Asset {
      buildArgs = java.util.Collections.unmodifiableMap(new TreeMap<>(buildArgs));
    }

    @Override
    public String display() {
      String where = context.getFileName() == null ? context.toString() : context.getFileName().toString();
      if (where.startsWith("asset.") && where.length() > 18) {
        where = "asset." + where.substring(6, 18) + "…"; // a staged copy in cdk.out, named by its hash
      }
      return "asset " + where + "/" + dockerfile + (target == null ? "" : " (target " + target + ")");
    }
  }

  /**
   * A repository in a private ECR registry, named by a literal or by the stack's account and region.
   *
   * @param uri the registry URI as far as it is known, e.g. {@code <account>.dkr.ecr.<region>…/my-team/api:v1}
   * @param repository e.g. {@code my-team/api}
   * @param tagOrDigest e.g. {@code v1} or {@code sha256:…}
   */
  record Ecr(String uri, String repository, String tagOrDigest) implements ImageRef {
    @Override
    public String display() {
      return "ECR " + repository + (tagOrDigest.startsWith("sha256:") ? "@" : ":") + tagOrDigest;
    }
  }

  /**
   * An image the guard cannot name at synth time, such as a token from another stack or a
   * repository created in the same app.
   *
   * @param expression the unresolved value as the template will hold it
   */
  record Unresolved(String expression) implements ImageRef {
    @Override
    public String display() {
      return expression;
    }
  }
}
