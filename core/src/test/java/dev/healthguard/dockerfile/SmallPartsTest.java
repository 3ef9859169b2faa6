package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Go durations, Go quoting and COPY destination paths. */
class SmallPartsTest {

  @Test
  void goDurationsParseLikeTimeParseDuration() {
    assertEquals(30_000_000_000L, GoDuration.parseNanos("30s"));
    assertEquals(90_000_000_000L, GoDuration.parseNanos("1m30s"));
    assertEquals(500_000_000L, GoDuration.parseNanos("500ms"));
    assertEquals(5_400_000_000_000L, GoDuration.parseNanos("1.5h"));
    assertEquals(1_500L, GoDuration.parseNanos("1.5µs"));
    assertEquals(0L, GoDuration.parseNanos("0"));
    assertEquals(-2_000_000_000L, GoDuration.parseNanos("-2s"));
    assertEquals(500_000_000L, GoDuration.parseNanos(".5s"));
    for (String bad : List.of("", "s", "30", "1d", "1..5s", "+", "1s2")) {
      assertThrows(SyntaxProblem.class, () -> GoDuration.parseNanos(bad), bad);
    }
  }

  @Test
  void durationsRoundUpToWholeSeconds() {
    assertEquals(1, GoDuration.ceilSeconds(500_000_000L));
    assertEquals(90, GoDuration.ceilSeconds(90_000_000_000L));
    assertEquals(91, GoDuration.ceilSeconds(90_000_000_001L));
  }

  @Test
  void goQuoteEscapesLikeStrconvQuote() {
    assertEquals("\"a\\\"b\\\\c\"", GoText.quote("a\"b\\c"));
    assertEquals("\"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f\"", GoText.quote("\u0007\b\f\n\r\t\u000b\u0000\u007f"));
    assertEquals("\"♥ \\u00a0\\u0085 😀\"", GoText.quote("♥ \u00a0\u0085 😀"));
    assertEquals("\"\\U000e0001\"", GoText.quote(new String(Character.toChars(0xE0001))));
    assertEquals("[\"--a=1\" \"b c\"]", GoText.quoteList(List.of("--a=1", "b c")));
  }

  private static List<String> paths(List<String> sources, String dest, String workdir) {
    return CopyPaths.of(sources, dest, workdir, false, Set.of(workdir));
  }

  @Test
  void aSingleFileToAFileDestinationIsThatPath() {
    assertEquals(List.of("/server"), paths(List.of("/out/server"), "/server", "/"));
    assertEquals(List.of("/app/bin/app.jar"), paths(List.of("target/app.jar"), "bin/app.jar", "/app"));
  }

  @Test
  void aFileToADirectoryKeepsItsName() {
    assertEquals(List.of("/usr/local/bin/app"), paths(List.of("build/app"), "/usr/local/bin/", "/"));
    assertEquals(List.of("/usr/local/bin/app"), paths(List.of("build/app"), "/usr/local/bin", "/"));
    assertEquals(List.of("/app/app.jar"), paths(List.of("app.jar"), ".", "/app"));
    assertEquals(List.of("/app/app.jar"), paths(List.of("app.jar"), "/app", "/app"));
  }

  @Test
  void directoryLikeSourcesListTheDestinationDirectory() {
    assertEquals(List.of("/app/"), paths(List.of("."), ".", "/app"));
    assertEquals(List.of("/srv/"), paths(List.of("dist/"), "/srv", "/"));
    assertEquals(List.of("/srv/"), paths(List.of("dist/."), "/srv/", "/"));
    assertEquals(List.of("/libs/"), paths(List.of("*.jar"), "/libs/", "/"));
    assertEquals(List.of("/app.jar"), paths(List.of("target/*.jar"), "/app.jar", "/"));
  }

  @Test
  void severalSourcesMakeTheDestinationADirectory() {
    assertEquals(List.of("/opt/a.sh", "/opt/b.sh"), paths(List.of("a.sh", "b.sh"), "/opt/", "/"));
    assertEquals(List.of("/etc/app/a.conf", "/etc/app/"), paths(List.of("a.conf", "conf.d/"), "/etc/app", "/"));
  }

  @Test
  void addUnpacksLocalArchivesButNotUrls() {
    assertEquals(List.of("/opt/"), CopyPaths.of(List.of("jdk.tar.gz"), "/opt/", "/", true, Set.of()));
    assertEquals(List.of("/tmp/nagios.tar.gz"), CopyPaths.of(
        List.of("https://example.com/nagios.tar.gz?r=1"), "/tmp/", "/", true, Set.of()));
  }

  @Test
  void pathsAreCleaned() {
    assertEquals("/a/c", CopyPaths.clean("/a/./b/../c/"));
    assertEquals("/", CopyPaths.clean("/.."));
  }

  @Test
  void sourceTextIsOneLineOfAtMost120Characters() {
    String shortened = SourceText.shorten("RUN apt-get install -y \t\tcurl " + "x".repeat(200));

    assertEquals(120, shortened.length());
    assertEquals("RUN apt-get install -y curl xxx", shortened.substring(0, 31));
    assertEquals('…', shortened.charAt(119));
  }
}
