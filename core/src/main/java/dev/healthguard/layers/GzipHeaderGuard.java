package dev.healthguard.layers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The compressed blob as Commons Compress's gzip reader sees it, bounding each member's header.
 * The reader collects the optional FNAME and FCOMMENT fields in memory up to a NUL byte (RFC 1952
 * §2.3.1), so a header without one would be read whole, up to {@link Limits#maxCompressedBytes()}.
 *
 * <p>The reader calls back when a member's header is done and when a member ends; between the two
 * it inflates, and from a member's end to the next header's end it parses a header. Bytes taken in
 * that second span are counted against {@link Limits#maxHeaderBytes()}. Counting happens where the
 * reader takes bytes, not where this buffer refills, and the reader's own mark and reset (it rewinds
 * the bytes the inflater did not use) move the count back, so the count is the header's size.
 */
final class GzipHeaderGuard extends BufferedInputStream {
  private final String digest;
  private final int limit;
  /** Bytes the reader has taken, minus those it gave back by {@link #reset()}. */
  private long position;
  private long marked;
  /** Where the header being parsed started, or -1 while a member's data is inflated. */
  private long headerStart;

  GzipHeaderGuard(InputStream compressed, String digest, Limits limits) {
    super(compressed, 64 * 1024);
    this.digest = digest;
    this.limit = limits.maxHeaderBytes();
  }

  /** The reader finished a member's header: what follows is compressed data. */
  void headerRead() {
    headerStart = -1;
  }

  /** The reader finished a member's trailer: what follows is the next member's header, if any. */
  void memberEnded() {
    headerStart = position;
  }

  @Override
  public synchronized int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      taken(1);
    }
    return b;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      taken(n);
    }
    return n;
  }

  @Override
  public synchronized long skip(long n) throws IOException {
    long skipped = super.skip(n);
    taken(skipped);
    return skipped;
  }

  @Override
  public synchronized void mark(int readlimit) {
    super.mark(readlimit);
    marked = position;
  }

  @Override
  public synchronized void reset() throws IOException {
    super.reset();
    position = marked;
  }

  private void taken(long n) throws LayerException {
    position += n;
    if (headerStart >= 0 && position - headerStart > limit) {
      throw HeaderOnlyTarStream.tooBig(digest, "a gzip member", position - headerStart, limit);
    }
  }
}
