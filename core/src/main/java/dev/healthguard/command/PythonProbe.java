package dev.healthguard.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code python -c '…'} one-liners: {@code urllib.request.urlopen(url)},
 * {@code requests.get(url)}, {@code http.client.HTTPConnection(host, port)},
 * {@code socket.create_connection((host, port))}. The code is read with regular expressions, not
 * parsed; what they cannot see stays null.
 *
 * <p>{@code urlopen} raises {@code HTTPError} for 4xx/5xx (Python docs, urllib.request:
 * "HTTPErrorProcessor … raises HTTPError for non-2xx"), and an uncaught exception exits 1, so it
 * fails on HTTP errors unless the code catches exceptions. {@code requests} and
 * {@code http.client} never raise on a status by themselves.
 */
final class PythonProbe implements ProbeRecognizer {

  private static final Pattern NAME = Pattern.compile("python(\\d+(\\.\\d+)?)?");

  private static final Pattern URLOPEN =
      Pattern.compile("urlopen\\(\\s*(?:[\\w.]*Request\\(\\s*)?[rRfFbBuU]{0,2}(['\"])(.*?)\\1");
  private static final Pattern REQUESTS =
      Pattern.compile("requests\\.(?:get|head|post|request)\\(\\s*(?:['\"][A-Z]+['\"]\\s*,\\s*)?[rRfF]{0,2}(['\"])(.*?)\\1");
  private static final Pattern HTTP_CONNECTION =
      Pattern.compile("HTTP(S?)Connection\\(\\s*[rRfF]{0,2}(['\"])(.*?)\\2\\s*(?:,\\s*(?:port\\s*=\\s*)?(\\w+))?");
  private static final Pattern REQUEST_PATH =
      Pattern.compile("\\.request\\(\\s*['\"][A-Z]+['\"]\\s*,\\s*[rRfF]{0,2}(['\"])(.*?)\\1");
  private static final Pattern SOCKET =
      Pattern.compile("(?:create_connection|connect(?:_ex)?)\\(\\s*\\(\\s*[rRfF]{0,2}(['\"])(.*?)\\1\\s*,\\s*(\\w+)");

  @Override
  public boolean accepts(String name) {
    return NAME.matcher(name).matches();
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    // python(1): -W and -X take a value; -c ends the options.
    String code = CodeArgument.find(args, "c", Set.of(), "WX");
    if (code == null) {
      return null;
    }
    Matcher m = URLOPEN.matcher(code);
    if (m.find()) {
      String url = concatenated(code, m.end(), m.group(2), findings);
      Boolean fails = code.contains("except") ? null : Boolean.TRUE;
      return http(url, fails, invocation, findings);
    }
    m = REQUESTS.matcher(code);
    if (m.find()) {
      String url = concatenated(code, m.end(), m.group(2), findings);
      Boolean fails;
      if (code.contains("raise_for_status")) {
        fails = true;
      } else if (code.contains("status_code") || code.contains(".ok")) {
        fails = null; // the code looks at the status itself; what it does with it is not read
      } else {
        fails = false;
      }
      return http(url, fails, invocation, findings);
    }
    m = HTTP_CONNECTION.matcher(code);
    if (m.find()) {
      String scheme = m.group(1).isEmpty() ? "http" : "https";
      String hostText = m.group(3);
      String where = m.group();
      Endpoint hp = Endpoint.parseHostPort(hostText, "python", scheme, null, findings);
      Integer port = hp.port();
      if (m.group(4) != null) {
        port = Endpoint.port(m.group(4), where, "python", findings);
      } else if (port == null && !hostText.contains(":")) {
        port = scheme.equals("https") ? 443 : 80; // http.client's default ports
      }
      Matcher p = REQUEST_PATH.matcher(code);
      String path = p.find() ? p.group(2) : null;
      Boolean fails = code.contains("status") ? null : Boolean.FALSE;
      return new Probe("python", null, scheme, hp.host(), port, path, fails, invocation);
    }
    m = SOCKET.matcher(code);
    if (m.find()) {
      String host = Endpoint.host(m.group(2), m.group(), "python", findings);
      Integer port = Endpoint.port(m.group(3), m.group(), "python", findings);
      return new Probe("python", null, "tcp", host, port, null, null, invocation);
    }
    return null;
  }

  private static Probe http(String url, Boolean fails, Invocation invocation, Walk findings) {
    Endpoint e = Endpoint.parseUrl(url, "python", "http", null, findings);
    return new Probe("python", url, e.scheme(), e.host(), e.port(), e.path(), fails, invocation);
  }

  /**
   * {@code 'http://localhost:' + os.environ['PORT'] + '/health'}: the literal is only the start;
   * mark the rest as a run-time value so the port is not read from a fragment.
   */
  static String concatenated(String code, int afterLiteral, String literal, Walk findings) {
    String rest = code.substring(afterLiteral).stripLeading();
    if (rest.startsWith("+") || rest.startsWith("%")) {
      findings.problem("The URL starting `" + literal + "` is completed at run time; the parts after"
          + " it are not resolved.");
      return literal + "${…}";
    }
    return literal;
  }
}
