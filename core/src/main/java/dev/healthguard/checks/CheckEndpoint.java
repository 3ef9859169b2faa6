package dev.healthguard.checks;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.Probe;
import dev.healthguard.task.HttpCodes;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a health check asks, stated explicitly: the protocol it speaks, the host and port it asks,
 * and for HTTP the path and the codes that count as healthy. {@link CheckCommands} writes a
 * command for it with a tool of the image.
 *
 * @param protocol what the check speaks; decides which tools may ask it
 * @param host the host asked, IPv6 without brackets; {@code 127.0.0.1} for the container's own
 * @param port 1 to 65535
 * @param path for HTTP(S): the path requested, {@code /} at least; null otherwise
 * @param codes for HTTP(S): the codes that count as healthy; null means "any answer below 400",
 *     which is what curl {@code -f}, wget and Python's {@code urlopen} count as success
 * @param url for HTTP(S): the URL requested, as the original check wrote it when it came from one;
 *     null otherwise
 */
public record CheckEndpoint(Protocol protocol, String host, int port, String path, HttpCodes codes, String url) {

  /** The protocols HealthGuard recognises in a check; each is answered only by a tool speaking it. */
  public enum Protocol {
    HTTP("HTTP"),
    HTTPS("HTTPS"),
    TCP("TCP"),
    POSTGRES("PostgreSQL"),
    MYSQL("MySQL"),
    REDIS("Redis"),
    GRPC("gRPC");

    private final String displayName;

    Protocol(String displayName) {
      this.displayName = displayName;
    }

    /** The name for messages, e.g. {@code PostgreSQL}. */
    public String displayName() {
      return displayName;
    }

    public boolean isHttp() {
      return this == HTTP || this == HTTPS;
    }
  }

  /**
   * The container's own address. 127.0.0.1 rather than localhost: localhost may resolve to ::1
   * first, where an app bound to 0.0.0.0 does not listen.
   */
  public static final String LOOPBACK = "127.0.0.1";

  public CheckEndpoint {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got: " + port);
    }
    if (protocol.isHttp()) {
      path = path == null ? "/" : path;
      url = url != null ? url : scheme(protocol) + "://" + hostPort(host, port) + path;
    } else {
      path = null;
      codes = null;
      url = null;
    }
  }

  /** {@code GET path} on the container's own port, healthy on {@code codes}. */
  public static CheckEndpoint http(int port, String path, HttpCodes codes) {
    return new CheckEndpoint(Protocol.HTTP, LOOPBACK, port, path, codes, null);
  }

  /** A connection to the container's own port. */
  public static CheckEndpoint tcp(int port) {
    return new CheckEndpoint(Protocol.TCP, LOOPBACK, port, null, null, null);
  }

  /**
   * What the check's first probe with a known port asks, or empty when the command does not tell
   * (no probe, a port set at run time, a Unix socket, UDP).
   */
  public static Optional<CheckEndpoint> of(CommandAnalysis command) {
    return command.probes().stream().map(CheckEndpoint::of).flatMap(Optional::stream).findFirst();
  }

  /** What one probe asks, or empty when it is not a protocol HealthGuard can rewrite. */
  static Optional<CheckEndpoint> of(Probe probe) {
    Protocol protocol = protocolOf(probe.scheme());
    if (protocol == null || probe.port() == null) {
      return Optional.empty();
    }
    // A local or unnamed host (pg_isready without -h uses the local socket) is asked on the
    // loopback; a named remote host stays what the check asked.
    String host = probe.host() == null || probe.targetsLocalhost() ? LOOPBACK : probe.host();
    String url = null;
    if (protocol.isHttp()) {
      // Without a shell nothing expands $VAR or `…`, so only text without them is kept as written.
      url = literal(probe.url()) ? probe.url()
          : scheme(protocol) + "://localhost:" + probe.port() + (literal(probe.path()) ? probe.path() : "/");
    }
    return Optional.of(new CheckEndpoint(protocol, host, probe.port(), probe.path(), null, url));
  }

  private static boolean literal(String text) {
    return text != null && !text.contains("$") && !text.contains("`");
  }

  private static String scheme(Protocol protocol) {
    return protocol.name().toLowerCase(Locale.ROOT);
  }

  private static Protocol protocolOf(String scheme) {
    if (scheme == null) {
      return null;
    }
    return switch (scheme) {
      case "http" -> Protocol.HTTP;
      case "https" -> Protocol.HTTPS;
      case "tcp" -> Protocol.TCP;
      case "postgres", "postgresql" -> Protocol.POSTGRES;
      case "mysql" -> Protocol.MYSQL;
      case "redis", "rediss" -> Protocol.REDIS;
      case "grpc" -> Protocol.GRPC;
      default -> null; // udp and anything else: no tool here speaks it
    };
  }

  /** {@code host:port}, IPv6 in brackets. */
  public String hostPort() {
    return hostPort(host, port);
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** What the probe binary is given: {@code ["http", url]}, else a TCP connect to host and port. */
  public List<String> probeArgs() {
    return protocol.isHttp() ? List.of("http", url) : List.of("tcp", hostPort());
  }

  /** Whether a TCP connect is all a check of this protocol can be rewritten to, a weaker check. */
  public boolean speaksAboveTcp() {
    return protocol != Protocol.TCP && !protocol.isHttp();
  }
}
