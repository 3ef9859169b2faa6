package dev.healthguard.command;

import dev.healthguard.shell.OptionScanner;
import java.util.List;
import java.util.Set;

/**
 * {@code pg_isready [-h host] [-p port] …} (PostgreSQL docs, pg_isready). Without {@code -h} it
 * connects through the local Unix socket; without {@code -p} the port comes from {@code PGPORT}
 * or the compiled-in default (5432). Both are then unknown here and stay null.
 */
final class PgIsReadyProbe implements ProbeRecognizer {

  private static final Set<String> LONG_WITH_VALUE =
      Set.of("host", "port", "dbname", "username", "timeout");

  @Override
  public boolean accepts(String name) {
    return name.equals("pg_isready");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    OptionScanner.Scan scan = OptionScanner.scan(args, "hpdUt", LONG_WITH_VALUE, false);
    String host = Endpoint.host(scan.value("h", "host"), "pg_isready " + String.join(" ", args),
        name, findings);
    Integer port = Endpoint.port(scan.value("p", "port"), "pg_isready " + String.join(" ", args),
        name, findings);
    return new Probe("pg_isready", null, "postgres", host, port, null, null, invocation);
  }
}
