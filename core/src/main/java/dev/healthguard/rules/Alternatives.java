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
 * fail-on-HTTP-error meaning. Findings show them as advice; fix mode applies them.
 */
public final class Alternatives {

  private Alternatives() {}

  /**
   * A health-check command and what it relies on.
   *
   * @param command the ECS command, exec form: {@code ["CMD", …]}
   * @param relyingOn the tool and where the image has it, e.g. {@code busybox wget at /usr/bin/wget}
   */
  public record Alternative(List<String> command, String relyingOn) {
    public Alternative {
      command = List.copyOf(command);
    }

    public String describe() {
      return json(command) + (relyingOn.isEmpty() ? "" : " (" + relyingOn + ")");
    }
  }

  /** A command that does what the original probe meant, with a tool the image has. */
  public static Optional<Alternative> commandFor(CommandAnalysis command, ImageProfile image) {
    Optional<Probe> probe = command.probes().stream().filter(p -> p.url() != null || p.port() != null).findFirst();
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    Probe p = probe.get();
    String url = p.url() != null ? p.url() : "http://localhost:" + p.port() + "/";
    boolean http = p.url() != null || !"tcp".equals(p.scheme());
    if (http) {
      if (has(image, "curl") && !"curl".equals(p.tool())) {
        return alternative(image, "curl", "", List.of("CMD", "curl", "-fsS", "-o", "/dev/null", url));
      }
      if (has(image, "wget") && !"wget".equals(p.tool())) {
        return alternative(image, "wget", "", List.of("CMD", "wget", "-q", "-O", "/dev/null", url));
      }
      if (has(image, "python3")) {
        return alternative(image, "python3", "; urlopen fails on HTTP errors", List.of("CMD", "python3", "-c",
            "import urllib.request; urllib.request.urlopen('" + url + "', timeout=4)"));
      }
      if (has(image, "node")) {
        return alternative(image, "node", "", List.of("CMD", "node", "-e",
            "require('http').get('" + url + "', r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"));
      }
    } else if (p.port() != null) {
      if (has(image, "nc") && !"nc".equals(p.tool())) {
        return alternative(image, "nc", "", List.of("CMD", "nc", "-z", "127.0.0.1", String.valueOf(p.port())));
      }
      if (has(image, "bash")) {
        return alternative(image, "bash", "", List.of("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/" + p.port()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Alternative> alternative(ImageProfile image, String tool, String note, List<String> command) {
    return Optional.of(new Alternative(command, variant(image, tool) + tool + where(image, tool) + note));
  }

  /** The same command without the shell, when it is a single simple command whose program the image has. */
  public static Optional<Alternative> execFormOf(CommandAnalysis command, ImageProfile image) {
    var real = command.invocations().stream().filter(i -> !i.builtin()).toList();
    // Without a shell nothing expands $VAR, and a placebo (`|| true`) would turn into a real check.
    if (real.size() != 1 || !command.canFail()
        || real.get(0).args().stream().anyMatch(a -> a.contains("$") || a.contains("`"))) {
      return Optional.empty();
    }
    var invocation = real.get(0);
    Fact fact = image.executable(invocation.command());
    if (!fact.isPresent()) {
      return Optional.empty();
    }
    List<String> argv = new java.util.ArrayList<>(List.of("CMD", invocation.command()));
    argv.addAll(invocation.args());
    return Optional.of(new Alternative(argv, ""));
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

  /** {@code ["CMD", "wget", …]} as JSON, for messages. */
  public static String json(String... argv) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < argv.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('"').append(argv[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }

  public static String json(List<String> argv) {
    return json(argv.toArray(String[]::new));
  }
}
