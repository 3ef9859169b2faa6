package dev.healthguard.registry;

import dev.healthguard.registry.LookupOptions;
import java.time.Duration;

/** Options that keep fault tests fast: short timeouts, millisecond backoff. */
public final class Fast {

  public static final LookupOptions OPTIONS =
      LookupOptions.builder()
          .apiCallTimeout(Duration.ofSeconds(3))
          .apiCallAttemptTimeout(Duration.ofSeconds(2))
          .connectTimeout(Duration.ofSeconds(1))
          .blobTimeout(Duration.ofSeconds(2))
          .retryBaseDelay(Duration.ofMillis(2))
          .throttlingBaseDelay(Duration.ofMillis(2))
          .retryMaxDelay(Duration.ofMillis(20))
          .build();

  private Fast() {}
}
