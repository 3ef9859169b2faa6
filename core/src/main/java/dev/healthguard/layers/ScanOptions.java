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
   * Pipelined hashing and Commons gzip, from {@code LayerListingBenchmark} on a 205 MB gzip layer
   * (2-core machine shared with other work, so the spread is wide). Hashing on its own thread:
   * cold single-process median 2.96 s against 3.81 s inline (5 processes each; shell 2.35 s).
   * The two gzip readers were within noise (warm 2.29 s Commons, 2.32 s JDK), and Commons is
   * strict: data after the last member or a corrupt later member is an error, where the JDK
   * reader stops quietly ("ignore any malformed") and a layer could look shorter than it is.
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
