package dev.healthguard.ecr;

import dev.healthguard.registry.Digest;
import dev.healthguard.registry.ImageAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * An image in a private ECR repository: account, region, repository, and a tag or a digest.
 *
 * <p>When both a tag and a digest are given, ECR checks that they agree (failure code {@code
 * ImageTagDoesNotMatchDigest}, ecr-oci.md §1.3).
 *
 * @param accountId the 12-digit account that owns the registry (sent as {@code registryId})
 * @param region e.g. {@code eu-west-1}
 * @param repository e.g. {@code team/api}
 * @param tag e.g. {@code v1}, or null
 * @param digest e.g. {@code sha256:…}, or null
 */
public record ImageReference(String accountId, String region, String repository, String tag, String digest) {

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]+");
  // ECR's repositoryName pattern and length (API reference, CreateRepository).
  private static final Pattern REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  // The distribution reference grammar for tags, as ImageName uses.
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** Checks every component; messages name the component, the value and the expected form. */
  public ImageReference {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(repository, "repository");
    if (!ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("Invalid ECR account id '" + accountId + "': expected 12 digits");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("Invalid AWS region '" + region + "': expected a name like eu-west-1");
    }
    if (repository.length() < 2 || repository.length() > 256 || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "Invalid ECR repository name '" + repository + "': expected 2 to 256 lowercase letters, digits,"
              + " and '.', '_', '-' or '/' between them");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("Invalid image tag '" + tag + "': expected up to 128 letters, digits, '_', '.', '-'");
    }
    if (digest != null && !Digest.isSha256(digest)) {
      throw new IllegalArgumentException("Invalid image digest '" + digest + "': expected sha256:<64 lowercase hex digits>");
    }
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("Image " + repository + " needs a tag or a digest");
    }
  }

  /**
   * The usual way in: a tag, or a digest when {@code tagOrDigest} starts with {@code sha256:}.
   *
   * @throws IllegalArgumentException naming the component that is not valid
   */
  public static ImageReference of(String accountId, String region, String repository, String tagOrDigest) {
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    return tagOrDigest.startsWith("sha256:")
        ? new ImageReference(accountId, region, repository, null, tagOrDigest)
        : new ImageReference(accountId, region, repository, tagOrDigest, null);
  }

  // <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]: the FIPS host serves the same
  // repositories, read here through the region's ECR API.
  private static final Pattern HOST =
      Pattern.compile("([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-[0-9]+)\\.amazonaws\\.com(?:\\.cn)?");

  /** The ECR image an address names, when its registry is a private ECR host. */
  public static Optional<ImageReference> from(ImageAddress address) {
    Matcher m = HOST.matcher(address.registry());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ImageReference(m.group(1), m.group(2), address.repository(), address.tag(), address.digest()));
  }

  /** This image as a registry address. */
  public ImageAddress address() {
    return new ImageAddress(registry(), repository, tag, digest);
  }

  /** {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}; {@code .amazonaws.com.cn} in China. */
  public String registry() {
    return accountId + ".dkr.ecr." + region + "." + dnsSuffix();
  }

  private String dnsSuffix() {
    RegionMetadata metadata = Region.of(region).metadata();
    if (metadata != null && metadata.domain() != null) {
      return metadata.domain();
    }
    // A region newer than the SDK's metadata: the partition follows from the name.
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  }

  /** The tag or digest as asked: the digest when both are given, since it names the content. */
  public String reference() {
    return digest != null ? digest : tag;
  }

  public boolean isByDigest() {
    return digest != null;
  }

  /** {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1} (or {@code @sha256:…}). */
  public String display() {
    return registry() + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  @Override
  public String toString() {
    return display();
  }
}
