package dev.healthguard.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of registry lookups (ECR and OCI registries), immutable; {@link #builder()} states each default.
 *
 * <p>Timeouts bound a synth that cannot reach AWS; size limits bound memory when a registry sends
 * something other than an image (Commons Compress bounds its PAX headers the same way).
 */
public final class LookupOptions {

  private static final LookupOptions DEFAULTS = builder().build();

  private final Duration apiCallTimeout;
  private final Duration apiCallAttemptTimeout;
  private final Duration connectTimeout;
  private final Duration blobTimeout;
  private final int maxAttempts;
  private final int blobMaxAttempts;
  private final Duration retryBaseDelay;
  private final Duration throttlingBaseDelay;
  private final Duration retryMaxDelay;
  private final int maxManifestBytes;
  private final int maxConfigBytes;
  private final int maxLayers;

  private LookupOptions(Builder b) {
    apiCallTimeout = b.apiCallTimeout;
    apiCallAttemptTimeout = b.apiCallAttemptTimeout;
    connectTimeout = b.connectTimeout;
    blobTimeout = b.blobTimeout;
    maxAttempts = b.maxAttempts;
    blobMaxAttempts = b.blobMaxAttempts;
    retryBaseDelay = b.retryBaseDelay;
    throttlingBaseDelay = b.throttlingBaseDelay;
    retryMaxDelay = b.retryMaxDelay;
    maxManifestBytes = b.maxManifestBytes;
    maxConfigBytes = b.maxConfigBytes;
    maxLayers = b.maxLayers;
  }

  /** All defaults. */
  public static LookupOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to change some. */
  public Builder toBuilder() {
    return new Builder()
        .apiCallTimeout(apiCallTimeout)
        .apiCallAttemptTimeout(apiCallAttemptTimeout)
        .connectTimeout(connectTimeout)
        .blobTimeout(blobTimeout)
        .maxAttempts(maxAttempts)
        .blobMaxAttempts(blobMaxAttempts)
        .retryBaseDelay(retryBaseDelay)
        .throttlingBaseDelay(throttlingBaseDelay)
        .retryMaxDelay(retryMaxDelay)
        .maxManifestBytes(maxManifestBytes)
        .maxConfigBytes(maxConfigBytes)
        .maxLayers(maxLayers);
  }

  public Duration apiCallTimeout() {
    return apiCallTimeout;
  }

  public Duration apiCallAttemptTimeout() {
    return apiCallAttemptTimeout;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration blobTimeout() {
    return blobTimeout;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public int blobMaxAttempts() {
    return blobMaxAttempts;
  }

  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  public Duration throttlingBaseDelay() {
    return throttlingBaseDelay;
  }

  public Duration retryMaxDelay() {
    return retryMaxDelay;
  }

  public int maxManifestBytes() {
    return maxManifestBytes;
  }

  public int maxConfigBytes() {
    return maxConfigBytes;
  }

  public int maxLayers() {
    return maxLayers;
  }

  /** A duration for messages: {@code 250 ms}, {@code 30 s}, {@code 1.5 s}. */
  public static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  @Override
  public String toString() {
    return "LookupOptions{apiCallTimeout=" + apiCallTimeout + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout
        + ", connectTimeout=" + connectTimeout + ", blobTimeout=" + blobTimeout + ", maxAttempts=" + maxAttempts
        + ", blobMaxAttempts=" + blobMaxAttempts + ", retryBaseDelay=" + retryBaseDelay
        + ", throttlingBaseDelay=" + throttlingBaseDelay + ", retryMaxDelay=" + retryMaxDelay
        + ", maxManifestBytes=" + maxManifestBytes + ", maxConfigBytes=" + maxConfigBytes + ", maxLayers=" + maxLayers + "}";
  }

  /** Builds {@link LookupOptions}; every setter checks its value and says what it got. */
  public static final class Builder {
    private Duration apiCallTimeout = Duration.ofSeconds(30);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration blobTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private int blobMaxAttempts = 3;
    private Duration retryBaseDelay = Duration.ofMillis(100);
    private Duration throttlingBaseDelay = Duration.ofMillis(500);
    private Duration retryMaxDelay = Duration.ofSeconds(5);
    private int maxManifestBytes = 4 << 20;
    private int maxConfigBytes = 8 << 20;
    private int maxLayers = 128;

    private Builder() {}

    /**
     * The whole of one ECR API call, retries included.
     *
     * <p>Default: 30 seconds.
     */
    public Builder apiCallTimeout(Duration value) {
      apiCallTimeout = positive("apiCallTimeout", value);
      return this;
    }

    /**
     * One attempt of an ECR API call.
     *
     * <p>Default: 10 seconds.
     */
    public Builder apiCallAttemptTimeout(Duration value) {
      apiCallAttemptTimeout = positive("apiCallAttemptTimeout", value);
      return this;
    }

    /**
     * Opening a connection, to ECR or to a download URL.
     *
     * <p>Default: 5 seconds.
     */
    public Builder connectTimeout(Duration value) {
      connectTimeout = positive("connectTimeout", value);
      return this;
    }

    /**
     * A blob download: the wait for the response headers, the longest pause between two reads of
     * the body, and the whole of a config download.
     *
     * <p>Default: 30 seconds.
     */
    public Builder blobTimeout(Duration value) {
      blobTimeout = positive("blobTimeout", value);
      return this;
    }

    /**
     * Attempts per ECR API call, the first included; throttling and 5xx answers are retried, 4xx
     * are not (ecr-oci.md §1.1). Between 1 and 10.
     *
     * <p>Default: 4 (1 try and 3 retries, what ecr-oci.md §1.1 observed of the SDK).
     */
    public Builder maxAttempts(int value) {
      maxAttempts = between("maxAttempts", value, 1, 10);
      return this;
    }

    /**
     * Attempts per blob download; 5xx, 429, timeouts and broken connections are retried. Between 1
     * and 10.
     *
     * <p>Default: 3.
     */
    public Builder blobMaxAttempts(int value) {
      blobMaxAttempts = between("blobMaxAttempts", value, 1, 10);
      return this;
    }

    /**
     * The first backoff after a 5xx or a broken connection; it doubles each retry, with jitter.
     *
     * <p>Default: 100 milliseconds.
     */
    public Builder retryBaseDelay(Duration value) {
      retryBaseDelay = positive("retryBaseDelay", value);
      return this;
    }

    /**
     * The first backoff after throttling; it doubles each retry, with jitter.
     *
     * <p>Default: 500 milliseconds.
     */
    public Builder throttlingBaseDelay(Duration value) {
      throttlingBaseDelay = positive("throttlingBaseDelay", value);
      return this;
    }

    /**
     * The longest backoff.
     *
     * <p>Default: 5 seconds.
     */
    public Builder retryMaxDelay(Duration value) {
      retryMaxDelay = positive("retryMaxDelay", value);
      return this;
    }

    /**
     * The largest manifest or index read, in bytes. ECR's own limit is 4 MiB (ecr-oci.md §1.3).
     *
     * <p>Default: 4 MiB.
     */
    public Builder maxManifestBytes(int value) {
      maxManifestBytes = between("maxManifestBytes", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * The largest config blob read, in bytes; configs are a few KB (ecr-oci.md §0).
     *
     * <p>Default: 8 MiB.
     */
    public Builder maxConfigBytes(int value) {
      maxConfigBytes = between("maxConfigBytes", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * The most layers a manifest may list.
     *
     * <p>Default: 128.
     */
    public Builder maxLayers(int value) {
      maxLayers = between("maxLayers", value, 1, Integer.MAX_VALUE);
      return this;
    }

    public LookupOptions build() {
      if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
        throw new IllegalArgumentException(
            "apiCallAttemptTimeout (" + apiCallAttemptTimeout + ") must not exceed apiCallTimeout (" + apiCallTimeout + ")");
      }
      return new LookupOptions(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got: " + value);
      }
      return value;
    }

    private static int between(String name, int value, int min, int max) {
      if (value < min || value > max) {
        String bound = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        throw new IllegalArgumentException(name + " must be " + bound + ", got: " + value);
      }
      return value;
    }
  }
}
