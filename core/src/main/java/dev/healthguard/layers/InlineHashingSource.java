package dev.healthguard.layers;

import java.io.IOException;
import java.io.InputStream;

/** Reads and hashes on the caller's thread, one reused buffer. */
final class InlineHashingSource implements ChunkSource {
  private final BlobCounter counter;
  private final byte[] buffer;
  private String digest;

  InlineHashingSource(InputStream in, String expectedDigest, Limits limits, int chunkSize) {
    this.counter = new BlobCounter(in, expectedDigest, limits);
    this.buffer = new byte[chunkSize];
  }

  @Override
  public Chunk next() throws IOException {
    if (digest != null) {
      return null;
    }
    int n = counter.fill(buffer);
    if (n == 0) {
      digest = counter.finish();
      return null;
    }
    return new Chunk(buffer, n);
  }

  @Override
  public void recycle(Chunk chunk) {
    // The one buffer is refilled by the next call.
  }

  @Override
  public long bytesRead() {
    return counter.bytesRead();
  }

  @Override
  public String actualDigest() {
    if (digest == null) {
      throw new IllegalStateException("the blob has not been read to its end");
    }
    return digest;
  }

  @Override
  public void close() {
    // Nothing of ours to release; the caller closes its stream.
  }
}
