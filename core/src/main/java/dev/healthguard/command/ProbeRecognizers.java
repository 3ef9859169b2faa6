package dev.healthguard.command;

import java.util.List;

/** The recognisers, tried in order; the first that accepts a command name decides. */
final class ProbeRecognizers {

  private static final List<ProbeRecognizer> ALL =
      List.of(
          new CurlProbe(),
          new WgetProbe(),
          new NetcatProbe(),
          new PythonProbe(),
          new JavaScriptProbe(),
          new GrpcHealthProbe(),
          new PgIsReadyProbe(),
          new RedisCliProbe(),
          new MysqladminProbe());

  private ProbeRecognizers() {}

  /** The probe of a command named {@code name} (basename) with {@code args}, or null. */
  static Probe recognize(String name, List<String> args, Invocation invocation, Walk findings) {
    for (ProbeRecognizer recognizer : ALL) {
      if (recognizer.accepts(name)) {
        return recognizer.recognize(name, args, invocation, findings);
      }
    }
    return null;
  }
}
