package dev.healthguard.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * GETs a blob where a {@link ContentSource} says it is: an ECR presigned URL (ecr-oci.md §1.5), or
 * an OCI registry's {@code /v2/<name>/blobs/<digest>}, which usually redirects to blob storage.
 *
 * <ul>
 *   <li>Redirects are followed here, at most {@value #MAX_REDIRECTS}; the request's headers (a
 *       bearer token) go to the first host only, never to the storage host a redirect names, and
 *       an https URL never redirects to plain http.
 *   <li>Failures that may pass (connection, timeout, 429 without a used-up pull limit, 5xx, a body
 *       cut short) are retried with exponential backoff and jitter, up to {@link
 *       LookupOptions#blobMaxAttempts()}.
 *   <li>URLs never appear in messages, only hosts: a presigned URL is a secret until it expires.
 * </ul>
 */
public final class BlobGet {

  static final int MAX_REDIRECTS = 5;

  private final HttpClient http;
  private final LookupOptions options;

  public BlobGet(HttpClient http, LookupOptions options) {
    this.http = http;
    this.options = options;
  }

  /**
   * A client that sends no credentials of its own (no authenticator, no cookies) and follows no
   * redirect by itself, so that {@code BlobGet} decides which headers each hop gets. HTTP/1.1, as
   * S3 speaks.
   */
  public static HttpClient newHttpClient(LookupOptions options) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Downloads a small blob whole, verified against size and digest.
   *
   * @param what e.g. {@code config blob sha256:…}
   */
  public byte[] readAll(BlobRequest request, Descriptor blob, String image, String what) {
    return Retrying.run(
        options,
        image,
        () -> {
          DigestVerifyingInputStream in =
              new DigestVerifyingInputStream(
                  new BodyGuard(open(request, null, image, what), options.blobTimeout(), options.blobTimeout(), image, what),
                  blob.digest(),
                  blob.size(),
                  image,
                  what);
          try (in) {
            return in.readAllBytes();
          } catch (LookupIOException e) {
            throw e.failure();
          } catch (IOException e) {
            throw fail(LookupException.Kind.NETWORK, image, "The download of the " + what + " of " + image + " failed (" + name(e) + ")");
          }
        });
  }

  /**
   * Opens a blob for streaming. The body is bounded by the idle limit only, since a large layer
   * may take long, and by {@code size}: more bytes fail as soon as they arrive, fewer at the end.
   * The digest is not checked here; the layer reader hashes the bytes as it lists them, once.
   * Retries cover getting a 200, not the body.
   */
  public InputStream openStream(BlobRequest request, long size, String image, String what) {
    InputStream body = Retrying.run(options, image, () -> open(request, null, image, what));
    return new SizeCheckingInputStream(new BodyGuard(body, options.blobTimeout(), null, image, what), size, image, what);
  }

  /**
   * Reads bytes {@code first} to {@code last} (inclusive) of a blob with one closed {@code Range}
   * request; open-ended and suffix ranges are never sent, since some registries reject them
   * (registry-options.md §3.3). Only a {@code 206} with that exact {@code Content-Range} is
   * accepted.
   */
  public byte[] readRange(BlobRequest request, long first, long last, String image, String what) {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("Invalid range " + first + "-" + last);
    }
    long length = last - first + 1;
    if (length > options.maxConfigBytes()) {
      throw fail(
          LookupException.Kind.TOO_LARGE,
          image,
          "The range of the " + what + " of " + image + " is " + length + " bytes, over the limit of "
              + options.maxConfigBytes() + " (LookupOptions.maxConfigBytes)");
    }
    return Retrying.run(
        options,
        image,
        () -> {
          InputStream body = open(request, new long[] {first, last}, image, what);
          try (InputStream in =
              new SizeCheckingInputStream(
                  new BodyGuard(body, options.blobTimeout(), options.blobTimeout(), image, what), length, image, what)) {
            return in.readAllBytes();
          } catch (LookupIOException e) {
            throw e.failure();
          } catch (IOException e) {
            throw fail(LookupException.Kind.NETWORK, image, "The download of the " + what + " of " + image + " failed (" + name(e) + ")");
          }
        });
  }

  private InputStream open(BlobRequest request, long[] range, String image, String what) {
    URI url = request.url();
    Map<String, String> headers = request.headers();
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = send(url, headers, range, image, what);
      int status = response.statusCode();
      if (range == null ? status == 200 : status == 206) {
        if (range != null) {
          checkContentRange(response, range, url, image, what);
        }
        return response.body();
      }
      closeQuietly(response.body());
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        URI next = redirect(response, url, request.insecure(), hop, image, what);
        if (!next.getRawAuthority().equals(url.getRawAuthority())) {
          headers = Map.of(); // the token was for the registry, not for its blob storage
        }
        url = next;
        continue;
      }
      String doing = "The download of the " + what + " of " + image;
      if (range != null && status == 200) {
        throw fail(LookupException.Kind.MALFORMED, image, doing + " ignored the byte range (HTTP 200 from " + url.getHost() + ")");
      }
      throw Answers.failure(
          status,
          response.headers(),
          url.getHost(),
          image,
          doing,
          "The " + what + " of " + image + " is missing from the registry's storage: push the image again");
    }
  }

  private HttpResponse<InputStream> send(URI url, Map<String, String> headers, long[] range, String image, String what) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET().timeout(options.blobTimeout());
    headers.forEach(builder::header);
    if (range != null) {
      builder.header("Range", "bytes=" + range[0] + "-" + range[1]);
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw fail(
          LookupException.Kind.TIMEOUT,
          image,
          "The download host " + url.getHost() + " did not answer within " + LookupOptions.human(options.blobTimeout())
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
  }

  private static URI redirect(HttpResponse<?> response, URI from, boolean insecure, int hop, String image, String what) {
    String doing = "The download of the " + what + " of " + image;
    if (hop + 1 > MAX_REDIRECTS) {
      throw fail(LookupException.Kind.SERVICE_ERROR, image, doing + " was redirected more than " + MAX_REDIRECTS + " times by " + from.getHost());
    }
    URI next;
    try {
      next = from.resolve(response.headers().firstValue("location").orElseThrow());
    } catch (RuntimeException e) {
      throw fail(LookupException.Kind.MALFORMED, image, doing + " was redirected by " + from.getHost() + " without a usable Location");
    }
    boolean https = "https".equals(next.getScheme());
    boolean http = "http".equals(next.getScheme());
    if (next.getHost() == null || !(https || http) || (http && "https".equals(from.getScheme()) && !insecure)) {
      throw fail(
          LookupException.Kind.MALFORMED,
          image,
          doing + " was redirected by " + from.getHost() + " to a URL HealthGuard does not follow (only https, never from https to http)");
    }
    return next;
  }

  private static void checkContentRange(HttpResponse<?> response, long[] range, URI url, String image, String what) {
    String expected = "bytes " + range[0] + "-" + range[1] + "/";
    String actual = response.headers().firstValue("content-range").orElse("");
    if (!actual.startsWith(expected)) {
      closeQuietly((InputStream) response.body());
      throw fail(
          LookupException.Kind.MALFORMED,
          image,
          "The download of the " + what + " of " + image + " answered another byte range than asked (HTTP 206 from "
              + url.getHost() + ")");
    }
  }

  // No cause: JDK exceptions about a request may carry its URI, and this one may be presigned.
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
