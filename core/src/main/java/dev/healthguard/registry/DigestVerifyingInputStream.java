package dev.healthguard.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Passes a blob's bytes through while hashing and counting them, and fails when they are not the
 * blob the descriptor names: more bytes than its size as soon as they arrive, fewer or a different
 * sha256 at end of stream. Content addressing makes this the proof that the listing belongs to the
 * digest (ecr-oci.md §1.5; Jib's {@code BlobPuller} does the same). Used for manifests' configs and
 * other blobs read whole; layers are hashed by the layer reader instead.
 *
 * <p>Failures are {@link LookupIOException}s carrying {@link LookupException.Kind#DIGEST_MISMATCH}
 * or {@link LookupException.Kind#TRUNCATED}. A reader that stops before end of stream (a tar
 * reader stops at the end-of-archive blocks) has verified nothing: call {@link #drainAndVerify()}.
 * {@link #skip} reads, so skipped bytes are hashed too. Not thread-safe.
 */
public final class DigestVerifyingInputStream extends FilterInputStream {

  private final String expectedDigest;
  private final long expectedSize;
  private final String image;
  private final String what;
  private final MessageDigest sha256;
  private long count;
  private boolean verified;

  /**
   * @param in the blob's bytes as downloaded
   * @param expectedDigest {@code sha256:…} from the descriptor
   * @param expectedSize the descriptor's size, or -1 when unknown
   * @param image the image, as displayed in messages
   * @param what the blob in messages, e.g. {@code layer 3 sha256:…}
   */
  public DigestVerifyingInputStream(InputStream in, String expectedDigest, long expectedSize, String image, String what) {
    super(Objects.requireNonNull(in, "in"));
    if (!Digest.isSha256(expectedDigest)) {
      throw new IllegalArgumentException("Can only verify sha256 digests, got: '" + expectedDigest + "'");
    }
    this.expectedDigest = expectedDigest;
    this.sha256 = Digest.parse(expectedDigest).newHash();
    this.expectedSize = expectedSize;
    this.image = Objects.requireNonNull(image, "image");
    this.what = Objects.requireNonNull(what, "what");
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      verifyAtEnd();
    } else {
      sha256.update((byte) b);
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      verifyAtEnd();
    } else if (n > 0) {
      sha256.update(buffer, offset, n);
      counted(n);
    }
    return n;
  }

  // Skipped bytes must be hashed, so skip by reading (FilterInputStream would delegate past us).
  @Override
  public long skip(long n) throws IOException {
    return skipByReading(this, n);
  }

  /** Skips through {@code stream}'s own read, so a filter sees (hashes, times) every byte. */
  static long skipByReading(InputStream stream, long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = stream.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** Reads the rest of the blob, then verifies size and digest; a no-op once verified. */
  public void drainAndVerify() throws IOException {
    byte[] buffer = new byte[16384];
    while (read(buffer, 0, buffer.length) >= 0) {
      // hashing happens in read
    }
  }

  /** True once end of stream was reached with the right size and digest. */
  public boolean verified() {
    return verified;
  }

  public long bytesRead() {
    return count;
  }

  private void counted(int n) throws LookupIOException {
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new LookupIOException(
          new LookupException(
              LookupException.Kind.DIGEST_MISMATCH,
              image,
              "The " + what + " of " + image + " is longer than the " + expectedSize
                  + " bytes its descriptor says: the download is not that blob; retry, and report it if it persists",
              null));
    }
  }

  private void verifyAtEnd() throws LookupIOException {
    if (verified) {
      return;
    }
    if (expectedSize >= 0 && count < expectedSize) {
      throw new LookupIOException(
          new LookupException(
              LookupException.Kind.TRUNCATED,
              image,
              "The download of the " + what + " of " + image + " ended after " + count + " of " + expectedSize
                  + " bytes: retry; something between here and the registry cut it short",
              null));
    }
    String actual = Digest.parse(expectedDigest).withHash(sha256.digest()).toString();
    if (!actual.equals(expectedDigest)) {
      throw new LookupIOException(
          new LookupException(
              LookupException.Kind.DIGEST_MISMATCH,
              image,
              "The " + what + " of " + image + " has digest " + actual + ", but its descriptor says "
                  + expectedDigest + ": the download is not that blob; retry, and report it if it persists",
              null));
    }
    verified = true;
  }
}
