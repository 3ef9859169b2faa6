package dev.healthguard.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:hex} (image-spec descriptor.md). HealthGuard verifies the two
 * registered algorithms, sha256 (64 lowercase hex) and sha512 (128); the grammar allows others,
 * which {@link #isWellFormed} accepts so that messages can say "cannot verify" rather than
 * "invalid". The one digest type of the project: the registry clients and the layer reader use it.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lowercase hex encoding
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("sha512:[0-9a-f]{128}");
  private static final Pattern ANY = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    if (!isVerifiable(algorithm + ":" + hex)) {
      throw new IllegalArgumentException(
          "Invalid digest: '" + algorithm + ":" + hex + "' (expected sha256:<64 lowercase hex> or sha512:<128>)");
    }
  }

  /**
   * Reads {@code sha256:…} or {@code sha512:…}.
   *
   * @throws IllegalArgumentException naming the text when it is neither
   */
  public static Digest parse(String text) {
    if (text == null || text.indexOf(':') < 0) {
      throw new IllegalArgumentException(
          "Invalid digest: '" + text + "' (expected sha256:<64 lowercase hex> or sha512:<128>)");
    }
    int colon = text.indexOf(':');
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(newHash("sha256").digest(bytes)));
  }

  public static boolean isSha256(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }

  /** True for sha256 and sha512 digests, the ones HealthGuard can check. */
  public static boolean isVerifiable(String digest) {
    return digest != null && (SHA256.matcher(digest).matches() || SHA512.matcher(digest).matches());
  }

  /** True for any digest the image-spec grammar allows, including algorithms we cannot check. */
  public static boolean isWellFormed(String digest) {
    return digest != null && ANY.matcher(digest).matches();
  }

  /** A fresh hash of this digest's algorithm. */
  public MessageDigest newHash() {
    return newHash(algorithm);
  }

  /** The digest of this algorithm whose hash is {@code hash}, e.g. a finished {@link #newHash()}. */
  public Digest withHash(byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  private static MessageDigest newHash(String algorithm) {
    String name = algorithm.equals("sha512") ? "SHA-512" : "SHA-256";
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has " + name, e);
    }
  }

  /** {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
