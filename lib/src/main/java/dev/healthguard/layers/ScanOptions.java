package dev.healthguard.layers;

/**
 * How a layer is read, apart from the limits: choices measured by the benchmark rather than
 * offered to users.
 *
 * @param pipelined hash the blob on a reader thread of its own ({@link PipelinedHashingSource})
 * @param commonsGzip use Commons Compress's gzip reader instead of the JDK's
 * @param chunkSize bytes per buffer taken from the blob stream
 * @param depth buffers queued between the reader thread and the decompressor
 */
record ScanOptions(boolean pipelined, boolean commonsGzip, int chunkSize, int depth) {
  /** Chosen from the benchmark; see {@code LayerListingBenchmark}. */
  static final ScanOptions DEFAULT = new ScanOptions(true, false, 256 * 1024, 8);

  ScanOptions withPipelined(boolean value) {
    return new ScanOptions(value, commonsGzip, chunkSize, depth);
  }

  ScanOptions withCommonsGzip(boolean value) {
    return new ScanOptions(pipelined, value, chunkSize, depth);
  }

  ScanOptions withChunkSize(int value) {
    return new ScanOptions(pipelined, commonsGzip, value, depth);
  }
}
