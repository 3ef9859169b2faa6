package dev.healthguard.command;

import dev.healthguard.shell.OptionScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code wget [options] URL}, GNU wget or the busybox applet. Both exit non-zero when the server
 * answers with an error status: GNU wget(1) "EXIT STATUS" 8 = "Server issued an error response";
 * busybox wget prints "server returned error" and exits 1. So {@code failsOnHttpError} is true.
 */
final class WgetProbe implements ProbeRecognizer {

  // GNU wget(1) and busybox wget short options that take a value.
  private static final String SHORT_WITH_VALUE = "OoaetTwPUYiBlARDIXQ";

  private static final Set<String> LONG_WITH_VALUE =
      Set.of(
          "output-document", "output-file", "append-output", "execute", "tries", "timeout",
          "dns-timeout", "connect-timeout", "read-timeout", "wait", "waitretry", "header",
          "user-agent", "post-data", "post-file", "body-data", "body-file", "method", "user",
          "password", "http-user", "http-password", "directory-prefix", "limit-rate",
          "bind-address", "ca-certificate", "certificate", "private-key", "load-cookies",
          "save-cookies", "referer", "proxy-user", "proxy-password", "base", "level",
          "input-file", "config", "quota", "retry-on-http-error", "proxy");

  // GNU wget's two-letter short options ("-nv" = --no-verbose), which getopt would misread.
  private static final Set<String> TWO_LETTER_FLAGS = Set.of("-nv", "-nc", "-nd", "-nH", "-np");

  @Override
  public boolean accepts(String name) {
    return name.equals("wget");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    List<String> cleaned = new ArrayList<>();
    for (String arg : args) {
      if (!TWO_LETTER_FLAGS.contains(arg)) {
        cleaned.add(arg);
      }
    }
    OptionScanner.Scan scan = OptionScanner.scan(cleaned, SHORT_WITH_VALUE, LONG_WITH_VALUE, false);
    if (scan.operands().isEmpty()) {
      return null;
    }
    String url = scan.operands().get(0);
    Endpoint e = Endpoint.parseUrl(url, "wget", "http", null, findings);
    return new Probe("wget", url, e.scheme(), e.host(), e.port(), e.path(), true, invocation);
  }
}
