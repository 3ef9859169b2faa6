package dev.healthguard.image;

/**
 * A registry path that serves copies of Docker Hub images, so that the catalog can look the image
 * up under its Docker Hub name ({@link ImageName#upstream()}): a whole namespace of copies, or one
 * vendor's own ECR Public repository that republishes its official image.
 *
 * <p>Each mirror says how sure the copy is: facts found through it are capped at {@link
 * #certainty()}, and its evidence names the mirror and the source that documents it. Only vendors
 * whose own sources say they publish the same image are here.
 */
public enum Mirror {
  /**
   * AWS's ECR Public copy of the Docker Official Images. AWS announces the copies, but the research
   * (base-images.md §2 and §5) found no primary source that they are byte-identical to Docker Hub's,
   * so what the catalog says through it is only likely.
   */
  ECR_PUBLIC_DOCKER_LIBRARY(
      "public.ecr.aws",
      "docker/library/",
      "library/",
      Certainty.LIKELY,
      "AWS's ECR Public copy of the Docker Official Images; identity with Docker Hub is assumed,"
          + " not confirmed (https://aws.amazon.com/blogs/containers/"
          + "docker-official-images-now-available-on-amazon-elastic-container-registry-public/)"),

  /**
   * nginx's own ECR Public repository: a daily job pulls the Docker Hub images and pushes them
   * unchanged (nginx/docker-nginx@62853d0f:.github/workflows/sync.yml, @025c52f4:sync-awsecr.sh),
   * so facts keep their certainty. {@code z9d2n7e1} is the registry's default alias.
   */
  NGINX_ECR_PUBLIC("public.ecr.aws", "nginx/nginx", "library/nginx", Certainty.CERTAIN,
      "nginx's ECR Public copy, pushed from the Docker Hub images by a daily sync"
          + " (nginx/docker-nginx@62853d0f:.github/workflows/sync.yml)"),

  NGINX_ECR_PUBLIC_ALIAS("public.ecr.aws", "z9d2n7e1/nginx", "library/nginx", Certainty.CERTAIN,
      NGINX_ECR_PUBLIC.note),

  /**
   * Amazon Corretto's ECR Public repository. The same Dockerfiles build it and the Docker Hub
   * images (corretto/corretto-docker:README.md), but as separate builds whose tags are not shown to
   * move together (the official tags switched from AL2 to AL2023 on 2026-07-23), so only likely.
   */
  CORRETTO_ECR_PUBLIC("public.ecr.aws", "amazoncorretto/amazoncorretto", "library/amazoncorretto", Certainty.LIKELY,
      "Corretto's ECR Public images, built from the Dockerfiles of the Docker Hub images"
          + " (corretto/corretto-docker:README.md; awsdocs/amazon-corretto-8-user-guide:doc_source/docker-install.md)"),

  /**
   * Amazon Linux's ECR Public repository: the same rootfs tarballs as the Docker Hub image, pushed
   * the day of an AMI release where Docker Hub gets them weekly (amazonlinux/container-images
   * README, base-images.md §2).
   */
  AMAZONLINUX_ECR_PUBLIC("public.ecr.aws", "amazonlinux/amazonlinux", "library/amazonlinux", Certainty.CERTAIN,
      "Amazon Linux's ECR Public images, the same tarballs as Docker Hub's (amazonlinux/container-images:README.md)"),

  /**
   * Google's pull-through cache of Docker Hub. A cache serves Docker Hub's own manifests and blobs,
   * which are content-addressed, so facts keep their certainty.
   */
  GOOGLE_DOCKER_HUB_CACHE(
      "mirror.gcr.io",
      "",
      "",
      Certainty.CERTAIN,
      "Google's cache of Docker Hub images, kept in sync with Docker Hub"
          + " (https://cloud.google.com/artifact-registry/docs/pull-cached-dockerhub-images)");

  private final String registry;
  private final String pathPrefix;
  private final String upstreamPrefix;
  private final Certainty certainty;
  private final String note;

  Mirror(String registry, String pathPrefix, String upstreamPrefix, Certainty certainty, String note) {
    this.registry = registry;
    this.pathPrefix = pathPrefix;
    this.upstreamPrefix = upstreamPrefix;
    this.certainty = certainty;
    this.note = note;
  }

  /** Where the mirror serves from, e.g. {@code public.ecr.aws/docker/library}. */
  public String prefix() {
    if (pathPrefix.isEmpty()) {
      return registry;
    }
    return registry + "/" + (isRepository() ? pathPrefix : pathPrefix.substring(0, pathPrefix.length() - 1));
  }

  // A path without a trailing slash is one repository, not a namespace of copies.
  private boolean isRepository() {
    return !pathPrefix.isEmpty() && !pathPrefix.endsWith("/");
  }

  /** The best certainty a fact found through this mirror can have. */
  public Certainty certainty() {
    return certainty;
  }

  /** What the mirror is and the public source that says so. */
  public String note() {
    return note;
  }

  /** Evidence for a profile or fact found through this mirror. */
  public Evidence evidence() {
    return new Evidence("via mirror " + prefix(), note);
  }

  /** The Docker Hub repository this mirror serves under {@code repository}, or null if none. */
  String upstreamRepository(String registry, String repository) {
    if (!this.registry.equals(registry) || !repository.startsWith(pathPrefix)) {
      return null;
    }
    if (isRepository()) {
      return repository.equals(pathPrefix) ? upstreamPrefix : null;
    }
    String rest = repository.substring(pathPrefix.length());
    // mirror.gcr.io/alpine is not a documented form: only namespaced paths are mapped.
    if (rest.isEmpty() || (upstreamPrefix.isEmpty() && !rest.contains("/"))) {
      return null;
    }
    if (!upstreamPrefix.isEmpty() && rest.contains("/")) {
      return null;
    }
    return upstreamPrefix + rest;
  }
}
