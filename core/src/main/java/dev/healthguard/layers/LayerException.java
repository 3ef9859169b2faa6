package dev.healthguard.layers;

import java.io.IOException;
import java.util.Objects;

/**
 * A layer that could not be listed because of what its bytes are, as opposed to an I/O failure of
 * the stream that carried them (those stay plain {@link IOException}s). The message names the layer
 * first, then what was wrong, then the value seen and the bound, like the CDK's own validation
 * messages: {@code layer sha256:ab… exceeds maxUncompressedBytes: 1,073,741,824 bytes read, limit
 * 536,870,912; raise it with Limits.withMaxUncompressedBytes(…)}.
 *
 * <p>It extends {@code IOException} so that a caller reading layers off the network handles one
 * family of failures, and checks {@link #kind()} when it needs to tell a bad blob (retry will not
 * help) from a broken connection (it might).
 */
public final class LayerException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What kind of problem the layer has. */
  public enum Kind {
    /** The bytes read do not hash to the digest the manifest names. */
    DIGEST_MISMATCH,
    /** The compressed or tar stream ended in the middle of something. */
    TRUNCATED,
    /** A {@link Limits} bound was reached; nothing is wrong with the layer as such. */
    LIMIT_EXCEEDED,
    /** The bytes are not a layer: corrupt compression, a bad tar header, a {@code ..} path. */
    MALFORMED
  }

  private final Kind kind;
  private final String layerDigest;
  private final String detail;

  LayerException(Kind kind, String layerDigest, String detail) {
    this(kind, layerDigest, detail, null);
  }

  LayerException(Kind kind, String layerDigest, String detail, Throwable cause) {
    super(format(kind, layerDigest, detail), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.layerDigest = Objects.requireNonNull(layerDigest, "layerDigest");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The kind of problem. */
  public Kind kind() {
    return kind;
  }

  /** The digest the caller expected, which names the layer: {@code sha256:…}. */
  public String layerDigest() {
    return layerDigest;
  }

  /** The problem without the layer prefix. */
  public String detail() {
    return detail;
  }

  private static String format(Kind kind, String digest, String detail) {
    return switch (kind) {
      case TRUNCATED -> "truncated layer " + digest + ": " + detail;
      case MALFORMED -> "malformed layer " + digest + ": " + detail;
      case DIGEST_MISMATCH, LIMIT_EXCEEDED -> "layer " + digest + " " + detail;
    };
  }
}
