package dev.healthguard.image;

import java.util.Objects;
import java.util.Optional;

/**
 * The catalog row an image name matched and the profile it gives.
 *
 * @param rowId the row's id, as in the evidence {@code catalog 'node-slim'}
 * @param profile what the row says the image contains
 * @param fixHint what a user can change so that a health check can run in such an image, e.g.
 *     "use the :latest-dev variant"; null when the row has none
 */
public record CatalogMatch(String rowId, ImageProfile profile, String fixHint) {

  public CatalogMatch {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(profile, "profile");
  }

  /** The {@link #fixHint()}, when the row has one. */
  public Optional<String> fix() {
    return Optional.ofNullable(fixHint);
  }
}
