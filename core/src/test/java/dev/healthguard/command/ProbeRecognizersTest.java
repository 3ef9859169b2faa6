package dev.healthguard.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProbeRecognizersTest {

  private static CommandAnalysis exec(String... argv) {
    List<String> command = new ArrayList<>(List.of("CMD"));
    command.addAll(Arrays.asList(argv));
    return CommandAnalyzer.analyze(command);
  }

  private static Probe probe(String... argv) {
    CommandAnalysis a = exec(argv);
    assertEquals(1, a.probes().size(), "one probe: " + a.probes());
    return a.probes().get(0);
  }

  private static Probe shellProbe(String script) {
    CommandAnalysis a = CommandAnalyzer.analyze(List.of("CMD-SHELL", script));
    assertEquals(1, a.probes().size(), "one probe: " + a.probes());
    return a.probes().get(0);
  }

  /** tool|host|port|path|fails, the notation of real-world.tsv. */
  private static String brief(Probe p) {
    return RealWorldCommandsTest.describe(List.of(p));
  }

  @Nested
  class Curl {

    @Test
    void failFlagInEveryForm() {
      for (String flag : List.of("-f", "--fail", "--fail-with-body", "-fs", "-sf", "-fsSL", "-sSf", "-Lf")) {
        assertTrue(probe("curl", flag, "http://localhost/").failsOnHttpError(), flag);
      }
      for (String flag : List.of("-s", "-sS", "-L", "--silent", "-I")) {
        assertFalse(probe("curl", flag, "http://localhost/").failsOnHttpError(), flag);
      }
    }

    @Test
    void optionValuesAreNotTheUrl() {
      Probe p = probe("curl", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", "-H",
          "Host: example.com", "-X", "GET", "--retry", "3", "-A", "probe", "http://localhost:8080/h");
      assertEquals("http://localhost:8080/h", p.url());
      assertEquals(8080, p.port());
    }

    @Test
    void valueAttachedToCombinedShortOptions() {
      assertEquals("http://h:1/", probe("curl", "-fsSo", "/dev/null", "http://h:1/").url());
      assertEquals("http://h:1/", probe("curl", "-so/dev/null", "http://h:1/").url());
      assertEquals("http://h:1/", probe("curl", "-w'%{http_code}'", "http://h:1/").url());
    }

    @Test
    void urlOption() {
      assertEquals("http://localhost:9000/ready", probe("curl", "-f", "--url", "http://localhost:9000/ready").url());
    }

    @Test
    void optionsAfterTheUrl() {
      Probe p = probe("curl", "http://localhost:3000/health", "-f", "-s");
      assertEquals("/health", p.path());
      assertTrue(p.failsOnHttpError());
    }

    @Test
    void schemeLessUrlIsHttp() {
      assertEquals("curl|localhost|8000|/|false", brief(probe("curl", "localhost:8000")));
      assertEquals("curl|127.0.0.1|80|/status|false", brief(probe("curl", "127.0.0.1/status")));
    }

    @Test
    void noUrlNoProbe() {
      assertTrue(exec("curl", "--version").probes().isEmpty());
    }

    @Test
    void unixSocketHasNoPort() {
      CommandAnalysis a = exec("curl", "-f", "--unix-socket", "/run/app.sock", "http://localhost/health");
      assertNull(a.primaryProbe().port());
      assertEquals("/health", a.primaryProbe().path());
      assertTrue(a.problems().get(0).contains("Unix socket"));
    }
  }

  @Nested
  class Wget {

    @Test
    void commonForms() {
      assertEquals("wget|localhost|8080|/|true", brief(probe("wget", "-q", "--spider", "http://localhost:8080/")));
      assertEquals("wget|localhost|80|/h|true", brief(probe("wget", "-q", "-O", "-", "http://localhost/h")));
      assertEquals("wget|localhost|80|/h|true", brief(probe("wget", "-qO-", "http://localhost/h")));
      assertEquals("wget|localhost|80|/h|true", brief(probe("wget", "-O/dev/null", "http://localhost/h")));
      assertEquals("wget|localhost|80|/h|true", brief(probe("wget", "-T", "2", "--tries=1", "http://localhost/h")));
      assertEquals("wget|localhost|80|/h|true",
          brief(probe("wget", "--output-document", "/dev/null", "-nv", "http://localhost/h")));
      assertEquals("wget|localhost|8080|/|true", brief(probe("wget", "localhost:8080", "-q", "-O", "-")));
    }

    @Test
    void httpsDefaultsTo443() {
      assertEquals(443, probe("wget", "-q", "--no-check-certificate", "https://localhost/").port());
    }
  }

  @Nested
  class Netcat {

    @Test
    void commonForms() {
      assertEquals("nc|localhost|8080|-|-", brief(probe("nc", "-z", "localhost", "8080")));
      assertEquals("nc|localhost|8080|-|-", brief(probe("nc", "-zv", "localhost", "8080")));
      assertEquals("nc|127.0.0.1|6379|-|-", brief(probe("nc", "-w", "2", "-z", "127.0.0.1", "6379")));
      assertEquals("nc|h|1|-|-", brief(probe("ncat", "-z", "-w2", "h", "1")));
      assertEquals("tcp", probe("nc", "-z", "h", "1").scheme());
      assertEquals("udp", probe("nc", "-zu", "h", "53").scheme());
    }

    @Test
    void listenerIsNotAProbe() {
      assertTrue(exec("nc", "-l", "-p", "8080").probes().isEmpty());
    }

    @Test
    void portRangeIsNotAPort() {
      CommandAnalysis a = exec("nc", "-z", "localhost", "8000-8010");
      assertNull(a.primaryProbe().port());
      assertTrue(a.problems().get(0).contains("not a port number"));
    }
  }

  @Nested
  class Python {

    @Test
    void urlopenFailsOnHttpErrors() {
      Probe p = probe("python3", "-c", "import urllib.request as u; u.urlopen(\"http://127.0.0.1:8000/healthz\")");
      assertEquals("python|127.0.0.1|8000|/healthz|true", brief(p));
    }

    @Test
    void urlopenInsideTryIsUnsure() {
      Probe p = probe("python", "-c",
          "import sys, urllib.request\ntry:\n  urllib.request.urlopen('http://localhost:8000/')\nexcept Exception:\n  sys.exit(1)");
      assertNull(p.failsOnHttpError());
    }

    @Test
    void urlopenOfARequestObject() {
      assertEquals("/ping", probe("python3", "-c",
          "import urllib.request as r; r.urlopen(r.Request('http://localhost:5000/ping'))").path());
    }

    @Test
    void requestsWithoutAStatusCheckDoesNotFail() {
      assertFalse(probe("python", "-c", "import requests; requests.get('http://localhost:5000/')").failsOnHttpError());
      assertNull(probe("python", "-c",
          "import requests, sys; sys.exit(0 if requests.get('http://localhost:5000/').ok else 1)").failsOnHttpError());
    }

    @Test
    void fStringPortIsUnknown() {
      CommandAnalysis a = exec("python3", "-c",
          "import os, urllib.request; urllib.request.urlopen(f'http://localhost:{os.environ[\"PORT\"]}/health')");
      assertNull(a.primaryProbe().port());
      assertEquals("/health", a.primaryProbe().path());
      assertTrue(a.problems().get(0).contains("only known at run time"));
    }

    @Test
    void concatenatedUrlIsUnknownAfterTheLiteral() {
      CommandAnalysis a = exec("python3", "-c",
          "import os, urllib.request; urllib.request.urlopen('http://localhost:' + os.environ['PORT'] + '/health')");
      assertEquals("localhost", a.primaryProbe().host());
      assertNull(a.primaryProbe().port());
      assertTrue(a.problems().get(0).contains("completed at run time"));
    }

    @Test
    void httpClientHostWithPort() {
      Probe p = probe("python3", "-c",
          "import http.client as h; c = h.HTTPSConnection('localhost:8443'); c.request('GET', '/live')");
      assertEquals("python|localhost|8443|/live|false", brief(p));
      assertEquals("https", p.scheme());
    }

    @Test
    void socketConnect() {
      Probe p = probe("python3", "-c", "import socket; socket.create_connection(('127.0.0.1', 5432), 2)");
      assertEquals("tcp", p.scheme());
      assertEquals(5432, p.port());
    }

    @Test
    void optionsBeforeDashC() {
      assertEquals(8000, probe("python3", "-u", "-W", "ignore", "-c",
          "import urllib.request; urllib.request.urlopen('http://localhost:8000/')").port());
    }

    @Test
    void scriptFileIsNotAProbe() {
      assertTrue(exec("python3", "/app/healthcheck.py").probes().isEmpty());
    }
  }

  @Nested
  class JavaScript {

    @Test
    void httpGetString() {
      assertEquals("node|localhost|3000|/health|false",
          brief(probe("node", "-e", "http.get('http://localhost:3000/health')")));
    }

    @Test
    void httpGetObject() {
      assertEquals("node|localhost|8080|/ready|-", brief(probe("node", "-e",
          "require('http').get({port: 8080, path: '/ready'}, r => process.exit(r.statusCode == 200 ? 0 : 1))")));
    }

    @Test
    void httpsModuleAndTemplateLiteral() {
      CommandAnalysis a = exec("node", "--eval",
          "require('node:https').get(`https://localhost:${process.env.PORT}/h`)");
      assertEquals("https", a.primaryProbe().scheme());
      assertNull(a.primaryProbe().port());
      assertTrue(a.problems().stream().noneMatch(p -> p.contains("no variable")),
          "a JS template is not a shell variable: " + a.problems());
    }

    @Test
    void fetchInBunAndDeno() {
      assertEquals("bun|localhost|3000|/|-", brief(probe("bun", "-e",
          "fetch('http://localhost:3000/').then(r => process.exit(r.ok ? 0 : 1))")));
      assertEquals("deno|localhost|8000|/x|false", brief(probe("deno", "eval", "await fetch('http://localhost:8000/x')")));
    }

    @Test
    void scriptFileIsNotAProbe() {
      assertTrue(exec("node", "healthcheck.js").probes().isEmpty());
    }
  }

  @Nested
  class OtherTools {

    @Test
    void grpcHealthProbeFlagForms() {
      assertEquals("grpc_health_probe|localhost|50051|-|-", brief(probe("grpc_health_probe", "-addr=:50051")));
      assertEquals("grpc_health_probe|localhost|50051|-|-", brief(probe("grpc_health_probe", "-addr", "localhost:50051")));
      assertEquals("grpc_health_probe|127.0.0.1|9090|-|-",
          brief(probe("grpc_health_probe", "--addr=127.0.0.1:9090", "-tls", "-service=foo")));
      CommandAnalysis missing = exec("grpc_health_probe", "-service=x");
      assertTrue(missing.problems().get(0).contains("no -addr"));
    }

    @Test
    void pgIsReady() {
      assertEquals("pg_isready|db|5433|-|-", brief(probe("pg_isready", "--host=db", "--port=5433")));
      assertEquals("pg_isready|-|-|-|-", brief(probe("pg_isready", "-q")));
    }

    @Test
    void redisCli() {
      assertEquals("redis-cli|127.0.0.1|6379|-|-", brief(probe("redis-cli", "ping")));
      assertEquals("redis-cli|cache|6380|-|-", brief(probe("redis-cli", "-h", "cache", "-p", "6380", "ping")));
      Probe uri = probe("redis-cli", "-u", "redis://:secret@localhost:6381/0", "ping");
      assertEquals("redis-cli|localhost|6381|-|-", brief(uri));
      assertEquals("rediss", probe("redis-cli", "--tls", "ping").scheme());
    }

    @Test
    void mysqladminIgnoresAttachedPassword() {
      assertEquals("mysqladmin|127.0.0.1|3307|-|-",
          brief(probe("mysqladmin", "ping", "-phunter2", "-h", "127.0.0.1", "-P", "3307")));
      assertTrue(exec("mysqladmin", "version").probes().isEmpty());
    }

    @Test
    void devTcpInBashIsAProbeWithoutProblems() {
      CommandAnalysis a = exec("bash", "-c", "echo > /dev/tcp/localhost/5432");
      assertEquals("/dev/tcp|localhost|5432|-|-", brief(a.primaryProbe()));
      assertEquals(List.of(), a.problems());
      assertSame(a.invocations().get(1), a.primaryProbe().invocation());
    }

    @Test
    void bareDevTcpRedirectionHasNoInvocation() {
      Probe p = probe("bash", "-c", "</dev/tcp/127.0.0.1/80");
      assertNull(p.invocation());
      assertEquals(80, p.port());
    }

    @Test
    void probeWrappedByTimeoutIsFound() {
      Probe p = shellProbe("timeout 3 wget -q -O /dev/null http://localhost:8080/health");
      assertEquals("wget", p.tool());
      assertEquals("wget", p.invocation().command());
    }
  }

  @Nested
  class Hosts {

    @Test
    void localhostVariants() {
      for (String host : List.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0", "127.0.0.2")) {
        Probe p = probe("curl", "http://" + host + ":8080/");
        assertTrue(p.targetsLocalhost(), host);
        assertEquals(8080, p.port(), host);
      }
      assertFalse(probe("curl", "http://api.example.com/").targetsLocalhost());
    }

    @Test
    void ipv6HostLosesItsBrackets() {
      assertEquals("::1", probe("curl", "http://[::1]/").host());
      assertEquals(80, probe("curl", "http://[::1]/").port());
    }

    @Test
    void userInfoIsNotTheHost() {
      assertEquals("localhost", probe("curl", "http://user:pw@localhost:81/").host());
    }

    @Test
    void variableHostIsNull() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("CMD-SHELL", "curl -f http://$HOST:8080/"));
      assertNull(a.primaryProbe().host());
      assertEquals(8080, a.primaryProbe().port());
      assertTrue(a.problems().get(0).contains("The host in"));
    }

    @Test
    void defaultedVariableWithColonIsNotSplit() {
      CommandAnalysis a =
          CommandAnalyzer.analyze(List.of("CMD-SHELL", "curl -f http://${HOST:-localhost}:${PORT:-80}/x"));
      assertNull(a.primaryProbe().host());
      assertNull(a.primaryProbe().port());
      assertEquals("/x", a.primaryProbe().path());
    }

    @Test
    void outOfRangePortIsNull() {
      CommandAnalysis a = exec("curl", "http://localhost:99999/");
      assertNull(a.primaryProbe().port());
      assertTrue(a.problems().get(0).contains("outside 1-65535"));
    }

    @Test
    void queryIsNotPartOfThePath() {
      assertEquals("/health", probe("curl", "http://localhost/health?full=1#x").path());
      assertEquals("/", probe("curl", "http://localhost?x=1").path());
    }
  }
}
