package dev.healthguard.registry;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@link LookupException} thrown through the {@link java.io.InputStream} contract: a layer stream
 * that was truncated, timed out or did not match its digest. Readers such as a tar listing let it
 * pass; the caller gets the typed failure back with {@link #failure()} or {@link
 * LookupException#in(Throwable)}.
 */
public final class LookupIOException extends IOException {

  private final LookupException failure;

  public LookupIOException(LookupException failure) {
    super(Objects.requireNonNull(failure, "failure").getMessage(), failure);
    this.failure = failure;
  }

  public LookupException failure() {
    return failure;
  }

  public LookupException.Kind kind() {
    return failure.kind();
  }
}
