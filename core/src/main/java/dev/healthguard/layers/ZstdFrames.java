package dev.healthguard.layers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A zstd stream with its skippable frames left out, for a decoder that does not skip them itself
 * (aircompressor's {@code ZstdInputStream} fails on one: "Invalid magic prefix"). RFC 8878 §3.1.2
 * lets a frame with magic {@code 0x184D2A50}–{@code 0x184D2A5F} carry data every decoder must
 * ignore; zstd:chunked layers keep their table of contents, tar-split data and footer in three of
 * them after the tar's frames (containers/storage {@code compression.go}), so without this such a
 * layer could not be streamed.
 *
 * <p>Zstandard frames pass through unchanged; their ends are found from the frame header and the
 * 3-byte block headers (RFC 8878 §3.1.1), so no byte is decompressed here. Anything else at a
 * frame boundary passes through too, for the decoder to reject.
 */
final class ZstdFrames extends InputStream {
  private static final int ZSTD_MAGIC = 0xFD2FB528;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;

  private final InputStream in;
  // Bytes read ahead at a boundary, handed out before the rest.
  private final byte[] pending = new byte[18];
  private int pendingStart;
  private int pendingEnd;
  // Bytes of the current frame still to pass before the next boundary, or -1 for "until the next
  // block header".
  private long passThrough;
  private State state = State.BOUNDARY;
  private boolean checksum;

  private enum State { BOUNDARY, BLOCKS, LAST_BLOCK, CHECKSUM, OPAQUE }

  ZstdFrames(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (pendingStart < pendingEnd) {
        int n = Math.min(len, pendingEnd - pendingStart);
        System.arraycopy(pending, pendingStart, b, off, n);
        pendingStart += n;
        return n;
      }
      if (passThrough > 0) {
        int n = in.read(b, off, (int) Math.min(len, passThrough));
        if (n < 0) {
          return -1; // cut inside a frame: the decoder says so
        }
        passThrough -= n;
        return n;
      }
      if (!advance()) {
        return -1;
      }
    }
  }

  /** Reads what comes next at a boundary; false at the end of the stream. */
  private boolean advance() throws IOException {
    switch (state) {
      case OPAQUE -> {
        passThrough = Long.MAX_VALUE;
        return true;
      }
      case CHECKSUM -> {
        state = State.BOUNDARY;
        passThrough = checksum ? 4 : 0;
        return true;
      }
      case LAST_BLOCK -> {
        state = State.CHECKSUM;
        return true;
      }
      case BLOCKS -> {
        int header = fill(3);
        if (header < 3) {
          return header > 0;
        }
        int value = (pending[0] & 0xff) | (pending[1] & 0xff) << 8 | (pending[2] & 0xff) << 16;
        int type = (value >> 1) & 3;
        int size = value >>> 3;
        passThrough = type == 1 ? 1 : size;
        if ((value & 1) != 0) {
          state = State.LAST_BLOCK;
        }
        return true;
      }
      default -> {
        int got = fill(4);
        if (got < 4) {
          return got > 0;
        }
        int magic = (pending[0] & 0xff) | (pending[1] & 0xff) << 8 | (pending[2] & 0xff) << 16 | (pending[3] & 0xff) << 24;
        if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
          pendingEnd = 0;
          skip4ThenSkipFrame();
          return true;
        }
        if (magic != ZSTD_MAGIC) {
          state = State.OPAQUE;
          return true;
        }
        frameHeader();
        return true;
      }
    }
  }

  // The frame header after the magic: its descriptor, then the window, dictionary and size fields.
  private void frameHeader() throws IOException {
    int descriptor = readByte();
    pending[pendingEnd++] = (byte) descriptor;
    int fcsFlag = descriptor >>> 6;
    boolean singleSegment = (descriptor & 0x20) != 0;
    checksum = (descriptor & 0x04) != 0;
    int dictionary = new int[] {0, 1, 2, 4}[descriptor & 3];
    int contentSize = fcsFlag == 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
    passThrough = (singleSegment ? 0 : 1) + dictionary + contentSize;
    state = State.BLOCKS;
  }

  private void skip4ThenSkipFrame() throws IOException {
    byte[] size = in.readNBytes(4);
    if (size.length < 4) {
      throw new EOFException("zstd stream cut inside a skippable frame header");
    }
    long length = (size[0] & 0xffL) | (size[1] & 0xffL) << 8 | (size[2] & 0xffL) << 16 | (size[3] & 0xffL) << 24;
    for (long left = length; left > 0; ) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("zstd stream cut inside a skippable frame");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  // Reads up to n bytes into pending; returns how many (fewer only at the end of the stream).
  private int fill(int n) throws IOException {
    pendingStart = 0;
    pendingEnd = 0;
    while (pendingEnd < n) {
      int r = in.read(pending, pendingEnd, n - pendingEnd);
      if (r < 0) {
        break;
      }
      pendingEnd += r;
    }
    return pendingEnd;
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("zstd stream cut inside a frame header");
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
