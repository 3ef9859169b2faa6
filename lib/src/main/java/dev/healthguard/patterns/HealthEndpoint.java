package dev.healthguard.patterns;

import dev.healthguard.checks.CheckEndpoint;
import dev.healthguard.task.HttpCodes;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a service's health lives: an HTTP path on a port, or a TCP port that accepts connections.
 * {@link GuardedFargateService} derives the container check, the target group's check and the
 * grace period from it.
 *
 * <pre>{@code
 * HealthEndpoint.http(8080, "/healthz")
 * HealthEndpoint.http(8080, "/healthz").expectedCodes("200,204")
 * HealthEndpoint.tcp(6379)
 * }</pre>
 */
public final class HealthEndpoint {

  /** How the endpoint is checked. */
  public enum Protocol { HTTP, TCP }

  /** What an HTTP endpoint answers when healthy, unless {@link #expectedCodes} says otherwise. */
  public static final String DEFAULT_CODES = "200-299";

  // RFC 3986 path and query characters, less the quote, which the generated probes put around
  // the URL. No spaces, no fragment: the load balancer sends the path as written.
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&()*+,;=:@%/?-]*");
  // HealthCheckPath is 1 to 1024 characters (ELB API reference, TargetGroup).
  private static final int MAX_PATH = 1024;

  private final Protocol protocol;
  private final int port;
  private final String path;
  private final HttpCodes expectedCodes;

  private HealthEndpoint(Protocol protocol, int port, String path, HttpCodes expectedCodes) {
    this.protocol = protocol;
    this.port = port;
    this.path = path;
    this.expectedCodes = expectedCodes;
  }

  /**
   * An HTTP endpoint: healthy when {@code GET path} on {@code port} answers with an expected code.
   *
   * @param port 1 to 65535
   * @param path starts with {@code /}, at most 1024 characters, no spaces or quotes
   * @throws IllegalArgumentException naming the field, the bound and the value
   */
  public static HealthEndpoint http(int port, String path) {
    checkPort(port);
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("HealthEndpoint path must start with '/' and hold only URL path characters"
          + " (no spaces, quotes or '#'), got: " + (path == null ? "null" : "'" + path + "'"));
    }
    if (path.length() > MAX_PATH) {
      throw new IllegalArgumentException("HealthEndpoint path must be at most " + MAX_PATH + " characters, got: "
          + path.length());
    }
    return new HealthEndpoint(Protocol.HTTP, port, path, HttpCodes.parse(DEFAULT_CODES));
  }

  /**
   * A TCP endpoint: healthy when {@code port} accepts a connection.
   *
   * @param port 1 to 65535
   */
  public static HealthEndpoint tcp(int port) {
    checkPort(port);
    return new HealthEndpoint(Protocol.TCP, port, null, null);
  }

  /**
   * The HTTP codes a healthy endpoint answers with, in the target group's matcher syntax
   * ({@code 200}, {@code 200,204}, {@code 200-299}).
   *
   * @param codes between 200 and 399: a 4xx would let a wrong path pass the load balancer's check
   * @default 200-299
   * @return a new endpoint
   */
  public HealthEndpoint expectedCodes(String codes) {
    if (protocol != Protocol.HTTP) {
      throw new IllegalArgumentException("HealthEndpoint expectedCodes applies to HTTP endpoints only, got a TCP"
          + " endpoint on port " + port);
    }
    HttpCodes parsed;
    try {
      parsed = HttpCodes.parse(codes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("HealthEndpoint expectedCodes " + e.getMessage(), e);
    }
    if (parsed.min() < 200 || parsed.max() > 399) {
      throw new IllegalArgumentException("HealthEndpoint expectedCodes must lie between 200 and 399 (a 4xx would let a"
          + " wrong path pass the load balancer's check), got: '" + codes + "'");
    }
    return new HealthEndpoint(protocol, port, path, parsed);
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("HealthEndpoint port must be between 1 and 65535, got: " + port);
    }
  }

  public Protocol getProtocol() {
    return protocol;
  }

  public boolean isHttp() {
    return protocol == Protocol.HTTP;
  }

  public int getPort() {
    return port;
  }

  /** The HTTP path; null for a TCP endpoint. */
  public String getPath() {
    return path;
  }

  /** The expected codes as written; null for a TCP endpoint. */
  public String getExpectedCodes() {
    return expectedCodes == null ? null : expectedCodes.text();
  }

  /** The endpoint as the tool chooser and the probe take it. */
  CheckEndpoint toCheckEndpoint() {
    return isHttp() ? CheckEndpoint.http(port, path, expectedCodes) : CheckEndpoint.tcp(port);
  }

  /**
   * The URL a check inside the task requests. 127.0.0.1 rather than localhost: localhost may
   * resolve to ::1 first, where an app bound to 0.0.0.0 does not listen.
   */
  public String url() {
    return CheckEndpoint.http(port, path == null ? "/" : path, expectedCodes).url();
  }

  /** What the probe binary is given: {@code ["http", url]} or {@code ["tcp", "127.0.0.1:<port>"]}. */
  public List<String> probeArgs() {
    return toCheckEndpoint().probeArgs();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HealthEndpoint other && protocol == other.protocol && port == other.port
        && Objects.equals(path, other.path) && Objects.equals(getExpectedCodes(), other.getExpectedCodes());
  }

  @Override
  public int hashCode() {
    return Objects.hash(protocol, port, path, getExpectedCodes());
  }

  @Override
  public String toString() {
    return isHttp() ? "HTTP " + url() + " expecting " + expectedCodes : "TCP 127.0.0.1:" + port;
  }
}
