package dev.healthguard.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a download body in time and turns its I/O errors into typed failures. The JDK
 * {@code HttpClient}'s request timeout stops at the response headers, and a body can stall
 * forever; so a watchdog closes the stream when one read waits longer than the idle limit, or when
 * the deadline passes during a read (closing unblocks the reader with an IOException). An I/O
 * error that is not ours means the connection broke mid-body: {@link LookupException.Kind#TRUNCATED}.
 */
final class BodyGuard extends FilterInputStream {

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "healthguard-ecr-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final long idleNanos;
  private final long deadlineNanos;
  private final String image;
  private final String what;
  private final Duration idle;
  private final ScheduledFuture<?> check;
  private volatile long readSince; // System.nanoTime() at the start of a blocked read; 0 outside reads
  private volatile boolean fired;
  private volatile boolean done;
  private long count;
  private final byte[] one = new byte[1];

  /**
   * @param idle the longest wait for one read
   * @param total the whole download's limit, or null for none
   */
  BodyGuard(InputStream in, Duration idle, Duration total, String image, String what) {
    super(in);
    this.idle = idle;
    this.idleNanos = idle.toNanos();
    long now = System.nanoTime();
    this.deadlineNanos = total == null ? Long.MAX_VALUE : now + total.toNanos();
    this.image = image;
    this.what = what;
    long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
    this.check = WATCHDOG.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
  }

  private void watch() {
    if (done) {
      ScheduledFuture<?> self = check; // null only if the first tick beats the constructor
      if (self != null) {
        self.cancel(false); // a stream read to its end but never closed must not tick forever
      }
      return;
    }
    long since = readSince;
    if (since == 0 || fired) {
      return;
    }
    long now = System.nanoTime();
    if (now - since > idleNanos || now - deadlineNanos > 0) {
      fired = true;
      try {
        in.close();
      } catch (IOException | RuntimeException e) {
        // closing is all we can do; the reader sees the timeout
      }
    }
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    readSince = System.nanoTime();
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      done = true;
      throw fired ? timeout() : broken(e);
    } finally {
      readSince = 0;
    }
    if (fired) {
      done = true;
      throw timeout();
    }
    if (n < 0) {
      done = true;
    }
    if (n > 0) {
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return DigestVerifyingInputStream.skipByReading(this, n);
  }

  @Override
  public void close() throws IOException {
    done = true;
    check.cancel(false);
    super.close();
  }

  private LookupIOException timeout() {
    return new LookupIOException(
        new LookupException(
            LookupException.Kind.TIMEOUT,
            image,
            "The download of the " + what + " of " + image + " stalled after " + count + " bytes (no data for "
                + LookupOptions.human(idle) + ", or past the download's limit): retry, or raise LookupOptions.blobTimeout",
            null));
  }

  private LookupIOException broken(IOException e) {
    if (e instanceof LookupIOException l) {
      return l;
    }
    return new LookupIOException(
        new LookupException(
            LookupException.Kind.TRUNCATED,
            image,
            "The download of the " + what + " of " + image + " broke off after " + count + " bytes ("
                + e.getClass().getSimpleName() + "): retry; something between here and the registry cut it short",
            null));
  }
}
