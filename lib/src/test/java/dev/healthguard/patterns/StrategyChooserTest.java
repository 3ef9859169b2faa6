package dev.healthguard.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.command.Probe;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The choice of tool, from catalog profiles; no CDK app is built. */
class StrategyChooserTest {

  static final ImageProfiler PROFILER = new ImageProfiler(Catalog.builtIn());
  static final HealthEndpoint HTTP = HealthEndpoint.http(8080, "/healthz");
  static final HealthEndpoint TCP = HealthEndpoint.tcp(6379);

  static ImageProfile profile(String image) {
    return PROFILER.profile(new ImageRef.Registry(ImageName.parse(image)));
  }

  static Optional<StrategyChooser.ToolCheck> choose(String image, HealthEndpoint endpoint) {
    return StrategyChooser.choose(profile(image), endpoint, 5);
  }

  @Test
  void http_firstToolTheImageHas() {
    assertEquals("wget", choose("alpine:3.20", HTTP).orElseThrow().tool());
    assertEquals("python3", choose("python:3.12-slim", HTTP).orElseThrow().tool());
    assertEquals("curl", choose("python:3.12", HTTP).orElseThrow().tool());
    assertEquals("node", choose("node:20-slim", HTTP).orElseThrow().tool());
    assertEquals(Optional.empty(), choose("cgr.dev/chainguard/static:latest", HTTP));
  }

  @Test
  void http_commands() {
    assertEquals(List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"),
        choose("alpine:3.20", HTTP).orElseThrow().command());
    assertEquals(List.of("CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"),
        choose("python:3.12", HTTP).orElseThrow().command());
    assertEquals(List.of("CMD", "python3", "-c",
            "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=5)"),
        choose("python:3.12-slim", HTTP).orElseThrow().command());
  }

  @Test
  void reason_namesTheEvidence() {
    String reason = choose("alpine:3.20", HTTP).orElseThrow().reason();
    assertTrue(reason.startsWith("alpine:3.20 has no curl; uses busybox wget at /usr/bin/wget (certain: catalog 'alpine'"),
        reason);
    String none = StrategyChooser.whyNoTool(profile("cgr.dev/chainguard/static:latest"), HTTP);
    assertTrue(none.startsWith("cgr.dev/chainguard/static:latest has no shell and none of curl, wget, python3, node usable"
        + " for a HTTP check (catalog 'chainguard-static'"), none);
    String unknown = StrategyChooser.whyNoTool(profile("example.com/team/app:1"), HTTP);
    assertTrue(unknown.startsWith("example.com/team/app:1 is unknown (it is not in the catalog"), unknown);
  }

  @Test
  void tcp_busyboxNcIsNotTrustedWithMinusZ() {
    assertEquals(List.of("CMD", "bash", "-c", "</dev/tcp/127.0.0.1/6379"), choose("python:3.12-slim", TCP).orElseThrow().command());
    assertEquals(Optional.empty(), choose("alpine:3.20", TCP));
    assertTrue(StrategyChooser.whyNoTool(profile("alpine:3.20"), TCP).contains("its busybox nc may lack -z"));
    assertEquals("python3", choose("cgr.dev/chainguard/python:latest", TCP).orElseThrow().tool());
  }

  @Test
  void unknownImage_noTool() {
    assertEquals(Optional.empty(), choose("example.com/team/app:1", HTTP));
  }

  /** What the L3 writes, the analyser must read back as the same endpoint: AlbAlignment relies on it. */
  @Test
  void everyCommand_isReadBackAsTheEndpoint() {
    for (String tool : StrategyChooser.HTTP_TOOLS) {
      Probe probe = primary(StrategyChooser.command(tool, HTTP, 5));
      assertEquals(8080, probe.port(), tool);
      assertEquals("/healthz", probe.path(), tool);
      assertTrue(probe.targetsLocalhost(), tool);
    }
    for (String tool : StrategyChooser.TCP_TOOLS) {
      Probe probe = primary(StrategyChooser.command(tool, TCP, 5));
      assertEquals(6379, probe.port(), tool);
      assertTrue(probe.targetsLocalhost(), tool);
    }
  }

  static Probe primary(List<String> command) {
    CommandAnalysis analysis = CommandAnalyzer.analyze(command);
    assertEquals(List.of(), analysis.problems(), command.toString());
    assertTrue(!analysis.needsShell() || command.get(1).equals("bash"), command.toString());
    return analysis.primaryProbe();
  }
}
