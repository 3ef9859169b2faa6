package dev.healthguard.command;

import dev.healthguard.shell.OptionScanner;
import java.util.List;
import java.util.Set;

/**
 * {@code curl [options] URL}. The URL is {@code --url}'s value or the first operand; curl assumes
 * http for a URL without a scheme (curl(1), "URL": "If you provide a URL without a leading
 * protocol:// scheme, curl guesses what protocol you want", defaulting to HTTP).
 *
 * <p>Only {@code -f}/{@code --fail}/{@code --fail-with-body} make curl exit non-zero (22) on an
 * HTTP status of 400 or more (curl(1) {@code --fail}); without them an HTTP 500 exits 0.
 */
final class CurlProbe implements ProbeRecognizer {

  // Short options of curl(1) that take a value; every other letter is a flag.
  private static final String SHORT_WITH_VALUE = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

  // Long options that take a value (curl(1)), those a health check plausibly uses and those whose
  // value could be mistaken for the URL. curl has no "--opt=value" form.
  private static final Set<String> LONG_WITH_VALUE =
      Set.of(
          "abstract-unix-socket", "cacert", "capath", "cert", "cert-type", "ciphers", "config",
          "connect-timeout", "connect-to", "continue-at", "cookie", "cookie-jar", "data",
          "data-ascii", "data-binary", "data-raw", "data-urlencode", "dns-servers", "dump-header",
          "expect100-timeout", "form", "form-string", "header", "interface", "json", "keepalive-time",
          "key", "key-type", "limit-rate", "local-port", "max-filesize", "max-redirs", "max-time",
          "noproxy", "oauth2-bearer", "output", "output-dir", "pass", "pinnedpubkey", "preproxy",
          "proto", "proto-default", "proto-redir", "proxy", "proxy-header", "proxy-user", "quote",
          "range", "rate", "referer", "request", "request-target", "resolve", "retry",
          "retry-delay", "retry-max-time", "speed-limit", "speed-time", "stderr", "time-cond",
          "tls-max", "trace", "trace-ascii", "unix-socket", "upload-file", "url", "url-query",
          "user", "user-agent", "variable", "write-out", "happy-eyeballs-timeout-ms", "doh-url",
          "hsts", "alt-svc", "aws-sigv4", "socks4", "socks4a", "socks5", "socks5-hostname");

  private static final Set<String> FAIL_OPTIONS = Set.of("f", "fail", "fail-with-body");

  @Override
  public boolean accepts(String name) {
    return name.equals("curl");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    OptionScanner.Scan scan = OptionScanner.scan(args, SHORT_WITH_VALUE, LONG_WITH_VALUE, false);
    String url = scan.value("url");
    if (url == null && !scan.operands().isEmpty()) {
      url = scan.operands().get(0);
    }
    if (url == null) {
      return null; // curl --version, curl -h …
    }
    boolean fails = false;
    for (OptionScanner.Option option : scan.options()) {
      if (FAIL_OPTIONS.contains(option.name())) {
        fails = true;
      }
    }
    Endpoint e = Endpoint.parseUrl(url, "curl", "http", null, findings);
    Integer port = e.port();
    String socket = scan.value("unix-socket", "abstract-unix-socket");
    if (socket != null) {
      // The request goes to a Unix socket; the URL's host and port are only the Host header.
      findings.problem("curl talks to the Unix socket " + socket + ", not to a TCP port.");
      port = null;
    }
    return new Probe("curl", url, e.scheme(), e.host(), port, e.path(), fails, invocation);
  }
}
