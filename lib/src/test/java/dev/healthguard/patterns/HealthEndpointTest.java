package dev.healthguard.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

  static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void http_urlAndProbeArgsUseTheIpv4Loopback() {
    HealthEndpoint endpoint = HealthEndpoint.http(8080, "/healthz");
    assertEquals("http://127.0.0.1:8080/healthz", endpoint.url());
    assertEquals(List.of("http", "http://127.0.0.1:8080/healthz"), endpoint.probeArgs());
    assertEquals("200-299", endpoint.getExpectedCodes());
    assertEquals("200,204", endpoint.expectedCodes("200,204").getExpectedCodes());
  }

  @Test
  void tcp_probeArgsAreHostAndPort() {
    HealthEndpoint endpoint = HealthEndpoint.tcp(6379);
    assertEquals(List.of("tcp", "127.0.0.1:6379"), endpoint.probeArgs());
    assertNull(endpoint.getPath());
    assertNull(endpoint.getExpectedCodes());
  }

  @Test
  void throwsWhenThePortIsOutOfRange() {
    assertEquals("HealthEndpoint port must be between 1 and 65535, got: 70000", message(() -> HealthEndpoint.http(70000, "/")));
    assertEquals("HealthEndpoint port must be between 1 and 65535, got: 0", message(() -> HealthEndpoint.tcp(0)));
  }

  @Test
  void throwsWhenThePathDoesNotStartWithASlash() {
    assertEquals("HealthEndpoint path must start with '/' and hold only URL path characters (no spaces, quotes or '#'),"
        + " got: 'healthz'", message(() -> HealthEndpoint.http(8080, "healthz")));
    message(() -> HealthEndpoint.http(8080, "/health z"));
    message(() -> HealthEndpoint.http(8080, "/it's"));
    message(() -> HealthEndpoint.http(8080, null));
    assertEquals("HealthEndpoint path must be at most 1024 characters, got: 1025",
        message(() -> HealthEndpoint.http(8080, "/" + "a".repeat(1024))));
  }

  @Test
  void throwsWhenExpectedCodesWouldPassA404OrAreNotCodes() {
    assertEquals("HealthEndpoint expectedCodes must lie between 200 and 399 (a 4xx would let a wrong path pass the load"
        + " balancer's check), got: '200-404'", message(() -> HealthEndpoint.http(8080, "/").expectedCodes("200-404")));
    assertEquals("HealthEndpoint expectedCodes HTTP codes must be a code, a list or a range such as 200-299, got: 'ok'"
        + " (at 'ok')", message(() -> HealthEndpoint.http(8080, "/").expectedCodes("ok")));
    assertEquals("HealthEndpoint expectedCodes applies to HTTP endpoints only, got a TCP endpoint on port 5432",
        message(() -> HealthEndpoint.tcp(5432).expectedCodes("200")));
  }
}
