package dev.healthguard.image;

import dev.healthguard.text.Excerpt;
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
      String name = context.getFileName() == null ? "" : context.getFileName().toString();
      String where = name.startsWith("asset.") && name.length() > 18
          ? "asset." + name.substring(6, 18) + "…" // a staged copy in cdk.out, named by its hash
          : FileLine.appPath(context);
      return "asset " + where + "/" + dockerfile + (target == null ? "" : " (target " + target + ")");
    }
  }

  /**
   * A repository in a private ECR registry, named by a literal URI or by the stack's account and
   * region ({@code fromEcrRepository}).
   *
   * @param account the 12-digit account id, or null when only known at deploy time
   * @param region e.g. {@code eu-west-1}, or null when only known at deploy time
   * @param repository e.g. {@code my-team/api}
   * @param tagOrDigest e.g. {@code v1} or {@code sha256:…}
   */
  record Ecr(String account, String region, String repository, String tagOrDigest) implements ImageRef {

    /** Whether account and region are both known, so a lookup can address the registry. */
    public boolean addressable() {
      return account != null && region != null;
    }

    /** Fills in what the URI left open from the stack's environment. */
    public Ecr withDefaults(String stackAccount, String stackRegion) {
      return new Ecr(account != null ? account : stackAccount, region != null ? region : stackRegion, repository, tagOrDigest);
    }

    public boolean isDigest() {
      return tagOrDigest.startsWith("sha256:");
    }

    /** {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1}, with placeholders for what is unknown. */
    public String uri() {
      String host = (account == null ? "<account>" : account) + ".dkr.ecr." + (region == null ? "<region>" : region)
          + (region != null && region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
      return host + "/" + repository + (isDigest() ? "@" : ":") + tagOrDigest;
    }

    @Override
    public String display() {
      return "ECR " + repository + (isDigest() ? "@" : ":") + tagOrDigest;
    }
  }

  /**
   * An image the guard cannot name at synth time, such as a token from another stack or a
   * repository created in the same app.
   *
   * @param expression the unresolved value as the template will hold it
   * @param reason why the guard cannot know the image, as the finding says it
   */
  record Unresolved(String expression, String reason) implements ImageRef {
    /** Why most such images are unknown: a CDK token or CloudFormation reference. */
    public static final String TOKEN = "its name is a token that is only known at deploy time";

    /** An image whose name is only known at deploy time. */
    public Unresolved(String expression) {
      this(expression, TOKEN);
    }

    /** The value escaped and cut short: it may be any string the app passed as an image name. */
    @Override
    public String display() {
      return Excerpt.escape(expression);
    }
  }
}
