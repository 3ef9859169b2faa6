package dev.healthguard.command;

import java.util.Locale;
import java.util.Set;

/**
 * What one probe in a health check targets, as far as the command text tells.
 *
 * <p>Unknown parts are null, never guessed: a port written as {@code ${PORT}} is null and the
 * analysis lists a problem saying so. HTTP URLs without a port get the scheme's default (http 80,
 * https 443; RFC 9110 §4.2), and a URL without a path requests {@code /}.
 *
 * @param tool the probe family: {@code curl}, {@code wget}, {@code nc} (also ncat, netcat),
 *     {@code python}, {@code node}, {@code bun}, {@code grpc_health_probe}, {@code pg_isready},
 *     {@code redis-cli}, {@code mysqladmin}, or {@code /dev/tcp} for a bash redirection
 * @param url the URL as written (http tools, redis-cli {@code -u}); null when the tool takes none
 * @param scheme {@code http}, {@code https}, {@code tcp}, {@code udp}, {@code grpc},
 *     {@code postgres}, {@code redis}, {@code rediss}, {@code mysql}; null when unknown
 * @param host the host as written, IPv6 brackets removed ({@code ::1}); null when not given or
 *     only known at run time
 * @param port the TCP port; null when not given and without a fixed default, or set at run time
 * @param path the HTTP path without query, {@code /} when the URL has none; null for non-HTTP
 * @param failsOnHttpError for HTTP probes, whether an HTTP error status (4xx/5xx) alone makes the
 *     probe exit non-zero: curl only with {@code -f}/{@code --fail}/{@code --fail-with-body}; wget
 *     always; Python {@code urlopen} raises. Null for non-HTTP probes and when the code is too
 *     clever to tell.
 * @param invocation the invocation that runs the probe; null only for a bare redirection such as
 *     {@code </dev/tcp/localhost/8080} with no command word
 */
public record Probe(
    String tool,
    String url,
    String scheme,
    String host,
    Integer port,
    String path,
    Boolean failsOnHttpError,
    Invocation invocation) {

  // Names that reach the container's own network namespace. On awsvpc/Fargate, localhost is shared
  // by every container of the task. 0.0.0.0 as a destination means "this host" on Linux.
  private static final Set<String> LOCAL_HOSTS =
      Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "ip6-localhost", "ip6-loopback");

  /** True when the host is a loopback or unspecified address ({@code localhost}, 127/8, ::1). */
  public boolean targetsLocalhost() {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return LOCAL_HOSTS.contains(h) || h.startsWith("127.") || h.endsWith(".localhost");
  }
}
