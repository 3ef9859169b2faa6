package dev.healthguard.command;

import dev.healthguard.shell.OptionScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mysqladmin ping [-h host] [-P port]} (also {@code mariadb-admin}). Host and port stay
 * null when not given: MySQL then uses the Unix socket for {@code localhost}. Note that
 * "mysqladmin ping" exits 0 even on "Access denied", since the server is running (MySQL manual,
 * mysqladmin).
 */
final class MysqladminProbe implements ProbeRecognizer {

  private static final Set<String> LONG_WITH_VALUE =
      Set.of("host", "port", "user", "socket", "protocol", "password", "connect-timeout");

  @Override
  public boolean accepts(String name) {
    return name.equals("mysqladmin") || name.equals("mariadb-admin");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    List<String> cleaned = new ArrayList<>();
    for (String a : args) {
      // -pSECRET takes its value attached only; drop it so its letters are not read as options.
      if (!(a.startsWith("-p") && a.length() > 2)) {
        cleaned.add(a);
      }
    }
    OptionScanner.Scan scan = OptionScanner.scan(cleaned, "hPuS", LONG_WITH_VALUE, false);
    if (!scan.operands().contains("ping") && !scan.operands().contains("status")) {
      return null;
    }
    String where = name + " " + String.join(" ", args);
    String host = Endpoint.host(scan.value("h", "host"), where, name, findings);
    Integer port = Endpoint.port(scan.value("P", "port"), where, name, findings);
    return new Probe("mysqladmin", null, "mysql", host, port, null, null, invocation);
  }
}
