package dev.healthguard.command;

import java.util.List;

/**
 * {@code grpc_health_probe -addr=host:port} (grpc-ecosystem/grpc-health-probe). Its flags use Go's
 * {@code flag} package: one or two dashes, value after {@code =} or as the next argument.
 */
final class GrpcHealthProbe implements ProbeRecognizer {

  @Override
  public boolean accepts(String name) {
    return name.equals("grpc_health_probe") || name.equals("grpc-health-probe");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    String addr = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).replaceFirst("^--?", "");
      if (a.startsWith("addr=")) {
        addr = a.substring("addr=".length());
      } else if (a.equals("addr") && i + 1 < args.size()) {
        addr = args.get(++i);
      }
    }
    if (addr == null) {
      findings.problem("`" + name + "` has no -addr: it exits with an error.");
      return new Probe("grpc_health_probe", null, "grpc", null, null, null, null, invocation);
    }
    // An empty host (":50051") dials the local system (Go net.Dial docs: "If the host is empty
    // or a literal unspecified IP address, … the local system is assumed").
    Endpoint e = Endpoint.parseHostPort(addr, "grpc_health_probe", "grpc", "localhost", findings);
    return new Probe("grpc_health_probe", null, "grpc", e.host(), e.port(), null, null, invocation);
  }
}
