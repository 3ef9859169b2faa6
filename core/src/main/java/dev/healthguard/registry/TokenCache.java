package dev.healthguard.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Authorization} header last earned per registry and repository, in memory only: a
 * bearer token is a secret, so it is never written to the lookup cache or put in a message.
 */
final class TokenCache {

  private final Map<String, String> headers = new ConcurrentHashMap<>();

  Optional<String> header(String apiHost, String repository) {
    return Optional.ofNullable(headers.get(apiHost + " " + repository));
  }

  void put(String apiHost, String repository, String header) {
    headers.put(apiHost + " " + repository, header);
  }
}
