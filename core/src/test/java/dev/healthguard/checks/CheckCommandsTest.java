package dev.healthguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.command.Probe;
import dev.healthguard.fix.Remedy;
import dev.healthguard.fix.RemedyPlanner;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.Certainty;
import dev.healthguard.image.Evidence;
import dev.healthguard.image.Fact;
import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import dev.healthguard.image.Presence;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleRunner;
import dev.healthguard.rules.Rules;
import dev.healthguard.rules.Subject;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.HttpCodes;
import dev.healthguard.task.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The one tool chooser: from catalog profiles for GuardedFargateService's endpoints, and through
 * the rules and fix mode for checks that speak a protocol other than HTTP.
 */
class CheckCommandsTest {

  static final ImageProfiler PROFILER = new ImageProfiler(Catalog.builtIn());
  static final CheckEndpoint HTTP = CheckEndpoint.http(8080, "/healthz", HttpCodes.parse("200-299"));
  static final CheckEndpoint TCP = CheckEndpoint.tcp(6379);
  static final Evidence LISTING = new Evidence("layer listing", "sha256:0123");

  static ImageProfile profile(String image) {
    return PROFILER.profile(new ImageRef.Registry(ImageName.parse(image)));
  }

  static Optional<CheckCommands.Choice> choose(String image, CheckEndpoint endpoint) {
    return CheckCommands.forEndpoint(endpoint, profile(image), 5);
  }

  static Fact present(String name, String path, String variant) {
    return new Fact(name, Presence.PRESENT, path, variant, Certainty.CERTAIN, List.of(LISTING));
  }

  /** A layer listing: every file is known, so what is not listed is certainly absent. */
  static ImageProfile listed(Fact... facts) {
    ImageProfile.Builder builder = new ImageProfile.Builder("example.com/db:1")
        .shell(present("sh", "/bin/sh", "busybox ash"))
        .exhaustive(true)
        .path(ImageProfile.DEFAULT_PATH)
        .provenance(LISTING);
    for (Fact fact : facts) {
      builder.executable(fact);
    }
    return builder.build();
  }

  /** The review's case: busybox wget and nc, no pg_isready, no bash, no python3. */
  static ImageProfile busyboxOnly() {
    return listed(present("wget", "/usr/bin/wget", "busybox"), present("nc", "/usr/bin/nc", "busybox"),
        present("busybox", "/bin/busybox", null));
  }

  static Subject subject(ImageProfile image, List<String> command) {
    Target target = new Target("Stack/Task", "db", new HealthCheck(command, null, null, null, null),
        new ImageRef.Registry(ImageName.parse(image.image())), List.of(5432), true, "X86_64", "awsvpc",
        List.of(5432), List.of());
    return new Subject(target, image, CommandAnalyzer.analyze(command));
  }

  static List<Finding> findings(Subject subject) {
    return new RuleRunner(Rules.all()).run(subject);
  }

  static Optional<Remedy> plan(ImageProfile image, List<String> command) {
    Subject subject = subject(image, command);
    return new RemedyPlanner(new RuleRunner(Rules.all())).plan(subject, findings(subject));
  }

  static String hg002Fix(ImageProfile image, List<String> command) {
    return findings(subject(image, command)).stream().filter(f -> f.ruleId().equals("HG002")).findFirst()
        .orElseThrow(() -> new AssertionError("no HG002 for " + command)).fix();
  }

  @Nested
  class Endpoints {
    @Test
    void http_firstToolTheImageHas() {
      assertEquals("wget", choose("alpine:3.20", HTTP).orElseThrow().tool());
      assertEquals("python3", choose("python:3.12-slim", HTTP).orElseThrow().tool());
      assertEquals("curl", choose("python:3.12", HTTP).orElseThrow().tool());
      assertEquals("node", choose("node:20-slim", HTTP).orElseThrow().tool());
      assertEquals(Optional.empty(), choose("cgr.dev/chainguard/static:latest", HTTP));
    }

    @Test
    void http_commandsGiveTheToolASecondLessThanTheCheck() {
      assertEquals(List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"),
          choose("alpine:3.20", HTTP).orElseThrow().command());
      assertEquals(List.of("CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"),
          choose("python:3.12", HTTP).orElseThrow().command());
      assertEquals(List.of("CMD", "python3", "-c",
              "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"),
          choose("python:3.12-slim", HTTP).orElseThrow().command());
      assertEquals(List.of("CMD", "node", "-e", "require('http').get('http://127.0.0.1:8080/healthz', r => process.exit("
              + "r.statusCode >= 200 && r.statusCode <= 299 ? 0 : 1)).on('error', () => process.exit(1))"),
          choose("node:20-slim", HTTP).orElseThrow().command());
    }

    @Test
    void https_nodeUsesTheHttpsModule() {
      CheckEndpoint https = new CheckEndpoint(CheckEndpoint.Protocol.HTTPS, "127.0.0.1", 8443, "/", null, null);
      assertEquals("https://127.0.0.1:8443/", https.url());
      assertTrue(CheckCommands.command("node", https, 4).get(3).startsWith("require('https').get('https://"));
    }

    @Test
    void reason_namesTheEvidence() {
      String reason = choose("alpine:3.20", HTTP).orElseThrow().reason(profile("alpine:3.20"));
      assertTrue(reason.startsWith("alpine:3.20 has no curl; uses busybox wget at /usr/bin/wget (certain: catalog 'alpine'"),
          reason);
      String none = CheckCommands.whyNone(HTTP, profile("cgr.dev/chainguard/static:latest"));
      assertTrue(none.startsWith("cgr.dev/chainguard/static:latest has no shell and none of curl, wget, python3, node"
          + " usable for a HTTP check (catalog 'chainguard-static'"), none);
      String unknown = CheckCommands.whyNone(HTTP, profile("example.com/team/app:1"));
      assertTrue(unknown.startsWith("example.com/team/app:1 is unknown (it is not in the catalog"), unknown);
    }

    @Test
    void tcp_busyboxNcIsNotTrustedWithMinusZ() {
      assertEquals(List.of("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/6379"), choose("python:3.12-slim", TCP).orElseThrow().command());
      assertEquals(Optional.empty(), choose("alpine:3.20", TCP));
      assertTrue(CheckCommands.whyNone(TCP, profile("alpine:3.20")).contains("its busybox nc may lack -z"));
      assertEquals("python3", choose("cgr.dev/chainguard/python:latest", TCP).orElseThrow().tool());
    }

    @Test
    void unknownImage_noTool() {
      assertEquals(Optional.empty(), choose("example.com/team/app:1", HTTP));
    }

    /** What the chooser writes, the analyser must read back as the same endpoint: the ALB check relies on it. */
    @Test
    void everyCommand_isReadBackAsTheEndpoint() {
      for (String tool : CheckCommands.HTTP_TOOLS) {
        Probe probe = primary(CheckCommands.command(tool, HTTP, 4));
        assertEquals(8080, probe.port(), tool);
        assertEquals("/healthz", probe.path(), tool);
        assertTrue(probe.targetsLocalhost(), tool);
      }
      for (String tool : CheckCommands.TCP_TOOLS) {
        Probe probe = primary(CheckCommands.command(tool, TCP, 4));
        assertEquals(6379, probe.port(), tool);
        assertEquals("tcp", probe.scheme(), tool);
        assertTrue(probe.targetsLocalhost(), tool);
      }
    }
  }

  /** A check speaking PostgreSQL, MySQL, Redis, gRPC or plain TCP is never rewritten to HTTP. */
  @Nested
  class Protocols {
    static final List<String> PG_ISREADY = List.of("CMD", "pg_isready", "-h", "127.0.0.1", "-p", "5432");

    @Test
    void pgIsReady_withBusyboxWgetAndNc_isNeverAdvisedOrPlannedAsHttp() {
      // The review's exact case (aesthetics-review.md §3.3): HG002 advised and fix mode planned
      // ["CMD","wget","-q","-O","/dev/null","http://localhost:5432/"].
      String fix = hg002Fix(busyboxOnly(), PG_ISREADY);
      assertFalse(fix.contains("wget"), fix);
      assertFalse(fix.contains("http://"), fix);
      assertTrue(fix.startsWith("install pg_isready in the image, or copy a statically linked probe"), fix);

      Remedy remedy = plan(busyboxOnly(), PG_ISREADY).orElseThrow();
      Remedy.InjectProbe probe = assertInstance(Remedy.InjectProbe.class, remedy);
      assertEquals(List.of("tcp", "127.0.0.1:5432"), probe.probeArgs());
      assertTrue(probe.why().contains("a TCP connect only, weaker than the PostgreSQL check it replaces"), probe.why());
    }

    @Test
    void pgIsReady_withBash_becomesATcpConnectNamedWeaker() {
      ImageProfile image = listed(present("bash", "/bin/bash", null), present("wget", "/usr/bin/wget", "GNU"));
      String fix = hg002Fix(image, PG_ISREADY);
      assertTrue(fix.startsWith("use a tool the image has: [\"CMD\", \"bash\", \"-c\", \"</dev/tcp/127.0.0.1/5432\"]"
          + " (bash at /bin/bash; a TCP connect only, weaker than the PostgreSQL check it replaces: it shows that"
          + " port 5432 accepts connections, not that PostgreSQL answers)"), fix);

      Remedy.Rewrite rewrite = assertInstance(Remedy.Rewrite.class, plan(image, PG_ISREADY).orElseThrow());
      assertEquals(List.of("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/5432"), rewrite.command());
      assertTrue(rewrite.why().contains("weaker than the PostgreSQL check"), rewrite.why());
    }

    @Test
    void mysqladmin_goesToMariadbAdminWithItsArguments_elseTcpNeverHttp() {
      List<String> check = List.of("CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "-P", "3306");
      ImageProfile mariadb = listed(present("mariadb-admin", "/usr/bin/mariadb-admin", null),
          present("curl", "/usr/bin/curl", null));
      Remedy.Rewrite sibling = assertInstance(Remedy.Rewrite.class, plan(mariadb, check).orElseThrow());
      assertEquals(List.of("CMD", "mariadb-admin", "ping", "-h", "127.0.0.1", "-P", "3306"), sibling.command());

      ImageProfile curlOnly = listed(present("curl", "/usr/bin/curl", null), present("nc", "/usr/bin/nc", "OpenBSD"));
      Remedy.Rewrite tcp = assertInstance(Remedy.Rewrite.class, plan(curlOnly, check).orElseThrow());
      assertEquals(List.of("CMD", "nc", "-z", "-w", "4", "127.0.0.1", "3306"), tcp.command());
      assertTrue(hg002Fix(curlOnly, check).contains("weaker than the MySQL check"));
      assertFalse(hg002Fix(curlOnly, check).contains("curl\", \"-fsS"));
    }

    @Test
    void redisCli_evenWithAUrl_isNeverHttp() {
      List<String> check = List.of("CMD", "redis-cli", "-u", "redis://127.0.0.1:6379", "ping");
      ImageProfile image = busyboxOnly();
      assertFalse(hg002Fix(image, check).contains("wget"));
      Remedy.InjectProbe probe = assertInstance(Remedy.InjectProbe.class, plan(image, check).orElseThrow());
      assertEquals(List.of("tcp", "127.0.0.1:6379"), probe.probeArgs());
      assertTrue(probe.why().contains("weaker than the Redis check"), probe.why());

      ImageProfile valkey = listed(present("valkey-cli", "/usr/bin/valkey-cli", null), present("wget", "/usr/bin/wget", "busybox"));
      Remedy.Rewrite rewrite = assertInstance(Remedy.Rewrite.class, plan(valkey, check).orElseThrow());
      assertEquals(List.of("CMD", "valkey-cli", "-u", "redis://127.0.0.1:6379", "ping"), rewrite.command());
    }

    @Test
    void grpcHealthProbe_becomesATcpConnectOnly() {
      List<String> check = List.of("CMD", "grpc_health_probe", "-addr=:50051");
      ImageProfile image = listed(present("python3", "/usr/bin/python3", null), present("wget", "/usr/bin/wget", "busybox"));
      Remedy.Rewrite rewrite = assertInstance(Remedy.Rewrite.class, plan(image, check).orElseThrow());
      assertEquals(List.of("CMD", "python3", "-c",
          "import socket; socket.create_connection(('127.0.0.1', 50051), 4).close()"), rewrite.command());
      assertTrue(rewrite.why().contains("weaker than the gRPC check"), rewrite.why());
    }

    @Test
    void tcp_staysTcpAndIsNotCalledWeaker() {
      List<String> check = List.of("CMD", "nc", "-z", "127.0.0.1", "6379");
      ImageProfile image = busyboxOnly();
      // busybox nc is the check's own tool (present here); replace it on an image without it.
      ImageProfile noNc = listed(present("wget", "/usr/bin/wget", "busybox"), present("python3", "/usr/bin/python3", null));
      Remedy.Rewrite rewrite = assertInstance(Remedy.Rewrite.class, plan(noNc, check).orElseThrow());
      assertEquals(List.of("CMD", "python3", "-c",
          "import socket; socket.create_connection(('127.0.0.1', 6379), 4).close()"), rewrite.command());
      assertFalse(rewrite.why().contains("weaker"), rewrite.why());
      assertFalse(hg002Fix(noNc, check).contains("wget"));
      assertTrue(findings(subject(image, check)).stream().noneMatch(f -> f.ruleId().equals("HG002")));
    }

    @Test
    void udpNc_isNotRewrittenAtAll() {
      List<String> check = List.of("CMD", "nc", "-zu", "127.0.0.1", "53");
      ImageProfile image = listed(present("python3", "/usr/bin/python3", null));
      Remedy.None none = assertInstance(Remedy.None.class, plan(image, check).orElseThrow());
      assertTrue(none.why().contains("cannot tell what the check probes"), none.why());
    }
  }

  static <T> T assertInstance(Class<T> type, Object value) {
    assertTrue(type.isInstance(value), () -> "expected a " + type.getSimpleName() + ", got " + value);
    return type.cast(value);
  }

  static Probe primary(List<String> command) {
    CommandAnalysis analysis = CommandAnalyzer.analyze(command);
    assertEquals(List.of(), analysis.problems(), command.toString());
    assertTrue(!analysis.needsShell() || command.get(1).equals("bash"), command.toString());
    return analysis.primaryProbe();
  }
}
