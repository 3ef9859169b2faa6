package dev.healthguard.registry;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a registry request again after failures that may pass (connection, timeout, throttling
 * without a used-up pull limit, 5xx, a body cut short), with exponential backoff and "equal
 * jitter": half fixed, half random, capped at {@link LookupOptions#retryMaxDelay()}.
 */
final class Retrying {

  private static final Set<LookupException.Kind> RETRYABLE =
      EnumSet.of(
          LookupException.Kind.NETWORK,
          LookupException.Kind.TIMEOUT,
          LookupException.Kind.THROTTLED,
          LookupException.Kind.SERVICE_ERROR,
          LookupException.Kind.TRUNCATED);

  interface Attempt<T> {
    T run();
  }

  static <T> T run(LookupOptions options, String image, Attempt<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (LookupException e) {
        if (n >= options.blobMaxAttempts() || !RETRYABLE.contains(e.kind())) {
          throw e;
        }
        Duration base = e.kind() == LookupException.Kind.THROTTLED ? options.throttlingBaseDelay() : options.retryBaseDelay();
        backoff(options, image, n, base);
      }
    }
  }

  private static void backoff(LookupOptions options, String image, int failures, Duration base) {
    long cap = options.retryMaxDelay().toMillis();
    long exp = Math.min(cap, base.toMillis() << Math.min(failures - 1, 20));
    long delay = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LookupException(
          LookupException.Kind.NETWORK, image, "A request for " + image + " was interrupted while waiting to retry", null);
    }
  }

  private Retrying() {}
}
