package dev.healthguard.rules;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.Probe;
import dev.healthguard.image.Fact;
import dev.healthguard.image.ImageProfile;
import java.util.List;
import java.util.Optional;

/**
 * Works out what a health check could use instead, from the tools the image does have. The
 * suggestions are exec (CMD) form, so they need no shell, and they keep the probe's URL and its
 * fail-on-HTTP-error meaning.
 */
final class Alternatives {

  private Alternatives() {}

  /** A command that does what the original probe meant, with a tool the image has. */
  static Optional<String> commandFor(CommandAnalysis command, ImageProfile image) {
    Optional<Probe> probe = command.probes().stream().filter(p -> p.url() != null || p.port() != null).findFirst();
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    Probe p = probe.get();
    String url = p.url() != null ? p.url() : "http://localhost:" + p.port() + "/";
    boolean http = p.url() != null || !"tcp".equals(p.scheme());
    if (http) {
      if (has(image, "curl") && !"curl".equals(p.tool())) {
        return Optional.of(json("CMD", "curl", "-fsS", "-o", "/dev/null", url) + " (curl" + where(image, "curl") + ")");
      }
      if (has(image, "wget") && !"wget".equals(p.tool())) {
        return Optional.of(json("CMD", "wget", "-q", "-O", "/dev/null", url) + " (" + variant(image, "wget") + "wget" + where(image, "wget") + ")");
      }
      if (has(image, "python3")) {
        return Optional.of(json("CMD", "python3", "-c",
            "import urllib.request; urllib.request.urlopen('" + url + "', timeout=4)")
            + " (python3" + where(image, "python3") + "; urlopen fails on HTTP errors)");
      }
      if (has(image, "node")) {
        return Optional.of(json("CMD", "node", "-e",
            "require('http').get('" + url + "', r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))")
            + " (node" + where(image, "node") + ")");
      }
    } else if (p.port() != null) {
      if (has(image, "nc") && !"nc".equals(p.tool())) {
        return Optional.of(json("CMD", "nc", "-z", "127.0.0.1", String.valueOf(p.port())));
      }
      if (has(image, "bash")) {
        return Optional.of(json("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/" + p.port()));
      }
    }
    return Optional.empty();
  }

  /** The same command without the shell, when it is a single simple command. */
  static Optional<String> execFormOf(CommandAnalysis command, ImageProfile image) {
    var real = command.invocations().stream().filter(i -> !i.builtin()).toList();
    if (real.size() != 1) {
      return Optional.empty();
    }
    var invocation = real.get(0);
    Fact fact = image.executable(invocation.command());
    if (!fact.isPresent()) {
      return Optional.empty();
    }
    String[] argv = new String[invocation.args().size() + 2];
    argv[0] = "CMD";
    argv[1] = invocation.command();
    for (int i = 0; i < invocation.args().size(); i++) {
      argv[i + 2] = invocation.args().get(i);
    }
    return Optional.of(json(argv));
  }

  /** Generic advice when the image has nothing to run a check with. */
  static String probeAdvice() {
    return "copy a statically linked probe binary into the image and call it in exec form, e.g. "
        + json("CMD", "/healthcheck") + " (COPY --from=<probe image> /healthcheck /healthcheck)"
        + ", or move the check to the load balancer's target group";
  }

  /** The catalog's advice for the base image's family, as a trailing sentence, or nothing. */
  static String hint(ImageProfile image) {
    return image.hint() == null ? "" : ". For this base image: " + image.hint();
  }

  private static boolean has(ImageProfile image, String tool) {
    return image.executable(tool).isPresent();
  }

  private static String where(ImageProfile image, String tool) {
    Fact fact = image.executable(tool);
    return fact.path() == null ? "" : " at " + fact.path();
  }

  private static String variant(ImageProfile image, String tool) {
    String variant = image.executable(tool).variant();
    return variant == null ? "" : variant + " ";
  }

  static String json(String... argv) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < argv.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('"').append(argv[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }

  static String json(List<String> argv) {
    return json(argv.toArray(String[]::new));
  }
}
