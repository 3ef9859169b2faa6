package dev.healthguard.image;

/**
 * A registry path that serves copies of Docker Hub images, so that the catalog can look the image
 * up under its Docker Hub name ({@link ImageName#upstream()}).
 *
 * <p>Each mirror says how sure the copy is: facts found through it are capped at {@link
 * #certainty()}, and its evidence names the mirror and the source that documents it.
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
    return pathPrefix.isEmpty() ? registry : registry + "/" + pathPrefix.substring(0, pathPrefix.length() - 1);
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
