package dev.healthguard.registry;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * Turns a registry's or a download host's unwanted HTTP answer into a typed {@link
 * LookupException}: one mapping for manifests, tokens and blobs, ECR's storage and OCI
 * registries. Messages name the host, never the URL (it may be presigned) or a header that carries
 * a secret.
 */
final class Answers {

  /**
   * @param doing what failed, as a sentence start: {@code The download of the layer 2 (sha256:…) of img}
   * @param notFound the message for a 404
   */
  static LookupException failure(
      int status, HttpHeaders headers, String host, String image, String doing, String notFound) {
    String got = " (HTTP " + status + " from " + host + ")";
    if (status == 429) {
      Optional<String> limit = headers.firstValue("ratelimit-limit");
      Optional<String> remaining = headers.firstValue("ratelimit-remaining");
      // Docker Hub states its pull limit in these headers (registry-options.md §2.3: 10 pulls an
      // hour per address for anonymous users since 2025); used up, a retry only spends more.
      if (limit.isPresent() || remaining.map(r -> r.startsWith("0")).orElse(false)) {
        String retry = headers.firstValue("retry-after").map(s -> ", retry after " + s + " s").orElse("");
        return new LookupException(
            LookupException.Kind.RATE_LIMITED,
            image,
            doing + " hit the registry's pull limit" + got + ": limit " + limit.map(Answers::window).orElse("unknown")
                + ", remaining " + remaining.map(Answers::window).orElse("0") + retry
                + "; log in (docker login, read from the Docker config) for a higher limit, or commit "
                + "healthguard.context.json so that synths do not pull",
            null);
      }
      return new LookupException(LookupException.Kind.THROTTLED, image, doing + " was throttled" + got + ": retry later", null);
    }
    if (status >= 500) {
      return new LookupException(LookupException.Kind.SERVICE_ERROR, image, doing + " failed" + got + ": retry later", null);
    }
    if (status == 401 || status == 403) {
      return new LookupException(
          LookupException.Kind.ACCESS_DENIED,
          image,
          doing + " was refused" + got + ": check that the image is public or that the Docker config holds"
              + " credentials for its registry (a presigned download URL may also have expired)",
          null);
    }
    if (status == 404) {
      return new LookupException(LookupException.Kind.IMAGE_NOT_FOUND, image, notFound + got, null);
    }
    return new LookupException(LookupException.Kind.SERVICE_ERROR, image, doing + " got an unexpected answer" + got, null);
  }

  // "100;w=21600" reads as "100 per 21600 s".
  private static String window(String value) {
    int w = value.indexOf(";w=");
    return w < 0 ? value.strip() : value.substring(0, w).strip() + " per " + value.substring(w + 3).strip() + " s";
  }

  private Answers() {}
}
