package dev.healthguard.image;

import dev.healthguard.registry.ImageAddress;
import dev.healthguard.text.Excerpt;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference in normalized form: {@code docker.io/library/alpine:3.20}. The one
 * parser of image names in HealthGuard: Docker Hub names, private registries, private ECR (also
 * its FIPS hosts) and ECR Public all come through {@link #parse}.
 *
 * <p>Normalization follows Docker's (distribution/reference {@code ParseNormalizedNamed}): the
 * first path component is a registry only if it has a dot or a port, is {@code localhost}, or has
 * upper-case letters; otherwise the registry is Docker Hub, {@code docker.io} (its aliases {@code
 * index.docker.io} and {@code registry-1.docker.io} are folded in), and a single-component Docker
 * Hub path gets the {@code library/} namespace. A registry host keeps its case, as Docker keeps
 * it; upper case in a path is invalid, not lowercased. A reference with neither tag nor digest
 * gets the tag {@code latest}; one with only a digest has no tag, because a digest names content
 * that no tag pattern can be sure of.
 *
 * <p>Every instance is normalized, however it was made, so {@link #canonical()} and {@link
 * #familiar()} both parse back to an equal name.
 *
 * @param registry the registry host, with its port if any, e.g. {@code docker.io}, {@code
 *     localhost:5000}, {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 * @param repository the path inside the registry, e.g. {@code library/alpine}
 * @param tag the tag, or null when the reference has only a digest
 * @param digest the content digest, e.g. {@code sha256:…}, or null
 */
public record ImageName(String registry, String repository, String tag, String digest) {

  static final String DOCKER_HUB = "docker.io";
  private static final String OFFICIAL = "library/";

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
  // Docker refuses a bare 64-hex name, which it would confuse with an image ID.
  private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{64}");
  // distribution/reference's NameTotalLengthMax, counted as Docker counts it: on registry/path.
  private static final int MAX_NAME_LENGTH = 255;
  // A valid reference is at most the name, ':' and a tag, '@' and a sha512 digest; a longer input
  // is refused before any pattern sees it.
  private static final int MAX_REFERENCE_LENGTH = MAX_NAME_LENGTH + 1 + 128 + 1 + 7 + 128;

  // <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]: the shape CDK renders as
  // ${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix} (research/cdk-java.md), or the
  // region's FIPS host, which serves the same repositories. The only place that knows this shape.
  private static final Pattern ECR_PRIVATE =
      Pattern.compile("([0-9]{12})\\.dkr\\.ecr(-fips)?\\.([a-z]{2}(?:-[a-z]+)+-[0-9]+)\\.amazonaws\\.com(?:\\.cn)?");
  // The same host as the template holds it before deploy, with pseudo parameters in place of the
  // account, the region and the DNS suffix (the Fn::Sub / Fn::Join of fromEcrRepository).
  private static final Pattern ECR_TEMPLATE =
      Pattern.compile("([0-9]{12}|\\$\\{AWS::AccountId})\\.dkr\\.ecr(?:-fips)?\\."
          + "([a-z]{2}(?:-[a-z]+)+-[0-9]+|\\$\\{AWS::Region})\\.(?:amazonaws\\.com(?:\\.cn)?|\\$\\{AWS::URLSuffix})");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]+");

  /**
   * Checks the components and normalizes them as {@link #parse} would: Docker Hub's aliases become
   * {@code docker.io} and a one-component Docker Hub path gets {@code library/}.
   */
  public ImageName {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (!HOST.matcher(registry).matches()) {
      throw new IllegalArgumentException("Invalid registry '" + Excerpt.escape(registry) + "'");
    }
    registry = isDockerHubHost(registry) ? DOCKER_HUB : registry;
    if (!registry.equals(DOCKER_HUB) && !looksLikeHost(registry)) {
      // Written out, it would read as a Docker Hub namespace, and the name would not parse back.
      throw new IllegalArgumentException("Invalid registry '" + Excerpt.escape(registry) + "': a host needs a dot or a port,"
          + " or must be localhost");
    }
    for (String component : repository.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new IllegalArgumentException(
            "Invalid repository '" + Excerpt.escape(repository) + "': path component '" + Excerpt.escape(component) + "'"
                + " must be lowercase letters and digits, separated by '.', '_', '__' or '-'");
      }
    }
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = OFFICIAL + repository;
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("Invalid tag '" + Excerpt.escape(tag) + "'");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("Invalid digest '" + Excerpt.escape(digest)
          + "': expected sha256:<64 hex digits> or sha512:<128 hex digits>");
    }
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("Image " + Excerpt.escape(registry + "/" + repository) + " needs a tag or a digest");
    }
  }

  /**
   * Reads a reference as Docker does: {@code alpine}, {@code library/alpine:3.20}, {@code
   * localhost:5000/app@sha256:…}, {@code gcr.io/distroless/static-debian12:nonroot}.
   *
   * @throws IllegalArgumentException naming the reference (a short escaped excerpt of it) when it is
   *     not valid
   */
  public static ImageName parse(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw new IllegalArgumentException("Invalid image reference '" + reference + "': it is empty");
    }
    try {
      if (reference.length() > MAX_REFERENCE_LENGTH) {
        throw new IllegalArgumentException("the name is longer than " + MAX_NAME_LENGTH + " characters");
      }
      return parseValid(reference);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid image reference '" + Excerpt.escape(reference) + "': " + e.getMessage(), e);
    }
  }

  private static ImageName parseValid(String reference) {
    if (IMAGE_ID.matcher(reference).matches()) {
      throw new IllegalArgumentException("a 64-hex-digit name would be read as an image ID");
    }
    Split split = Split.of(reference);
    String registry = DOCKER_HUB;
    String repository = split.name();
    int slash = repository.indexOf('/');
    if (slash >= 0 && looksLikeHost(repository.substring(0, slash))) {
      registry = repository.substring(0, slash);
      repository = repository.substring(slash + 1);
      if (!HOST.matcher(registry).matches()) {
        throw new IllegalArgumentException("registry '" + Excerpt.escape(registry) + "' is not a valid host[:port]");
      }
    }
    String tag = split.tag() == null && split.digest() == null ? "latest" : split.tag();
    return new ImageName(registry, repository, tag, split.digest());
  }

  /** A reference cut into name, tag and digest, none of them checked yet. */
  private record Split(String name, String tag, String digest) {
    static Split of(String reference) {
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
          throw new IllegalArgumentException("tag '" + Excerpt.escape(tag) + "' is not valid");
        }
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("it has no repository name");
      }
      return new Split(rest, tag, digest);
    }
  }

  /** The image in a private ECR repository; {@code tagOrDigest} is a digest when it starts with {@code sha256:}. */
  public static ImageName ecr(String account, String region, String repository, String tagOrDigest) {
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    boolean digest = tagOrDigest.startsWith("sha256:");
    return new ImageName(ecrHost(account, region), repository, digest ? null : tagOrDigest, digest ? tagOrDigest : null);
  }

  /** {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}; {@code .amazonaws.com.cn} in China. */
  public static String ecrHost(String account, String region) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(region, "region");
    if (!ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException("Invalid ECR account id '" + Excerpt.escape(account) + "': expected 12 digits");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("Invalid AWS region '" + Excerpt.escape(region) + "': expected a name like eu-west-1");
    }
    return account + ".dkr.ecr." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
  }

  /**
   * The ECR repository a rendered template value names, where the host may still hold {@code
   * ${AWS::AccountId}}, {@code ${AWS::Region}} and {@code ${AWS::URLSuffix}} (left null in the
   * result). Empty unless the value has a private ECR host and exactly one of a tag and a digest.
   */
  public static Optional<ImageRef.Ecr> ecrRepository(String rendered) {
    int slash = rendered.indexOf('/');
    if (slash < 0 || rendered.length() > MAX_REFERENCE_LENGTH) {
      return Optional.empty();
    }
    Matcher host = ECR_TEMPLATE.matcher(rendered.substring(0, slash));
    if (!host.matches()) {
      return Optional.empty();
    }
    try {
      Split split = Split.of(rendered.substring(slash + 1));
      if ((split.tag() == null) == (split.digest() == null)) {
        return Optional.empty();
      }
      // Checks the path, tag and digest with the grammar every other name meets.
      new ImageName("ecr.example", split.name(), split.tag(), split.digest());
      String account = ACCOUNT.matcher(host.group(1)).matches() ? host.group(1) : null;
      String region = REGION.matcher(host.group(2)).matches() ? host.group(2) : null;
      return Optional.of(new ImageRef.Ecr(account, region, split.name(),
          split.tag() != null ? split.tag() : split.digest()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The name of an image a registry client addresses. */
  public static ImageName of(ImageAddress address) {
    return new ImageName(address.registry(), address.repository(), address.tag(), address.digest());
  }

  /** This image as a registry client addresses it. */
  public ImageAddress address() {
    return new ImageAddress(registry, repository, tag, digest);
  }

  // Docker treats the first component as a registry only if it could not be a Docker Hub
  // namespace: it has a dot or a port, is localhost, or has uppercase letters.
  private static boolean looksLikeHost(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase());
  }

  private static boolean isDockerHubHost(String registry) {
    return registry.equalsIgnoreCase(DOCKER_HUB) || registry.equalsIgnoreCase("index.docker.io")
        || registry.equalsIgnoreCase("registry-1.docker.io");
  }

  /** The full form: {@code docker.io/library/alpine:3.20}, with {@code @digest} when known. */
  public String canonical() {
    return registry + "/" + repository + suffix();
  }

  /**
   * The short form people write, for messages: {@code alpine:3.20}, {@code nginx@sha256:…}. As
   * Docker's {@code FamiliarName}: {@code docker.io/} is dropped, and {@code library/} only from a
   * one-component path; {@code docker.io/} stays where the path's first component would otherwise
   * read as a registry.
   */
  public String familiar() {
    if (!isDockerHub()) {
      return canonical();
    }
    if (repository.startsWith(OFFICIAL) && repository.indexOf('/', OFFICIAL.length()) < 0) {
      return repository.substring(OFFICIAL.length()) + suffix();
    }
    int slash = repository.indexOf('/');
    return (looksLikeHost(repository.substring(0, slash)) ? DOCKER_HUB + "/" : "") + repository + suffix();
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** The digest when there is one, since it names the content; else the tag. */
  public String reference() {
    return digest != null ? digest : tag;
  }

  /** {@code registry/repository}, without tag or digest. */
  public String repositoryPath() {
    return registry + "/" + repository;
  }

  public boolean isDockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** True for a private ECR registry, {@code <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]}. */
  public boolean isEcrPrivate() {
    return ECR_PRIVATE.matcher(registry).matches();
  }

  /** True for a private ECR registry's FIPS host. */
  public boolean isEcrFips() {
    return ecrGroup(2).isPresent();
  }

  /** The 12-digit account of a private ECR registry. */
  public Optional<String> ecrAccount() {
    return ecrGroup(1);
  }

  /** The region of a private ECR registry, e.g. {@code eu-west-1}. */
  public Optional<String> ecrRegion() {
    return ecrGroup(3);
  }

  private Optional<String> ecrGroup(int group) {
    Matcher m = ECR_PRIVATE.matcher(registry);
    return m.matches() ? Optional.ofNullable(m.group(group)) : Optional.empty();
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
