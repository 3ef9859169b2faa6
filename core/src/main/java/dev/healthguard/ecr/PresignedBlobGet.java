package dev.healthguard.ecr;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A plain GET of a presigned blob URL (ecr-oci.md §1.5): no {@code Authorization} header, no AWS
 * credentials, only what the URL's query carries. The URL is never put in a message; at most its
 * host. Failures that may pass (connection, timeout, 429, 5xx, a body cut short) are retried with
 * exponential backoff and jitter, up to {@link LookupOptions#blobMaxAttempts()}.
 */
final class PresignedBlobGet {

  private static final Set<LookupException.Kind> RETRYABLE =
      EnumSet.of(
          LookupException.Kind.NETWORK,
          LookupException.Kind.TIMEOUT,
          LookupException.Kind.THROTTLED,
          LookupException.Kind.SERVICE_ERROR,
          LookupException.Kind.TRUNCATED);

  private final HttpClient http;
  private final LookupOptions options;

  PresignedBlobGet(HttpClient http, LookupOptions options) {
    this.http = http;
    this.options = options;
  }

  /** A client that sends no credentials: no authenticator, no cookies, HTTP/1.1 as S3 speaks. */
  static HttpClient newHttpClient(LookupOptions options) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * Downloads a small blob whole, verified against size and digest.
   *
   * @param what e.g. {@code config blob sha256:…}
   */
  byte[] readAll(URI url, Descriptor blob, String image, String what) {
    return withRetries(
        image,
        () -> {
          DigestVerifyingInputStream in =
              new DigestVerifyingInputStream(
                  new BodyGuard(open(url, image, what), options.blobTimeout(), options.blobTimeout(), image, what),
                  blob.digest(),
                  blob.size(),
                  image,
                  what);
          try (in) {
            return in.readAllBytes();
          } catch (LookupIOException e) {
            throw e.failure();
          } catch (IOException e) {
            throw fail(
                LookupException.Kind.NETWORK, image, "The download of the " + what + " of " + image + " failed (" + name(e) + ")");
          }
        });
  }

  /**
   * Opens a blob for streaming; the body is bounded by the idle limit only, since a large layer
   * may take long. Retries cover getting a 200, not the body.
   */
  InputStream openStream(URI url, String image, String what) {
    InputStream body = withRetries(image, () -> open(url, image, what));
    return new BodyGuard(body, options.blobTimeout(), null, image, what);
  }

  private InputStream open(URI url, String image, String what) {
    HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(options.blobTimeout()).build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw fail(
          LookupException.Kind.TIMEOUT,
          image,
          "The download host " + url.getHost() + " did not answer within " + SdkErrors.human(options.blobTimeout())
              + " for the " + what + " of " + image + ": retry, or raise LookupOptions.blobTimeout");
    } catch (IOException e) {
      throw fail(
          LookupException.Kind.NETWORK,
          image,
          "Could not download the " + what + " of " + image + " from " + url.getHost() + " (" + name(e)
              + "): check network access to it and proxy settings");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(LookupException.Kind.NETWORK, image, "The download of the " + what + " of " + image + " was interrupted");
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    closeQuietly(response.body());
    String download = "The download of the " + what + " of " + image;
    String got = " (HTTP " + status + " from " + url.getHost() + ")";
    if (status == 429) {
      throw fail(LookupException.Kind.THROTTLED, image, download + " was throttled" + got + ": retry later");
    }
    if (status >= 500) {
      throw fail(LookupException.Kind.SERVICE_ERROR, image, download + " failed" + got + ": retry later");
    }
    if (status == 403 || status == 401) {
      throw fail(
          LookupException.Kind.ACCESS_DENIED,
          image,
          download + " was refused" + got + ": the presigned URL may have expired, or a proxy blocks it");
    }
    if (status == 404) {
      throw fail(
          LookupException.Kind.IMAGE_NOT_FOUND,
          image,
          "The " + what + " of " + image + " is missing from storage" + got + ": push the image again");
    }
    throw fail(LookupException.Kind.SERVICE_ERROR, image, download + " got an unexpected answer" + got);
  }

  private interface Attempt<T> {
    T run();
  }

  private <T> T withRetries(String image, Attempt<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (LookupException e) {
        if (n >= options.blobMaxAttempts() || !RETRYABLE.contains(e.kind())) {
          throw e;
        }
        backoff(image, n, e.kind() == LookupException.Kind.THROTTLED ? options.throttlingBaseDelay() : options.retryBaseDelay());
      }
    }
  }

  // Exponential backoff with "equal jitter": half fixed, half random, capped at retryMaxDelay.
  private void backoff(String image, int failures, Duration base) {
    long cap = options.retryMaxDelay().toMillis();
    long exp = Math.min(cap, base.toMillis() << Math.min(failures - 1, 20));
    long delay = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(LookupException.Kind.NETWORK, image, "A download for " + image + " was interrupted while waiting to retry");
    }
  }

  // No cause: JDK exceptions about a request may carry its URI, and this one is presigned.
  private static LookupException fail(LookupException.Kind kind, String image, String message) {
    return new LookupException(kind, image, message, null);
  }

  private static String name(Exception e) {
    return e.getClass().getSimpleName();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // an error body we do not read
    }
  }
}
