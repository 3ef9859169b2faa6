package dev.healthguard.layers;

/**
 * How a layer is read, apart from the limits: choices measured by the benchmark rather than
 * offered to users.
 *
 * @param pipelined hash the blob on a reader thread of its own ({@link PipelinedHashingSource})
 * @param jdkGzip use the JDK's gzip reader (with {@link ChunkStream}'s read-ahead {@code
 *     available()} so it reads every member) instead of Commons Compress's
 * @param chunkSize bytes per buffer taken from the blob stream
 * @param depth buffers queued between the reader thread and the decompressor
 */
record ScanOptions(boolean pipelined, boolean jdkGzip, int chunkSize, int depth) {
  /**
   * Pipelined hashing and Commons gzip. Hashing on its own thread took the cold single-run listing
   * of a 205 MB layer from 3.8 s to 3.1 s (best of 3, shared 2-core machine); the two gzip readers
   * were within noise of each other (warm 2.1 s vs 2.2 s), and Commons is strict: garbage or a
   * corrupt member after the first is an error, where the JDK reader stops quietly and a layer
   * could look shorter than it is.
   */
  static final ScanOptions DEFAULT = new ScanOptions(true, false, 256 * 1024, 8);

  ScanOptions withPipelined(boolean value) {
    return new ScanOptions(value, jdkGzip, chunkSize, depth);
  }

  ScanOptions withJdkGzip(boolean value) {
    return new ScanOptions(pipelined, value, chunkSize, depth);
  }

  ScanOptions withChunkSize(int value) {
    return new ScanOptions(pipelined, jdkGzip, value, depth);
  }
}
