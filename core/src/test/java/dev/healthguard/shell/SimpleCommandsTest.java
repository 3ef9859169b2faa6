package dev.healthguard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The flat view RUN analysis reads: simple commands, their text span and whether they may not run. */
class SimpleCommandsTest {

  static String summary(String script) {
    StringBuilder out = new StringBuilder();
    for (SimpleCommands.Command c : SimpleCommands.of(script)) {
      out.append(c.conditional() ? "?" : "").append(String.join(" ", c.words())).append(" | ");
    }
    return out.toString();
  }

  @Test
  void branchesLoopBodiesCaseArmsAndAfterOrMayNotRun() {
    assertEquals("[ -f x ] | apk add a | ?apk add b | ?apk del c | ",
        summary("[ -f x ] && apk add a || apk add b | apk del c"));
    assertEquals("test x | ?apk add y | ?apk del z | ", summary("if test x; then apk add y; else apk del z; fi"));
    assertEquals("read l | ?echo $l | ?apk add $p | ", summary("while read l; do echo $l; done; for p in a b; do apk add $p; done"));
    assertEquals("?apk add curl | ?true | ", summary("case $(uname -m) in x86_64|amd64) apk add curl;; *) true;; esac"));
    assertEquals("cd /tmp | apk add a | ?true | apk add jq | ", summary("(cd /tmp && apk add a) || true; { apk add jq; }"));
  }

  @Test
  void wordsKeepQuotesAndAssignmentsButNotRedirections() {
    SimpleCommands.Command c = SimpleCommands.of("  DEBIAN_FRONTEND=noninteractive apt-get install -y 'curl' >/dev/null 2>&1").get(0);
    assertEquals(List.of("DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "'curl'"), c.words());
    assertEquals(2, c.start());
    assertEquals("DEBIAN_FRONTEND=noninteractive apt-get install -y 'curl' >/dev/null 2>&1".length() + 2, c.end());
    assertFalse(c.conditional());
  }

  @Test
  void heredocBodiesAreNotCommands() {
    assertEquals("cat | apk add jq | ", summary("cat <<EOF >/etc/motd\napk add curl\nEOF\napk add jq"));
  }

  @Test
  void syntaxErrorsNeverThrow() {
    assertEquals("apk add 'curl | ", summary("apk add 'curl"));
    assertTrue(SimpleCommands.of(")))((( ;; fi done").size() <= 3);
  }

  @Test
  void shellsReadingStdinAndDashCScripts() {
    assertTrue(Shells.readsStdin(List.of("bash", "-ex")));
    assertTrue(Shells.readsStdin(List.of("sh")));
    assertFalse(Shells.readsStdin(List.of("sh", "-c", "x")));
    assertFalse(Shells.readsStdin(List.of("sh", "script.sh")));
    assertFalse(Shells.readsStdin(List.of("apk", "add")));
    assertEquals("apk add curl", Shells.scriptOf(List.of("busybox", "sh", "-euc", "apk add curl")).script());
    assertNull(Shells.scriptOf(List.of("sh", "-c")).script());
  }

  @Test
  void wrappersRunTheirOperand() {
    assertEquals(List.of("apt-get", "install", "curl"), Wrappers.target("sudo", List.of("-E", "-u", "root", "apt-get", "install", "curl")));
    assertEquals(List.of("apk", "add", "x"), Wrappers.target("env", List.of("-i", "A=1", "apk", "add", "x")));
    assertNull(Wrappers.target("env", List.of("A=1")));
    assertTrue(Wrappers.isWrapper("eatmydata"));
    assertFalse(Wrappers.isWrapper("apk"));
  }
}
