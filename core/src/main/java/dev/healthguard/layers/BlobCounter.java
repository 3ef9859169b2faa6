package dev.healthguard.layers;

import dev.healthguard.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Fills buffers from the blob stream, hashing and counting, with the compressed-size bound. */
final class BlobCounter {
  private final InputStream in;
  private final String expectedDigest;
  private final long maxBytes;
  private final MessageDigest hash;
  private long bytesRead;

  BlobCounter(InputStream in, String expectedDigest, Limits limits) {
    this.in = in;
    this.expectedDigest = expectedDigest;
    this.maxBytes = limits.maxCompressedBytes();
    this.hash = Digest.parse(expectedDigest).newHash();
  }

  /**
   * Reads until {@code buffer} is full or the blob ends, and hashes what was read. Filling whole
   * buffers keeps the first chunk long enough for the magic bytes and makes the hash update in big
   * steps.
   *
   * @return bytes read, 0 at the end of the blob
   */
  int fill(byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    if (filled > 0) {
      bytesRead += filled;
      if (bytesRead > maxBytes) {
        throw new LayerException(LayerException.Kind.LIMIT_EXCEEDED, expectedDigest,
            String.format("exceeds maxCompressedBytes: more than %,d bytes read, limit %,d;"
                + " raise it with Limits.withMaxCompressedBytes(…)", maxBytes, maxBytes));
      }
      hash.update(buffer, 0, filled);
    }
    return filled;
  }

  long bytesRead() {
    return bytesRead;
  }

  /** Finishes the hash; call once, at the end of the blob. */
  String finish() {
    return Digest.parse(expectedDigest).withHash(hash.digest()).toString();
  }
}
