package dev.healthguard.layers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and hashes the blob on a thread of its own and hands filled buffers over a bounded queue,
 * so SHA-256 (no SHA-NI on the target machines) runs beside decompression instead of before it.
 * Memory stays at {@code depth + 2} buffers whatever the layer size: buffers go back to a pool
 * once used, and the reader waits while the queue is full.
 */
final class PipelinedHashingSource implements ChunkSource {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Object END = new Object();

  private final BlockingQueue<Object> filled;
  private final BlockingQueue<byte[]> empty;
  private final BlobCounter counter;
  private final int chunkSize;
  private final Thread reader;
  private volatile boolean cancelled;
  private volatile String digest;
  private volatile long bytesRead;
  private boolean ended;

  PipelinedHashingSource(InputStream in, String expectedDigest, Limits limits, int chunkSize, int depth) {
    this.filled = new ArrayBlockingQueue<>(depth);
    this.empty = new ArrayBlockingQueue<>(depth + 2);
    this.counter = new BlobCounter(in, expectedDigest, limits);
    this.chunkSize = chunkSize;
    this.reader = new Thread(this::pump, "healthguard-layer-hash-" + THREADS.incrementAndGet());
    // Daemon: a reader blocked on a stalled network stream must not keep the synth JVM alive.
    reader.setDaemon(true);
    reader.start();
  }

  private void pump() {
    try {
      while (!cancelled) {
        byte[] buffer = empty.poll();
        if (buffer == null) {
          buffer = new byte[chunkSize];
        }
        int n = counter.fill(buffer);
        bytesRead = counter.bytesRead();
        if (n == 0) {
          digest = counter.finish();
          hand(END);
          return;
        }
        hand(new Chunk(buffer, n));
      }
    } catch (IOException | RuntimeException | Error e) {
      hand(e);
    }
  }

  /** Queues an item, giving up if the consumer has gone away. */
  private void hand(Object item) {
    try {
      while (!filled.offer(item, 50, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Chunk next() throws IOException {
    if (ended) {
      return null;
    }
    Object item;
    try {
      item = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading a layer");
    }
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof Chunk chunk) {
      return chunk;
    }
    ended = true;
    if (item instanceof IOException e) {
      throw e;
    }
    if (item instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) item;
  }

  @Override
  public void recycle(Chunk chunk) {
    empty.offer(chunk.buffer());
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public String actualDigest() {
    String d = digest;
    if (d == null || !ended) {
      throw new IllegalStateException("the blob has not been read to its end");
    }
    return d;
  }

  @Override
  public void close() {
    // Not interrupted: interrupting a thread reading a FileChannel stream closes the caller's
    // stream. The reader notices the flag after its current read, or within 50 ms when waiting.
    cancelled = true;
    filled.clear();
  }
}
