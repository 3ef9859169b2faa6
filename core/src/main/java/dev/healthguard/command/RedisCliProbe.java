package dev.healthguard.command;

import dev.healthguard.shell.OptionScanner;
import java.util.List;
import java.util.Set;

/**
 * {@code redis-cli [-h host] [-p port] [-u uri] ping}. "By default, redis-cli connects to the
 * server at the address 127.0.0.1 with port 6379" (redis.io, redis-cli docs), so those defaults
 * apply when not given.
 */
final class RedisCliProbe implements ProbeRecognizer {

  private static final Set<String> LONG_WITH_VALUE =
      Set.of("user", "pass", "cacert", "cacertdir", "cert", "key", "sni", "tls-ciphers");

  @Override
  public boolean accepts(String name) {
    return name.equals("redis-cli") || name.equals("valkey-cli");
  }

  @Override
  public Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    // Options come before the Redis command; its own arguments may start with '-'.
    OptionScanner.Scan scan = OptionScanner.scan(args, "hpsaurin", LONG_WITH_VALUE, true);
    String scheme = scan.has("tls") ? "rediss" : "redis";
    String uri = scan.value("u");
    if (uri != null) {
      Endpoint e = Endpoint.parseUrl(uri, name, scheme, 6379, findings);
      return new Probe("redis-cli", uri, e.scheme(), e.host(), e.port(), null, null, invocation);
    }
    if (scan.value("s") != null) {
      return new Probe("redis-cli", null, scheme, null, null, null, null, invocation);
    }
    String where = name + " " + String.join(" ", args);
    String h = scan.value("h");
    String p = scan.value("p");
    String host = h == null ? "127.0.0.1" : Endpoint.host(h, where, name, findings);
    Integer port = p == null ? Integer.valueOf(6379) : Endpoint.port(p, where, name, findings);
    return new Probe("redis-cli", null, scheme, host, port, null, null, invocation);
  }
}
