package dev.healthguard.command;

import dev.healthguard.shell.OptionScanner;
import java.util.List;
import java.util.Set;

/**
 * {@code nc [options] host port} (OpenBSD netcat, netcat-traditional, ncat, busybox nc): a TCP
 * connect check. {@code nc -z host port} exits 0 when the port accepts a connection.
 */
final class NetcatProbe implements ProbeRecognizer {

  // Options taking a value across the common netcats: -w timeout, -i interval, -p source port,
  // -s source address, -x/-X proxy, -q quit delay, -W, -T, -O, -I, -V, -e program, -P, -M, -m.
  private static final String SHORT_WITH_VALUE = "wipsxXqWTOIVePMm";

  private static final Set<String> LONG_WITH_VALUE =
      Set.of("wait", "source-port", "source", "proxy", "proxy-type", "exec", "sh-exec");

  @Override
  public boolean accepts(String name) {
    return name.equals("nc") || name.equals("ncat") || name.equals("netcat");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    OptionScanner.Scan scan = OptionScanner.scan(args, SHORT_WITH_VALUE, LONG_WITH_VALUE, false);
    if (scan.has("l", "listen") || scan.has("U", "unixsock")) {
      return null; // a listener or a Unix socket, not a TCP probe
    }
    boolean udp = scan.has("u", "udp");
    String scheme = udp ? "udp" : "tcp";
    List<String> operands = scan.operands();
    String host = operands.isEmpty() ? null : Endpoint.host(operands.get(0), operands.get(0), name, findings);
    Integer port = null;
    if (operands.size() >= 2) {
      port = Endpoint.port(operands.get(1), String.join(" ", operands), name, findings);
    } else {
      findings.problem("`" + name + " " + String.join(" ", args) + "` names no port.");
    }
    return new Probe("nc", null, scheme, host, port, null, null, invocation);
  }
}
