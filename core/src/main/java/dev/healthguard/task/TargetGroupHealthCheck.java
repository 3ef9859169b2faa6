package dev.healthguard.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A target group's health check as it will be deployed: the {@code HealthCheck*} and
 * {@code Matcher} properties of its {@code AWS::ElasticLoadBalancingV2::TargetGroup}. A null field
 * is not set, so the load balancer's default applies; the {@code effective…} methods apply those
 * defaults.
 *
 * <p>Defaults for an Application Load Balancer target group with HTTP targets (ELB User Guide,
 * "Health checks for Application Load Balancer target groups"): path {@code /}, port
 * {@code traffic-port}, protocol HTTP, matcher {@code 200}, interval 30 s, timeout 5 s, healthy
 * threshold 5, unhealthy threshold 2 (interval and healthy threshold also in
 * health-check-semantics.md §5).
 *
 * @param path {@code HealthCheckPath}
 * @param port {@code HealthCheckPort}: {@code traffic-port} or a port number
 * @param protocol {@code HealthCheckProtocol}: {@code HTTP} or {@code HTTPS}
 * @param httpCodes {@code Matcher.HttpCode}, e.g. {@code 200-299}
 * @param grpcCodes {@code Matcher.GrpcCode}, set for gRPC target groups only
 * @param intervalSeconds {@code HealthCheckIntervalSeconds}
 * @param timeoutSeconds {@code HealthCheckTimeoutSeconds}
 * @param healthyThreshold {@code HealthyThresholdCount}
 * @param unhealthyThreshold {@code UnhealthyThresholdCount}
 * @param enabled {@code HealthCheckEnabled}
 * @param unresolved the fields whose value is only known at deploy time (a parameter, an import);
 *     they are left out of every comparison
 */
public record TargetGroupHealthCheck(
    String path,
    String port,
    String protocol,
    String httpCodes,
    String grpcCodes,
    Integer intervalSeconds,
    Integer timeoutSeconds,
    Integer healthyThreshold,
    Integer unhealthyThreshold,
    Boolean enabled,
    List<String> unresolved) {

  public static final String TRAFFIC_PORT = "traffic-port";
  public static final String DEFAULT_PATH = "/";

  public TargetGroupHealthCheck {
    unresolved = List.copyOf(unresolved);
  }

  /** Reads the resolved properties of a {@code CfnTargetGroup} (camelCase or PascalCase). */
  public static TargetGroupHealthCheck fromProperties(Map<?, ?> properties) {
    List<String> unresolved = new ArrayList<>();
    Object matcher = Properties.get(properties, "Matcher");
    Map<?, ?> m = matcher instanceof Map<?, ?> map ? map : Map.of();
    return new TargetGroupHealthCheck(
        literal(properties, "HealthCheckPath", unresolved),
        literal(properties, "HealthCheckPort", unresolved),
        literal(properties, "HealthCheckProtocol", unresolved),
        literal(m, "HttpCode", unresolved),
        literal(m, "GrpcCode", unresolved),
        number(properties, "HealthCheckIntervalSeconds", unresolved),
        number(properties, "HealthCheckTimeoutSeconds", unresolved),
        number(properties, "HealthyThresholdCount", unresolved),
        number(properties, "UnhealthyThresholdCount", unresolved),
        Properties.get(properties, "HealthCheckEnabled") instanceof Boolean b ? b : null,
        unresolved);
  }

  /** The path the load balancer requests. */
  public String effectivePath() {
    return path == null ? DEFAULT_PATH : path;
  }

  /** True when the check goes to the port traffic goes to (the ELB default). */
  public boolean usesTrafficPort() {
    return port == null || TRAFFIC_PORT.equals(port);
  }

  /** The port number when the check names one, else null. */
  public Integer numericPort() {
    if (usesTrafficPort()) {
      return null;
    }
    try {
      return Integer.valueOf(port.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The codes counted as healthy, ELB default applied; null when the matcher cannot be read. */
  public HttpCodes effectiveHttpCodes() {
    if (httpCodes == null) {
      return HttpCodes.ELB_DEFAULT;
    }
    try {
      return HttpCodes.parse(httpCodes);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public boolean isResolved(String field) {
    return !unresolved.contains(field);
  }

  /** {@code /healthz}, or {@code / (the ELB default)} when unset, for messages. */
  public String describePath() {
    return path == null ? DEFAULT_PATH + " (the ELB default)" : path;
  }

  public String describePort() {
    return port == null ? TRAFFIC_PORT + " (the ELB default)" : port;
  }

  public String describeCodes() {
    return httpCodes == null ? "200 (the ELB default)" : httpCodes;
  }

  public TargetGroupHealthCheck withPath(String newPath) {
    return new TargetGroupHealthCheck(newPath, port, protocol, httpCodes, grpcCodes, intervalSeconds, timeoutSeconds,
        healthyThreshold, unhealthyThreshold, enabled, unresolved);
  }

  public TargetGroupHealthCheck withPort(String newPort) {
    return new TargetGroupHealthCheck(path, newPort, protocol, httpCodes, grpcCodes, intervalSeconds, timeoutSeconds,
        healthyThreshold, unhealthyThreshold, enabled, unresolved);
  }

  public TargetGroupHealthCheck withHttpCodes(String newCodes) {
    return new TargetGroupHealthCheck(path, port, protocol, newCodes, grpcCodes, intervalSeconds, timeoutSeconds,
        healthyThreshold, unhealthyThreshold, enabled, unresolved);
  }

  /** Same path, port and codes: what the fixer changes. */
  public boolean sameEndpoint(TargetGroupHealthCheck other) {
    return Objects.equals(path, other.path) && Objects.equals(port, other.port)
        && Objects.equals(httpCodes, other.httpCodes);
  }

  // A value that is still an intrinsic function after resolving ({@code Ref}, {@code
  // Fn::ImportValue}) is only known at deploy time: it is noted, and left out of the comparison.

  /** A string (numbers are written as text), null when unset; records the name when unresolved. */
  private static String literal(Map<?, ?> map, String name, List<String> unresolved) {
    Object value = Properties.get(map, name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Number n) {
      return String.valueOf(n.intValue());
    }
    unresolved.add(name);
    return null;
  }

  private static Integer number(Map<?, ?> map, String name, List<String> unresolved) {
    Object value = Properties.get(map, name);
    if (value == null) {
      return null;
    }
    Integer n = Properties.integer(map, name);
    if (n == null) {
      unresolved.add(name);
    }
    return n;
  }
}
