package dev.healthguard.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a blob through and fails when its length is not the descriptor's: more bytes as soon as
 * they arrive, fewer at end of stream. It does not hash: a layer is hashed once, by the layer
 * reader that lists it (aesthetics-review.md §3.9); a small blob read whole goes through {@link
 * DigestVerifyingInputStream} instead.
 */
final class SizeCheckingInputStream extends FilterInputStream {

  private final long size;
  private final String image;
  private final String what;
  private long count;

  SizeCheckingInputStream(InputStream in, long size, String image, String what) {
    super(in);
    this.size = size;
    this.image = image;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      if (count < size) {
        throw new LookupIOException(
            new LookupException(
                LookupException.Kind.TRUNCATED,
                image,
                "The download of the " + what + " of " + image + " ended after " + count + " of " + size
                    + " bytes: retry; something between here and the registry cut it short",
                null));
      }
      return n;
    }
    count += n;
    if (count > size) {
      throw new LookupIOException(
          new LookupException(
              LookupException.Kind.DIGEST_MISMATCH,
              image,
              "The " + what + " of " + image + " is longer than the " + size
                  + " bytes its descriptor says: the download is not that blob; retry, and report it if it persists",
              null));
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return DigestVerifyingInputStream.skipByReading(this, n);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
