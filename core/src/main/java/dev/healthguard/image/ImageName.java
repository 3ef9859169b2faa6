package dev.healthguard.image;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference in normalized form: {@code docker.io/library/alpine:3.20}.
 *
 * <p>Docker Hub is always {@code docker.io} (its aliases {@code index.docker.io} and {@code
 * registry-1.docker.io} are folded in), and its official images carry the {@code library/}
 * namespace. A reference with neither tag nor digest gets the tag {@code latest}; one with only a
 * digest has no tag, because a digest names content that no tag pattern can be sure of.
 *
 * @param registry the registry host, with its port if any, e.g. {@code docker.io}, {@code
 *     localhost:5000}, {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 * @param repository the path inside the registry, e.g. {@code library/alpine}
 * @param tag the tag, or null when the reference has only a digest
 * @param digest the content digest, e.g. {@code sha256:…}, or null
 */
public record ImageName(String registry, String repository, String tag, String digest) {

  static final String DOCKER_HUB = "docker.io";

  // The reference grammar of the distribution project, restated: lowercase path components
  // separated by '.', '_', '__' or runs of '-'; tags up to 128 word characters, dots and dashes.
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
  // OCI image-spec registers sha256 and sha512; both are lowercase hex of a fixed length.
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");
  private static final int MAX_NAME_LENGTH = 255;

  // <account>.dkr.ecr.<region>.amazonaws.com, or .amazonaws.com.cn in the China partition: the
  // shape CDK renders as ${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}
  // (research/cdk-java.md). FIPS and dual-stack endpoints are not in the research, so not here.
  private static final Pattern ECR_PRIVATE =
      Pattern.compile("([0-9]{12})\\.dkr\\.ecr\\.([a-z]{2}(?:-[a-z]+)+-[0-9]+)\\.amazonaws\\.com(?:\\.cn)?");

  /** Checks the components; {@link #parse} is the usual way in. */
  public ImageName {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (!HOST.matcher(registry).matches()) {
      throw new IllegalArgumentException("Invalid registry '" + registry + "'");
    }
    for (String component : repository.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new IllegalArgumentException(
            "Invalid repository '" + repository + "': path component '" + component + "'"
                + " must be lowercase letters and digits, separated by '.', '_', '__' or '-'");
      }
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("Invalid tag '" + tag + "'");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException(
          "Invalid digest '" + digest + "': expected sha256:<64 hex digits> or sha512:<128 hex digits>");
    }
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("Image " + registry + "/" + repository + " needs a tag or a digest");
    }
  }

  /**
   * Reads a reference as Docker does: {@code alpine}, {@code library/alpine:3.20}, {@code
   * localhost:5000/app@sha256:…}, {@code gcr.io/distroless/static-debian12:nonroot}.
   *
   * @throws IllegalArgumentException naming the reference when it is not valid
   */
  public static ImageName parse(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw new IllegalArgumentException("Invalid image reference '" + reference + "': it is empty");
    }
    try {
      return parseValid(reference);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid image reference '" + reference + "': " + e.getMessage(), e);
    }
  }

  private static ImageName parseValid(String reference) {
    String rest = reference;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("tag '" + tag + "' is not valid");
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("it has no repository name");
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0 && looksLikeHost(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      repository = rest.substring(slash + 1);
      if (!HOST.matcher(registry).matches()) {
        throw new IllegalArgumentException("registry '" + registry + "' is not a valid host[:port]");
      }
    }
    if (rest.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    registry = normalizeRegistry(registry);
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = "library/" + repository;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageName(registry, repository, tag, digest);
  }

  // Docker treats the first component as a registry only if it could not be a Docker Hub
  // namespace: it has a dot or a port, is localhost, or has uppercase letters.
  private static boolean looksLikeHost(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase());
  }

  private static String normalizeRegistry(String registry) {
    String lower = registry.toLowerCase();
    return switch (lower) {
      case "index.docker.io", "registry-1.docker.io" -> DOCKER_HUB;
      default -> lower;
    };
  }

  /** The full form: {@code docker.io/library/alpine:3.20}, with {@code @digest} when known. */
  public String canonical() {
    return registry + "/" + repository + suffix();
  }

  /** The short form people write, for messages: {@code alpine:3.20}, {@code nginx@sha256:…}. */
  public String familiar() {
    if (!isDockerHub()) {
      return canonical();
    }
    String name = repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
    return name + suffix();
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** {@code registry/repository}, without tag or digest. */
  public String repositoryPath() {
    return registry + "/" + repository;
  }

  public boolean isDockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** True for a private ECR registry, {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]}. */
  public boolean isEcrPrivate() {
    return ECR_PRIVATE.matcher(registry).matches();
  }

  /** The 12-digit account of a private ECR registry. */
  public Optional<String> ecrAccount() {
    return ecrGroup(1);
  }

  /** The region of a private ECR registry, e.g. {@code eu-west-1}. */
  public Optional<String> ecrRegion() {
    return ecrGroup(2);
  }

  private Optional<String> ecrGroup(int group) {
    Matcher m = ECR_PRIVATE.matcher(registry);
    return m.matches() ? Optional.of(m.group(group)) : Optional.empty();
  }

  /** The mirror this name is served from, when it is a known copy of Docker Hub. */
  public Optional<Mirror> mirror() {
    for (Mirror mirror : Mirror.values()) {
      if (mirror.upstreamRepository(registry, repository) != null) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /**
   * The Docker Hub name this image is a copy of, with the same tag and digest; this name itself
   * when it is not served from a {@link #mirror()}.
   */
  public ImageName upstream() {
    for (Mirror mirror : Mirror.values()) {
      String upstream = mirror.upstreamRepository(registry, repository);
      if (upstream != null) {
        return new ImageName(DOCKER_HUB, upstream, tag, digest);
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
