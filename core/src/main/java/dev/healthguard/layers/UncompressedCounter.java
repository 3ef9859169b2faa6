package dev.healthguard.layers;

import java.io.IOException;
import java.io.InputStream;

/**
 * The decompressed tar stream, counted against {@link Limits#maxUncompressedBytes()} and the
 * compression ratio. Checking on every read stops a decompression bomb after at most one read
 * past the bound, having consumed only a few kilobytes of compressed input per megabyte.
 */
final class UncompressedCounter extends InputStream {
  private final InputStream in;
  private final ChunkStream compressed;
  private final String digest;
  private final long maxBytes;
  private final long ratio;
  private final long ratioAfter;
  private long count;
  private boolean eof;
  private IOException failure;

  UncompressedCounter(InputStream in, ChunkStream compressed, String digest, Limits limits) {
    this.in = in;
    this.compressed = compressed;
    this.digest = digest;
    this.maxBytes = limits.maxUncompressedBytes();
    this.ratio = limits.maxCompressionRatio();
    this.ratioAfter = limits.ratioCheckAfterBytes();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    } catch (RuntimeException e) {
      // aircompressor reports corrupt zstd input with an unchecked MalformedInputException.
      failure = new IOException(String.valueOf(e.getMessage()), e);
      throw failure;
    }
    if (n < 0) {
      eof = true;
      return n;
    }
    count += n;
    check();
    return n;
  }

  private void check() throws LayerException {
    if (count > maxBytes) {
      throw new LayerException(LayerException.Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxUncompressedBytes: more than %,d bytes of tar, limit %,d; raise it with"
              + " Limits.withMaxUncompressedBytes(…)", maxBytes, maxBytes));
    }
    long in = Math.max(1, compressed.consumed());
    if (count > ratioAfter && count / in > ratio) {
      throw new LayerException(LayerException.Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxCompressionRatio, a likely decompression bomb: %,d compressed bytes gave %,d"
              + " (%,d:1), limit %,d:1 after %,d bytes; raise it with"
              + " Limits.withMaxCompressionRatio(…)", in, count, count / in, ratio, ratioAfter));
    }
  }

  /** Reads the rest of the tar stream (the padding after the end marker, the gzip trailer). */
  void drain() throws IOException {
    byte[] sink = new byte[64 * 1024];
    while (read(sink, 0, sink.length) >= 0) {
      // counted and bounded by read()
    }
  }

  long count() {
    return count;
  }

  boolean atEnd() {
    return eof;
  }

  /** The decompressor's own failure, if decompression failed. */
  IOException failure() {
    return failure;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
