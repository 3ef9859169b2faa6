package dev.healthguard.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline JavaScript of {@code node -e}, {@code bun -e} and {@code deno eval}:
 * {@code http.get(url, …)}, {@code http.get({port, path}, …)} and {@code fetch(url)}. Read with
 * regular expressions; what they cannot see stays null.
 *
 * <p>Neither {@code http.get} nor {@code fetch} fails on an HTTP error status by itself; a
 * one-liner that checks {@code statusCode}/{@code ok}/{@code status} may or may not, so
 * {@code failsOnHttpError} is then null.
 */
final class JavaScriptProbe implements ProbeRecognizer {

  // http.get(…), https.request(…), require('http').get(…), require("node:https").get(…)
  private static final String MODULE =
      "(?:\\b(https?)|require\\(\\s*['\"](?:node:)?(https?)['\"]\\s*\\))";
  private static final Pattern HTTP_URL =
      Pattern.compile(MODULE + "\\.(?:get|request)\\(\\s*(['\"`])(.*?)\\3");
  private static final Pattern HTTP_OBJECT =
      Pattern.compile(MODULE + "\\.(?:get|request)\\(\\s*\\{([^}]*)\\}");
  private static final Pattern FETCH = Pattern.compile("\\bfetch\\(\\s*(['\"`])(.*?)\\1");
  private static final Pattern HOST_FIELD =
      Pattern.compile("\\bhost(?:name)?\\s*:\\s*(['\"`])(.*?)\\1");
  private static final Pattern PORT_FIELD = Pattern.compile("\\bport\\s*:\\s*([^,}\\s]+)");
  private static final Pattern PATH_FIELD = Pattern.compile("\\bpath\\s*:\\s*(['\"`])(.*?)\\1");

  @Override
  public boolean accepts(String name) {
    return name.equals("node") || name.equals("nodejs") || name.equals("bun") || name.equals("deno");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    String tool = name.equals("nodejs") ? "node" : name;
    String code;
    if (name.equals("deno")) {
      code = args.size() >= 2 && args.get(0).equals("eval") ? args.get(args.size() - 1) : null;
    } else {
      // node(1): -e/--eval and -p/--print take the script; -r/--require and -C take a value.
      code = CodeArgument.find(args, "ep", Set.of("eval", "print"), "rC");
    }
    if (code == null) {
      return null;
    }
    Boolean fails =
        code.contains("statusCode") || code.contains(".ok") || code.contains(".status")
            ? null
            : Boolean.FALSE;
    Matcher m = HTTP_URL.matcher(code);
    if (m.find()) {
      return http(tool, code, m.end(), m.group(4), fails, invocation, findings);
    }
    m = FETCH.matcher(code);
    if (m.find()) {
      return http(tool, code, m.end(), m.group(2), fails, invocation, findings);
    }
    m = HTTP_OBJECT.matcher(code);
    if (m.find()) {
      String scheme = m.group(1) != null ? m.group(1) : m.group(2);
      String fields = m.group(3);
      Matcher h = HOST_FIELD.matcher(fields);
      Matcher p = PORT_FIELD.matcher(fields);
      Matcher path = PATH_FIELD.matcher(fields);
      // Node's http.request defaults: host 'localhost', port 80 (443 for https), path '/'
      // (Node.js docs, http.request options).
      String host = h.find() ? Endpoint.host(h.group(2), m.group(), tool, findings) : "localhost";
      Integer port =
          p.find()
              ? Endpoint.port(p.group(1), m.group(), tool, findings)
              : (scheme.equals("https") ? 443 : 80);
      String pathValue = path.find() ? path.group(2) : "/";
      return new Probe(tool, null, scheme, host, port, pathValue, fails, invocation);
    }
    return null;
  }

  private static Probe http(
      String tool, String code, int end, String literal, Boolean fails, Invocation invocation,
      Walk findings) {
    String url = PythonProbe.concatenated(code, end, literal, findings);
    Endpoint e = Endpoint.parseUrl(url, tool, "http", null, findings);
    return new Probe(tool, url, e.scheme(), e.host(), e.port(), e.path(), fails, invocation);
  }
}
