package dev.healthguard.ecr;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 content digests in the {@code sha256:<64 hex>} form of image-spec descriptor.md. */
final class Digests {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern ANY = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  static boolean isSha256(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }

  /** True for any digest the image-spec grammar allows, including algorithms we cannot check. */
  static boolean isWellFormed(String digest) {
    return digest != null && ANY.matcher(digest).matches();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  static String sha256(byte[] bytes) {
    return format(newSha256().digest(bytes));
  }

  static String format(byte[] sha256) {
    return "sha256:" + HexFormat.of().formatHex(sha256);
  }


  private Digests() {}
}
