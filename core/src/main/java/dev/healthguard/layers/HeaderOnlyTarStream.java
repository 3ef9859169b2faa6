package dev.healthguard.layers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Commons Compress's tar reader with two additions for layers it does not give in 1.28:
 *
 * <ul>
 *   <li>A bound on PAX and GNU long-name entries, which the reader holds in memory whole.
 *   <li>Telling a stream cut inside a header from a proper end: Commons treats a short header
 *       record like the end of the archive and returns no entry.
 * </ul>
 *
 * <p>Bodies are never read here; {@code getNextEntry()} skips them.
 */
final class HeaderOnlyTarStream extends TarArchiveInputStream {
  private static final int RECORD = 512;

  private final String digest;
  private final int maxHeaderBytes;
  private boolean sawEndMarker;
  private long cutHeaderBytes;

  HeaderOnlyTarStream(InputStream in, String digest, Limits limits) {
    // UTF-8 names, not the platform charset, so that listings do not depend on the machine.
    super(in, StandardCharsets.UTF_8.name());
    this.digest = digest;
    this.maxHeaderBytes = limits.maxHeaderBytes();
  }

  @Override
  protected byte[] readRecord() throws IOException {
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
    if (entry != null && entry.getSize() > maxHeaderBytes
        && (entry.isPaxHeader() || entry.isGlobalPaxHeader()
            || entry.isGNULongNameEntry() || entry.isGNULongLinkEntry())) {
      throw new LayerException(LayerException.Kind.LIMIT_EXCEEDED, digest, String.format(
          "exceeds maxHeaderBytes: a %s header of %,d bytes, limit %,d; raise it with"
              + " Limits.withMaxHeaderBytes(…)",
          entry.isGNULongNameEntry() || entry.isGNULongLinkEntry() ? "GNU long-name" : "PAX",
          entry.getSize(), maxHeaderBytes));
    }
    return super.read(buf, offset, numToRead);
  }

  /** Bytes of a header record that was cut short, 0 if none was. */
  long cutHeaderBytes() {
    return cutHeaderBytes;
  }
}
