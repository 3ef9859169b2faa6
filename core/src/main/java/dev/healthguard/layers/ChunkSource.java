package dev.healthguard.layers;

import java.io.IOException;

/**
 * The compressed blob as a sequence of filled buffers, hashed and counted as they pass, the way
 * Jib's {@code Blob.writeTo} computes a digest while copying. Two implementations: {@link
 * InlineHashingSource} hashes on the reading thread; {@link PipelinedHashingSource} reads and
 * hashes on a thread of its own so hashing overlaps decompression.
 */
interface ChunkSource extends AutoCloseable {
  /** The next filled buffer, or {@code null} once the blob has ended and its digest is known. */
  Chunk next() throws IOException;

  /** Gives back a buffer returned by {@link #next()} once its bytes have been used. */
  void recycle(Chunk chunk);

  /** Bytes read from the blob so far. */
  long bytesRead();

  /** The digest of the whole blob, {@code sha256:…}; only after {@link #next()} returned null. */
  String actualDigest();

  /** Stops reading; never closes the caller's stream. */
  @Override
  void close();

  /**
   * A buffer and how much of it holds data. Only the last chunk of a blob is short, so the first
   * one holds the magic bytes unless the whole blob is shorter.
   */
  record Chunk(byte[] buffer, int length) {}
}
