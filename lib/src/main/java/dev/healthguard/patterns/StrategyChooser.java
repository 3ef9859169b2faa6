package dev.healthguard.patterns;

import dev.healthguard.image.Certainty;
import dev.healthguard.image.Fact;
import dev.healthguard.image.ImageProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a tool of the image to run the health check, from its profile. Pure: a profile and an
 * endpoint in, a command out, so it is tested without a CDK app.
 *
 * <p>Every command is exec ({@code CMD}) form: Docker execs it directly, so no {@code /bin/sh} is
 * needed, only the tool on the image's PATH (health-check-semantics.md §1). Tools are tried in the
 * order below; one the evidence says is certainly there beats one that is only likely there, and
 * a likely one still beats the probe, which needs an extra container.
 */
final class StrategyChooser {

  /** A check run by a tool of the image. */
  record ToolCheck(String tool, List<String> command, String reason) {}

  // curl and wget fail on HTTP errors by themselves (curl with -f; wget always), and
  // urllib.request.urlopen raises HTTPError, which exits 1 (see command/PythonProbe).
  static final List<String> HTTP_TOOLS = List.of("curl", "wget", "python3", "node");
  // No node for TCP: a net.connect one-liner works, but the command analyser (command/JavaScriptProbe)
  // reads only http.get and fetch, so the guard could not see which port it checks.
  static final List<String> TCP_TOOLS = List.of("nc", "bash", "python3");

  private StrategyChooser() {}

  static Optional<ToolCheck> choose(ImageProfile profile, HealthEndpoint endpoint, int timeoutSeconds) {
    if (!profile.isKnown()) {
      return Optional.empty();
    }
    List<String> tools = endpoint.isHttp() ? HTTP_TOOLS : TCP_TOOLS;
    for (Certainty wanted : List.of(Certainty.CERTAIN, Certainty.LIKELY)) {
      for (String tool : tools) {
        Fact fact = profile.executable(tool);
        if (fact.isPresent() && fact.certainty() == wanted && usable(tool, fact)) {
          return Optional.of(new ToolCheck(tool, command(tool, endpoint, timeoutSeconds), reason(profile, tools, fact)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * busybox nc knows {@code -z} only when built with {@code CONFIG_NC_110_COMPAT} (busybox
   * networking/nc_bloaty.c); no image row in the research confirms that option, so busybox nc is
   * not trusted with a TCP check.
   */
  private static boolean usable(String tool, Fact fact) {
    return !(tool.equals("nc") && fact.variant() != null && fact.variant().toLowerCase(Locale.ROOT).contains("busybox"));
  }

  static List<String> command(String tool, HealthEndpoint endpoint, int timeoutSeconds) {
    String url = endpoint.url();
    int port = endpoint.getPort();
    if (endpoint.isHttp()) {
      return switch (tool) {
        case "curl" -> List.of("CMD", "curl", "-fsS", "-o", "/dev/null", url);
        case "wget" -> List.of("CMD", "wget", "-q", "-O", "/dev/null", url);
        case "python3" -> List.of("CMD", "python3", "-c",
            "import urllib.request; urllib.request.urlopen('" + url + "', timeout=" + timeoutSeconds + ")");
        case "node" -> List.of("CMD", "node", "-e",
            "require('http').get('" + url + "', r => process.exit(r.statusCode >= " + endpoint.codes().min()
                + " && r.statusCode <= " + endpoint.codes().max() + " ? 0 : 1)).on('error', () => process.exit(1))");
        default -> throw new IllegalArgumentException("no HTTP command for " + tool);
      };
    }
    return switch (tool) {
      case "nc" -> List.of("CMD", "nc", "-z", "-w", String.valueOf(timeoutSeconds), "127.0.0.1", String.valueOf(port));
      // bash opens the connection itself for a /dev/tcp redirection (bash manual, REDIRECTION).
      case "bash" -> List.of("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/" + port);
      case "python3" -> List.of("CMD", "python3", "-c",
          "import socket; socket.create_connection(('127.0.0.1', " + port + "), " + timeoutSeconds + ").close()");
      default -> throw new IllegalArgumentException("no TCP command for " + tool);
    };
  }

  private static String reason(ImageProfile profile, List<String> tools, Fact chosen) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (tool.equals(chosen.name())) {
        break;
      }
      missing.add(tool);
    }
    return profile.image() + (missing.isEmpty() ? "" : " has no " + String.join(", no ", missing) + ";")
        + " uses " + describe(chosen);
  }

  /** Why no tool fits, naming the evidence; for the probe's reason. */
  static String whyNoTool(ImageProfile profile, HealthEndpoint endpoint) {
    if (!profile.isKnown()) {
      return profile.image() + " is unknown (" + profile.unknownReason() + "), so no tool in it can be relied on";
    }
    List<String> tools = endpoint.isHttp() ? HTTP_TOOLS : TCP_TOOLS;
    String where = profile.provenance().isEmpty() ? "" : " (" + profile.provenance().get(0) + ")";
    String shell = profile.shell().isAbsent() ? "no shell and " : "";
    List<String> busyboxNc = new ArrayList<>();
    if (!endpoint.isHttp() && profile.executable("nc").isPresent()) {
      busyboxNc.add("its busybox nc may lack -z");
    }
    return profile.image() + " has " + shell + "none of " + String.join(", ", tools) + " usable for a "
        + endpoint.getProtocol() + " check" + (busyboxNc.isEmpty() ? "" : " (" + busyboxNc.get(0) + ")") + where;
  }

  private static String describe(Fact fact) {
    StringBuilder text = new StringBuilder();
    if (fact.variant() != null) {
      text.append(fact.variant()).append(' ');
    }
    text.append(fact.name());
    if (fact.path() != null) {
      text.append(" at ").append(fact.path());
    }
    text.append(" (").append(fact.certainty().name().toLowerCase(Locale.ROOT));
    if (!fact.evidence().isEmpty()) {
      text.append(": ").append(fact.evidence().get(0));
    }
    return text.append(')').toString();
  }
}
