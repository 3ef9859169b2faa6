package dev.healthguard.command;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host, port and path taken from a URL or a {@code host:port} string as written in a command.
 *
 * <p>Written by hand rather than with {@link java.net.URI}: health-check URLs often hold shell or
 * template variables ({@code http://localhost:${PORT}/health}, Python f-strings) that URI rejects,
 * and the parts around the variable are still worth knowing. A part that holds a variable is null,
 * and the caller gets a problem saying so instead of a guess.
 *
 * @param url the text as given
 * @param scheme lower case; the tool's default when the text has none (curl and wget assume http)
 * @param host without IPv6 brackets; null when empty-and-not-defaulted or dynamic
 * @param port null when absent without default, dynamic, or out of range
 * @param path for http(s): the path without query or fragment, {@code /} when empty; else null
 */
record Endpoint(String url, String scheme, String host, Integer port, String path) {

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

  /**
   * Parses a URL.
   *
   * @param defaultScheme used when the URL has no {@code scheme://}
   * @param defaultPort used when the URL has no port and the scheme is not http/https; may be null
   */
  static Endpoint parseUrl(
      String url, String tool, String defaultScheme, Integer defaultPort, Walk findings) {
    String rest = url;
    String scheme = defaultScheme;
    Matcher m = SCHEME.matcher(url);
    if (m.find()) {
      scheme = m.group(1).toLowerCase(Locale.ROOT);
      rest = url.substring(m.end());
    }
    int end = indexOfAny(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String tail = end < 0 ? "" : rest.substring(end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1); // user:password@ is not part of the address
    }
    HostPort hp = splitHostPort(authority);
    String host = checkHost(hp.host(), url, tool, findings);
    Integer port = checkPort(hp.port(), url, tool, findings);
    if (port == null && hp.port() == null) {
      // RFC 9110 §4.2.1 and §4.2.2: http defaults to port 80, https to 443.
      port = switch (scheme == null ? "" : scheme) {
        case "http" -> 80;
        case "https" -> 443;
        default -> defaultPort;
      };
    }
    String path = null;
    if ("http".equals(scheme) || "https".equals(scheme)) {
      int q = indexOfAny(tail, "?#");
      path = q < 0 ? tail : tail.substring(0, q);
      if (path.isEmpty()) {
        path = "/"; // curl and wget request "/" for a URL without a path
      }
    }
    return new Endpoint(url, scheme, host, port, path);
  }

  /**
   * Parses {@code host:port}, {@code :port}, {@code [::1]:port} or {@code host}.
   *
   * @param emptyHost the host to use when none is written (Go's net.Dial reads ":50051" as the
   *     local system), or null
   */
  static Endpoint parseHostPort(
      String text, String tool, String scheme, String emptyHost, Walk findings) {
    HostPort hp = splitHostPort(text);
    String host = hp.host() == null || hp.host().isEmpty() ? emptyHost : hp.host();
    host = checkHost(host, text, tool, findings);
    Integer port = checkPort(hp.port(), text, tool, findings);
    return new Endpoint(null, scheme, host, port, null);
  }

  /** A port written on its own ({@code -p 5432}); null and a problem when not a literal port. */
  static Integer port(String text, String where, String tool, Walk findings) {
    return text == null ? null : checkPort(text, where, tool, findings);
  }

  /** A host written on its own ({@code -h db}); null and a problem when only known at run time. */
  static String host(String text, String where, String tool, Walk findings) {
    if (text == null) {
      return null;
    }
    return checkHost(stripBrackets(text), where, tool, findings);
  }

  private record HostPort(String host, String port) {}

  private static HostPort splitHostPort(String authority) {
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close > 0) {
        String host = authority.substring(1, close);
        String after = authority.substring(close + 1);
        return new HostPort(host, after.startsWith(":") ? after.substring(1) : null);
      }
    }
    int colon = lastAtTopLevel(authority, ':');
    if (colon < 0) {
      return new HostPort(authority, null);
    }
    return new HostPort(authority.substring(0, colon), authority.substring(colon + 1));
  }

  /**
   * The last {@code c} outside {@code ${…}}, {@code $(…)}, {@code {…}} and backticks:
   * {@code ${HOST:-localhost}:8080}.
   */
  private static int lastAtTopLevel(String s, char c) {
    return atTopLevel(s, String.valueOf(c), true);
  }

  private static String checkHost(String host, String where, String tool, Walk findings) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    if (isTemplated(host)) {
      findings.problem("The host in `" + where + "` (" + tool + ") is only known at run time ("
          + host + "); it is not resolved.");
      return null;
    }
    return stripBrackets(host);
  }

  private static Integer checkPort(String port, String where, String tool, Walk findings) {
    if (port == null || port.isEmpty()) {
      return null;
    }
    if (DIGITS.matcher(port).matches()) {
      int value = Integer.parseInt(port);
      if (value >= 1 && value <= 65535) {
        return value;
      }
      findings.problem("The port in `" + where + "` (" + tool + ") is " + port
          + ", outside 1-65535.");
      return null;
    }
    if (isTemplated(port)) {
      findings.problem("The port in `" + where + "` (" + tool + ") is only known at run time ("
          + port + "); it is not resolved.");
    } else {
      findings.problem("The port in `" + where + "` (" + tool + ") is `" + port
          + "`, not a port number.");
    }
    return null;
  }

  /** Shell variables, substitutions, and the {@code {…}} of Python f-strings and JS templates. */
  private static boolean isTemplated(String s) {
    return s.indexOf('$') >= 0 || s.indexOf('`') >= 0 || s.indexOf('{') >= 0 || s.indexOf('%') >= 0;
  }

  private static String stripBrackets(String host) {
    if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }

  /** The first of {@code chars} outside expansions, as in {@link #lastAtTopLevel}. */
  private static int indexOfAny(String s, String chars) {
    return atTopLevel(s, chars, false);
  }

  /** The first (or last) of {@code chars} at depth 0, outside backticks; -1 when none. */
  private static int atTopLevel(String s, String chars, boolean last) {
    int found = -1;
    int depth = 0;
    boolean backtick = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '`') {
        backtick = !backtick;
      } else if (ch == '{' || ch == '(') {
        depth++;
      } else if (ch == '}' || ch == ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && !backtick && chars.indexOf(ch) >= 0) {
        found = i;
        if (!last) {
          return found;
        }
      }
    }
    return found;
  }
}
