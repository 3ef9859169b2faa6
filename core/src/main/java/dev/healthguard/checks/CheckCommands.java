package dev.healthguard.checks;

import dev.healthguard.checks.CheckEndpoint.Protocol;
import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.Invocation;
import dev.healthguard.command.Probe;
import dev.healthguard.image.Certainty;
import dev.healthguard.image.Fact;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that chooses a tool of the image and writes a health-check command with it: for
 * the rules' advice, for fix mode and for {@code GuardedFargateService}.
 *
 * <p>It knows protocols. An HTTP check is only ever rewritten to another HTTP client. A check that
 * speaks PostgreSQL, MySQL, Redis or gRPC is rewritten only to another client of the same protocol
 * or, failing that, to a TCP connect, which the result names as weaker; never to HTTP, which such a
 * server cannot answer (aesthetics-review.md §3.3: {@code pg_isready} on 5432 had been rewritten to
 * {@code wget http://localhost:5432/}).
 *
 * <p>Every command is exec ({@code CMD}) form: Docker execs it directly, so no {@code /bin/sh} is
 * needed, only the tool on the image's PATH (health-check-semantics.md §1). Tools are tried in the
 * order of the lists below; one the evidence says is certainly there beats one that is only likely
 * there.
 */
public final class CheckCommands {

  // curl and wget fail on HTTP errors by themselves (curl with -f; wget always), and
  // urllib.request.urlopen raises HTTPError, which exits 1 (see command/PythonProbe).
  static final List<String> HTTP_TOOLS = List.of("curl", "wget", "python3", "node");
  // No node for TCP: a net.connect one-liner works, but the command analyser (command/JavaScriptProbe)
  // reads only http.get and fetch, so the guard could not see which port it checks.
  static final List<String> TCP_TOOLS = List.of("nc", "bash", "python3");
  // Clients with the same command line as the original, so the original arguments (credentials,
  // TLS options, the socket) carry over unchanged. MariaDB 11 images ship mariadb-admin without
  // the mysqladmin name; valkey-cli is redis-cli renamed.
  private static final Map<String, List<String>> SAME_PROTOCOL = Map.of(
      "mysqladmin", List.of("mysqladmin", "mariadb-admin"),
      "mariadb-admin", List.of("mariadb-admin", "mysqladmin"),
      "redis-cli", List.of("redis-cli", "valkey-cli"),
      "valkey-cli", List.of("valkey-cli", "redis-cli"));

  private CheckCommands() {}

  /**
   * A command and the tool of the image it relies on.
   *
   * @param tool the program run, e.g. {@code wget}
   * @param command exec form, {@code ["CMD", …]}
   * @param fact what the image profile says about the tool; null for the exec form of the check
   *     itself
   * @param skipped tools tried first that the image lacks, in order, for the reason
   * @param note what the reader should know about the command, e.g. that it is weaker; may be empty
   */
  public record Choice(String tool, List<String> command, Fact fact, List<String> skipped, String note) {
    public Choice {
      command = List.copyOf(command);
      skipped = List.copyOf(skipped);
    }

    /** The tool and where the image has it, e.g. {@code busybox wget at /usr/bin/wget}. */
    public String relyingOn() {
      if (fact == null) {
        return note;
      }
      return (fact.variant() == null ? "" : fact.variant() + " ") + tool
          + (fact.path() == null ? "" : " at " + fact.path()) + note;
    }

    /** The command as JSON, then what it relies on. */
    public String describe() {
      String relying = relyingOn();
      return json(command) + (relying.isEmpty() ? "" : " (" + relying + ")");
    }

    /**
     * One line naming the evidence, e.g. {@code alpine:3.20 has no curl; uses busybox wget at
     * /usr/bin/wget (certain: catalog 'alpine' …)}.
     */
    public String reason(ImageProfile profile) {
      return profile.image() + (skipped.isEmpty() ? "" : " has no " + String.join(", no ", skipped) + ";")
          + " uses " + evidence(fact);
    }
  }

  /**
   * A command for the endpoint with a tool of the image.
   *
   * @param checkTimeoutSeconds the health check's timeout; each tool is given one second less, so
   *     that it gives up and says why before Docker kills it
   */
  public static Optional<Choice> forEndpoint(CheckEndpoint endpoint, ImageProfile image, int checkTimeoutSeconds) {
    return choose(endpoint, image, toolTimeout(checkTimeoutSeconds), null);
  }

  /**
   * A command that asks what the check asked, with a tool the image has: another client of the
   * same protocol with the same arguments, else a command for the check's endpoint. A TCP connect
   * standing in for an application protocol says so in its note.
   *
   * @param checkTimeoutSeconds the health check's timeout, null for ECS's default of 5
   */
  public static Optional<Choice> replacementFor(CommandAnalysis command, ImageProfile image, Integer checkTimeoutSeconds) {
    Optional<Choice> sibling = sameProtocolClient(command, image);
    if (sibling.isPresent()) {
      return sibling;
    }
    int timeout = toolTimeout(checkTimeoutSeconds == null ? 5 : checkTimeoutSeconds);
    for (Probe probe : command.probes()) {
      Optional<CheckEndpoint> endpoint = CheckEndpoint.of(probe);
      if (endpoint.isPresent()) {
        // The original tool is not offered again: the check is being replaced because of it.
        return choose(endpoint.get(), image, timeout, probe.tool());
      }
    }
    return Optional.empty();
  }

  /** The same command without the shell, when it is a single simple command whose program the image has. */
  public static Optional<Choice> execFormOf(CommandAnalysis command, ImageProfile image) {
    var real = command.invocations().stream().filter(i -> !i.builtin()).toList();
    // Without a shell nothing expands $VAR, and a placebo (`|| true`) would turn into a real check.
    if (real.size() != 1 || !command.canFail()
        || real.get(0).args().stream().anyMatch(a -> a.contains("$") || a.contains("`"))) {
      return Optional.empty();
    }
    Invocation invocation = real.get(0);
    if (!image.executable(invocation.command()).isPresent()) {
      return Optional.empty();
    }
    List<String> argv = new ArrayList<>(List.of("CMD", invocation.command()));
    argv.addAll(invocation.args());
    return Optional.of(new Choice(invocation.command(), argv, null, List.of(), ""));
  }

  /**
   * Why no tool of the image fits the endpoint, naming the evidence; for the probe's reason.
   */
  public static String whyNone(CheckEndpoint endpoint, ImageProfile profile) {
    if (!profile.isKnown()) {
      return profile.image() + " is unknown (" + profile.unknownReason() + "), so no tool in it can be relied on";
    }
    List<String> tools = toolsFor(endpoint.protocol());
    String where = profile.provenance().isEmpty() ? "" : " (" + profile.provenance().get(0) + ")";
    String shell = profile.shell().isAbsent() ? "no shell and " : "";
    String busyboxNc = tools.contains("nc") && profile.executable("nc").isPresent()
        ? " (its busybox nc may lack -z)" : "";
    return profile.image() + " has " + shell + "none of " + String.join(", ", tools) + " usable for a "
        + endpoint.protocol().displayName() + " check" + busyboxNc + where;
  }

  /** The note for a check that can only be replaced by a TCP connect, or empty. */
  public static String weakerNote(CheckEndpoint endpoint) {
    if (!endpoint.speaksAboveTcp()) {
      return "";
    }
    return "; a TCP connect only, weaker than the " + endpoint.protocol().displayName()
        + " check it replaces: it shows that port " + endpoint.port() + " accepts connections, not that "
        + endpoint.protocol().displayName() + " answers";
  }

  private static Optional<Choice> choose(CheckEndpoint endpoint, ImageProfile image, int timeout, String avoid) {
    if (!image.isKnown()) {
      return Optional.empty();
    }
    List<String> tools = toolsFor(endpoint.protocol());
    for (Certainty wanted : List.of(Certainty.CERTAIN, Certainty.LIKELY)) {
      for (String tool : tools) {
        Fact fact = image.executable(tool);
        if (fact.isPresent() && fact.certainty() == wanted && !tool.equals(avoid) && usable(tool, fact)) {
          String note = tool.equals("python3") && endpoint.protocol().isHttp() ? "; urlopen fails on HTTP errors" : "";
          return Optional.of(new Choice(tool, command(tool, endpoint, timeout), fact, skipped(tools, tool),
              note + weakerNote(endpoint)));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> toolsFor(Protocol protocol) {
    // Every other protocol falls back to a TCP connect: HTTP would be a request the server cannot answer.
    return protocol.isHttp() ? HTTP_TOOLS : TCP_TOOLS;
  }

  private static List<String> skipped(List<String> tools, String chosen) {
    return tools.subList(0, tools.indexOf(chosen));
  }

  /**
   * busybox nc knows {@code -z} only when built with {@code CONFIG_NC_110_COMPAT} (busybox
   * networking/nc.c, "enables … -z"). The option defaults to on and Alpine's build sets it
   * (aports main/busybox/busyboxconfig), but embedded builds turn it off, and a profile says only
   * "busybox", not which build; so busybox nc is not trusted with a TCP check.
   */
  private static boolean usable(String tool, Fact fact) {
    return !(tool.equals("nc") && fact.variant() != null && fact.variant().toLowerCase(Locale.ROOT).contains("busybox"));
  }

  static int toolTimeout(int checkTimeoutSeconds) {
    return Math.max(1, checkTimeoutSeconds - 1);
  }

  /** The command {@code tool} runs to ask {@code endpoint}; exec form. */
  static List<String> command(String tool, CheckEndpoint endpoint, int timeout) {
    if (endpoint.protocol().isHttp()) {
      String url = endpoint.url();
      return switch (tool) {
        case "curl" -> List.of("CMD", "curl", "-fsS", "-o", "/dev/null", url);
        case "wget" -> List.of("CMD", "wget", "-q", "-O", "/dev/null", url);
        case "python3" -> List.of("CMD", "python3", "-c",
            "import urllib.request; urllib.request.urlopen('" + url + "', timeout=" + timeout + ")");
        case "node" -> List.of("CMD", "node", "-e", "require('" + endpoint.protocol().name().toLowerCase(Locale.ROOT)
            + "').get('" + url + "', r => process.exit(" + healthy(endpoint) + " ? 0 : 1)).on('error', () => process.exit(1))");
        default -> throw new IllegalArgumentException("no HTTP command for " + tool);
      };
    }
    String host = endpoint.host();
    String port = String.valueOf(endpoint.port());
    return switch (tool) {
      case "nc" -> List.of("CMD", "nc", "-z", "-w", String.valueOf(timeout), host, port);
      // bash opens the connection itself for a /dev/tcp redirection (bash manual, REDIRECTION).
      case "bash" -> List.of("CMD", "bash", "-c", "</dev/tcp/" + host + "/" + port);
      case "python3" -> List.of("CMD", "python3", "-c",
          "import socket; socket.create_connection(('" + host + "', " + port + "), " + timeout + ").close()");
      default -> throw new IllegalArgumentException("no TCP command for " + tool);
    };
  }

  private static String healthy(CheckEndpoint endpoint) {
    return endpoint.codes() == null ? "r.statusCode < 400"
        : "r.statusCode >= " + endpoint.codes().min() + " && r.statusCode <= " + endpoint.codes().max();
  }

  /** The original command with another client of the same protocol, when the image has one. */
  private static Optional<Choice> sameProtocolClient(CommandAnalysis command, ImageProfile image) {
    var real = command.invocations().stream().filter(i -> !i.builtin()).toList();
    if (real.size() != 1 || !command.canFail() || !image.isKnown()) {
      return Optional.empty();
    }
    Invocation invocation = real.get(0);
    String name = invocation.command().substring(invocation.command().lastIndexOf('/') + 1);
    List<String> clients = SAME_PROTOCOL.getOrDefault(name, List.of());
    if (invocation.args().stream().anyMatch(a -> a.contains("$") || a.contains("`"))) {
      return Optional.empty();
    }
    for (String client : clients) {
      Fact fact = image.executable(client);
      if (!client.equals(name) && fact.isPresent()) {
        List<String> argv = new ArrayList<>(List.of("CMD", client));
        argv.addAll(invocation.args());
        return Optional.of(new Choice(client, argv, fact, List.of(name), ", which takes " + name + "'s arguments"));
      }
    }
    return Optional.empty();
  }

  private static String evidence(Fact fact) {
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

  /** {@code ["CMD", "wget", …]} as JSON, for messages. */
  public static String json(List<String> argv) {
    StringBuilder out = new StringBuilder("[");
    int i = 0;
    // Stops early: a hostile command (a 1,000,000-element CMD) is shown as an excerpt (issue 10).
    for (; i < argv.size(); i++) {
      String element = '"' + argv.get(i).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      if (i > 0 && out.length() + 2 + element.length() > MAX_JSON_CHARS) {
        if (out.length() < MAX_JSON_CHARS / 2) { // a long script: an excerpt of it, not just its absence
          out.append(", ").append(Excerpt.inline(element, MAX_JSON_CHARS - out.length()));
          i++;
        }
        break;
      }
      out.append(i > 0 ? ", " : "").append(element);
    }
    String shown = Excerpt.inline(out.toString(), MAX_JSON_CHARS);
    return i < argv.size() ? shown + ", … (" + (argv.size() - i) + " more elements)]" : shown + "]";
  }

  /** Characters of a command {@link #json} shows: real checks are shorter, hostile ones are cut. */
  static final int MAX_JSON_CHARS = 2 * Excerpt.MAX_CHARS;
}
