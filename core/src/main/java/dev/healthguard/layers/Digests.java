package dev.healthguard.layers;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Parses {@code algorithm:hex} digests and makes the matching hash. */
final class Digests {
  // image-spec descriptor.md: the registered algorithms are sha256 (64 hex) and sha512 (128 hex),
  // encoded as lowercase hex.
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("sha512:[0-9a-f]{128}");

  private Digests() {}

  /** Checks the digest's form; a bad one is the caller's mistake, not the layer's. */
  static String requireValid(String digest) {
    if (digest == null || !(SHA256.matcher(digest).matches() || SHA512.matcher(digest).matches())) {
      throw new IllegalArgumentException(
          "Invalid digest: '" + digest + "' (expected sha256:<64 lowercase hex> or sha512:<128>)");
    }
    return digest;
  }

  static MessageDigest newHash(String digest) {
    String algorithm = digest.startsWith("sha512:") ? "SHA-512" : "SHA-256";
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  /** {@code sha256:<hex>} of a finished hash, with the expected digest's algorithm prefix. */
  static String format(String expected, byte[] hash) {
    return expected.substring(0, expected.indexOf(':') + 1) + HexFormat.of().formatHex(hash);
  }
}
