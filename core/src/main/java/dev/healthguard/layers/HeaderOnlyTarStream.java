package dev.healthguard.layers;

import dev.healthguard.layers.LayerException.Kind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Commons Compress's tar reader with what it does not give in 1.28 for layers from a registry:
 *
 * <ul>
 *   <li>Bounds on what the reader holds in memory whole: one PAX or GNU long-name entry, the
 *       global PAX headers (merged into every later entry), the header records of one old-GNU
 *       sparse entry, and the sparse map of a PAX 1.0 sparse entry.
 *   <li>A bound on metadata headers in a row. Commons reads a PAX or long-name header, then calls
 *       {@link #getNextEntry()} again for the entry it describes, so each header in a chain costs
 *       stack frames; the chain is cut here, before the next call, not by a StackOverflowError.
 *   <li>Telling a stream cut inside a header from a proper end: Commons treats a short header
 *       record like the end of the archive and returns no entry.
 * </ul>
 *
 * <p>Bodies are never read here; {@code getNextEntry()} skips them.
 */
final class HeaderOnlyTarStream extends TarArchiveInputStream {
  private static final int RECORD = 512;

  private final String digest;
  private final Limits limits;
  private final AfterHeaderReads afterHeader;
  private boolean sawEndMarker;
  private long cutHeaderBytes;
  /** Calls of {@link #getNextEntry()} in progress: 1 for an entry, one more per header before it. */
  private int depth;
  private int recordsOfThisEntry;
  private long globalPaxBytes;
  private TarArchiveEntry countedGlobal;

  HeaderOnlyTarStream(InputStream in, String digest, Limits limits) {
    this(new AfterHeaderReads(in, digest, limits.maxHeaderBytes()), digest, limits);
  }

  private HeaderOnlyTarStream(AfterHeaderReads in, String digest, Limits limits) {
    // UTF-8 names, not the platform charset, so that listings do not depend on the machine.
    super(in, StandardCharsets.UTF_8.name());
    this.digest = digest;
    this.limits = limits;
    this.afterHeader = in;
  }

  @Override
  public TarArchiveEntry getNextEntry() throws IOException {
    if (depth > limits.maxHeaderChain()) {
      throw new LayerException(Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxHeaderChain: more than %,d PAX or GNU long-name headers in a row, limit %,d;"
              + " raise it with Limits.withMaxHeaderChain(…)",
          limits.maxHeaderChain(), limits.maxHeaderChain()));
    }
    if (depth == 0) {
      recordsOfThisEntry = 0;
    }
    depth++;
    try {
      return super.getNextEntry();
    } finally {
      depth--;
      // Back in the caller of a nested call, that is in Commons' handling of the header before:
      // what it reads from the stream now is a PAX 1.0 sparse map, until the entry is returned.
      afterHeader.arm(depth > 0);
    }
  }

  @Override
  protected byte[] readRecord() throws IOException {
    // Header records only come here (bodies are skipped through the stream), so many records for
    // one entry are an old-GNU sparse map extended record after record.
    if (++recordsOfThisEntry > Math.max(limits.maxHeaderChain() + 3, limits.maxHeaderBytes() / RECORD)) {
      throw headerTooBig("an old-GNU sparse", (long) recordsOfThisEntry * RECORD);
    }
    long before = getBytesRead();
    byte[] record = super.readRecord();
    long got = getBytesRead() - before;
    // A record of 0 bytes at a header boundary is taken as the end, as Go's archive/tar (and so
    // containerd) does; a partial one means the stream was cut. After the end marker, short
    // records are padding.
    if (record == null && got > 0 && got < RECORD && !sawEndMarker) {
      cutHeaderBytes = got;
    }
    return record;
  }

  @Override
  protected boolean isEOFRecord(byte[] record) {
    boolean end = super.isEOFRecord(record);
    if (end && record != null) {
      sawEndMarker = true;
    }
    return end;
  }

  @Override
  public int read(byte[] buf, int offset, int numToRead) throws IOException {
    TarArchiveEntry entry = getCurrentEntry();
    if (entry != null && (entry.isPaxHeader() || entry.isGlobalPaxHeader()
        || entry.isGNULongNameEntry() || entry.isGNULongLinkEntry())) {
      if (entry.getSize() > limits.maxHeaderBytes()) {
        throw headerTooBig(entry.isGNULongNameEntry() || entry.isGNULongLinkEntry()
            ? "a GNU long-name" : "a PAX", entry.getSize());
      }
      if (entry.isGlobalPaxHeader() && entry != countedGlobal) {
        countedGlobal = entry;
        globalPaxBytes += entry.getSize();
        if (globalPaxBytes > limits.maxHeaderBytes()) {
          throw headerTooBig("the global PAX", globalPaxBytes);
        }
      }
    }
    return super.read(buf, offset, numToRead);
  }

  private LayerException headerTooBig(String what, long bytes) {
    return tooBig(digest, what, bytes, limits.maxHeaderBytes());
  }

  static LayerException tooBig(String digest, String what, long bytes, int limit) {
    return new LayerException(Kind.LIMIT_EXCEEDED, digest, String.format(
        "exceeds maxHeaderBytes: %s header of %,d bytes, limit %,d; raise it with"
            + " Limits.withMaxHeaderBytes(…)", what, bytes, limit));
  }

  /** Bytes of a header record that was cut short, 0 if none was. */
  long cutHeaderBytes() {
    return cutHeaderBytes;
  }

  /**
   * The tar bytes, counting what Commons reads between finishing a nested entry and returning the
   * outer one: only the sparse map of a PAX 1.0 sparse file is read there, one number a line, and
   * each number becomes an object in memory.
   */
  private static final class AfterHeaderReads extends FilterInputStream {
    private final String digest;
    private final int limit;
    private boolean armed;
    private long count;

    AfterHeaderReads(InputStream in, String digest, int limit) {
      super(in);
      this.digest = digest;
      this.limit = limit;
    }

    void arm(boolean on) {
      armed = on;
      count = 0;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      counted(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      counted(n);
      return n;
    }

    private void counted(int n) throws LayerException {
      if (armed && n > 0 && (count += n) > limit) {
        throw tooBig(digest, "a PAX 1.0 sparse map", count, limit);
      }
    }
  }
}
