package dev.healthguard.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommandAnalyzerTest {

  private static CommandAnalysis shell(String script) {
    return CommandAnalyzer.analyze(List.of("CMD-SHELL", script));
  }

  private static CommandAnalysis exec(String... argv) {
    List<String> command = new ArrayList<>(List.of("CMD"));
    command.addAll(Arrays.asList(argv));
    return CommandAnalyzer.analyze(command);
  }

  private static void assertProblem(CommandAnalysis a, String fragment) {
    assertTrue(a.problems().stream().anyMatch(p -> p.contains(fragment)),
        "a problem mentions '" + fragment + "': " + a.problems());
  }

  @Nested
  class GarbageInput {

    @Test
    void analyze_null_isInvalid() {
      CommandAnalysis a = CommandAnalyzer.analyze(null);
      assertEquals(CommandForm.INVALID, a.form());
      assertTrue(a.canFail());
      assertNull(a.cannotFailReason());
      assertProblem(a, "is null");
      assertEquals(List.of(), a.executables());
      assertFalse(a.needsShell());
    }

    @Test
    void analyze_emptyList_isInvalid() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of());
      assertEquals(CommandForm.INVALID, a.form());
      assertProblem(a, "is empty");
    }

    @Test
    void analyze_unknownType_isInvalid() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("FOO"));
      assertEquals(CommandForm.INVALID, a.form());
      assertProblem(a, "must be CMD or CMD-SHELL");
    }

    @Test
    void analyze_lowerCaseType_isInvalidBecauseDockerIsCaseSensitive() {
      assertProblem(CommandAnalyzer.analyze(List.of("cmd-shell", "true")), "case-sensitively");
    }

    @Test
    void analyze_cmdWithoutArgv_isInvalid() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("CMD"));
      assertEquals(CommandForm.INVALID, a.form());
      assertProblem(a, "no program to run");
    }

    @Test
    void analyze_cmdShellWithoutScript_isInvalid() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("CMD-SHELL"));
      assertEquals(CommandForm.INVALID, a.form());
      assertProblem(a, "no script");
    }

    @Test
    void analyze_blankProgram_isInvalid() {
      assertEquals(CommandForm.INVALID, exec("  ").form());
    }

    @Test
    void analyze_nullElement_isInvalid() {
      CommandAnalysis a = CommandAnalyzer.analyze(Arrays.asList("CMD", "curl", null));
      assertEquals(CommandForm.INVALID, a.form());
      assertProblem(a, "Element 2");
    }

    @Test
    void analyze_rawOneElementCommand_isInvalidAndSuggestsCmdShell() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("curl -f http://localhost/"));
      assertEquals(CommandForm.INVALID, a.form());
      assertProblem(a, "[\"CMD-SHELL\", \"curl -f http://localhost/\"]");
    }

    @Test
    void analyze_unterminatedQuote_continuesAndNeverClaimsCannotFail() {
      CommandAnalysis a = shell("curl -f 'http://localhost/ || true");
      assertEquals(CommandForm.CMD_SHELL, a.form());
      assertTrue(a.canFail(), "broken input never gives a cannot-fail verdict");
      assertEquals(List.of("curl"), a.executables());
      assertProblem(a, "Unterminated single quote");
    }

    @Test
    void analyze_syntaxError_keepsPlaceboVerdictOff() {
      CommandAnalysis a = shell("true; fi");
      assertTrue(a.canFail());
      assertProblem(a, "Unexpected `fi`");
    }

    @Test
    void analyze_hugeScript_isReportedNotAnalysed() {
      CommandAnalysis a = shell("true " + "x".repeat(ScriptWalker.MAX_SCRIPT_CHARS));
      assertTrue(a.canFail());
      assertProblem(a, "not analysed");
    }

    @Test
    void analyze_deeplyNestedScripts_stopAtTheLimit() {
      // Each eval runs its arguments as a nested script; sh -c nesting would need quotes that
      // grow fourfold per level.
      CommandAnalysis a = shell("eval ".repeat(40) + "true");
      assertTrue(a.canFail());
      assertProblem(a, "nested more than");
    }

    @Test
    void analyze_nestedShellsInCmdForm_areAnalysedThroughTheLevels() {
      CommandAnalysis a = exec("sh", "-c", "bash -c 'sh -c \"curl -f x || true\"'");
      assertEquals(List.of("sh", "bash", "curl"), a.executables());
      assertFalse(a.canFail());
    }

    @Test
    void analyze_deeplyNestedSubstitutions_doNotOverflowTheStack() {
      CommandAnalysis a = shell("echo " + "$(".repeat(20_000) + "x" + ")".repeat(20_000));
      assertTrue(a.canFail());
      assertProblem(a, "nested more than");
    }

    @Test
    void analyze_manySyntaxErrors_listAFewProblemsQuickly() {
      // GIVEN 60,000 stray parentheses, under the length limit: each is a syntax error
      String script = ")".repeat(60_000);

      // WHEN
      long start = System.nanoTime();
      CommandAnalysis a = shell(script);
      long millis = (System.nanoTime() - start) / 1_000_000;

      // THEN
      assertTrue(a.canFail());
      assertEquals(Walk.MAX_PROBLEMS + 1, a.problems().size(), a.problems().toString());
      assertProblem(a, "only the first");
      assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void analyze_manyUnclosedHereDocuments_listAFewProblems() {
      CommandAnalysis a = shell("cat " + "<<A ".repeat(30_000) + "\nbody");
      assertTrue(a.problems().size() <= Walk.MAX_PROBLEMS + 1);
    }

    @Test
    void analyze_binaryGarbage_neverThrows() {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < 256; c++) {
        sb.append((char) c);
      }
      String junk = sb.toString();
      CommandAnalyzer.analyze(List.of("CMD-SHELL", junk));
      CommandAnalyzer.analyze(List.of("CMD", junk, junk));
      CommandAnalyzer.analyze(List.of("CMD-SHELL", "'\"`$((${{(("));
      CommandAnalyzer.analyze(List.of("CMD-SHELL", ")))}}}fi done esac ;; && || |"));
    }

  }

  @Nested
  class Forms {

    @Test
    void none_cannotFailAndNeedsNothing() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("NONE"));
      assertEquals(CommandForm.NONE, a.form());
      assertFalse(a.canFail());
      assertFalse(a.needsShell());
      assertEquals(List.of(), a.executables());
    }

    @Test
    void cmdShell_needsBinShAndKeepsTheScript() {
      CommandAnalysis a = shell("curl -f http://localhost/ || exit 1");
      assertEquals("curl -f http://localhost/ || exit 1", a.script());
      assertEquals("/bin/sh", a.requiredShell());
      assertTrue(a.needsShell());
    }

    @Test
    void cmd_hasNoBuiltins() {
      CommandAnalysis a = exec("exit", "0");
      assertEquals(List.of("exit"), a.executables(), "exec form looks `exit` up on PATH");
      assertTrue(a.canFail());
      assertFalse(a.invocations().get(0).builtin());
      assertFalse(a.invocations().get(0).viaShell());
    }

    @Test
    void cmd_shellWithDashC_needsThatShellAndAnalysesTheScript() {
      CommandAnalysis a = exec("/bin/bash", "-ec", "curl -fs http://localhost:8080/ | grep ok");
      assertEquals("/bin/bash", a.requiredShell());
      assertEquals(List.of("/bin/bash", "curl", "grep"), a.executables());
      assertTrue(a.invocations().get(1).viaShell());
    }

    @Test
    void cmd_shellRunningAFile_doesNotCountAsNeedingAShellScript() {
      CommandAnalysis a = exec("sh", "/healthcheck.sh");
      assertFalse(a.needsShell());
      assertEquals(List.of("sh"), a.executables());
    }

    @Test
    void cmd_busyboxShell() {
      CommandAnalysis a = exec("busybox", "sh", "-c", "wget -q -O- http://localhost/");
      assertEquals("busybox", a.requiredShell());
      assertEquals(List.of("busybox", "wget"), a.executables());
    }

    @Test
    void cmd_shellDashCWithoutScript_fails() {
      CommandAnalysis a = exec("sh", "-c");
      assertTrue(a.canFail());
      assertProblem(a, "has no script");
    }

    @Test
    void cmd_variablesAreNotExpanded() {
      assertProblem(exec("curl", "http://localhost:$PORT/"), "no variable");
      assertProblem(exec("pg_isready", "-U", "${POSTGRES_USER}"), "no variable");
      assertEquals(List.of(), exec("grep", "-q", "ok$", "/tmp/status").problems());
    }

    @Test
    void cmdShell_extraElementsBecomePositionalParameters() {
      CommandAnalysis a = CommandAnalyzer.analyze(List.of("CMD-SHELL", "curl -f x", "ignored"));
      assertProblem(a, "become $0");
      assertEquals("curl -f x", a.script());
    }

    @Test
    void cmdShell_emptyScriptCannotFail() {
      CommandAnalysis a = shell("");
      assertFalse(a.canFail());
      assertProblem(a, "empty");
    }

    @Test
    void cmdShell_carriageReturnsAreReported() {
      assertProblem(shell("curl -f x || exit 1\r\n"), "carriage returns");
    }
  }

  @Nested
  class Invocations {

    @Test
    void builtinsAreMarkedAndLeftOutOfExecutables() {
      CommandAnalysis a = shell("cd /app && test -f ready && echo ok && printf x && kill -0 1 && wait");
      assertEquals(List.of(), a.executables());
      assertTrue(a.invocations().stream().allMatch(Invocation::builtin));
    }

    @Test
    void pathQualifiedNamesAreNeverBuiltins() {
      CommandAnalysis a = shell("/bin/echo ok");
      assertEquals(List.of("/bin/echo"), a.executables());
    }

    @Test
    void execTargetIsTheRealInvocation() {
      CommandAnalysis a = shell("exec curl -f http://localhost:8080/");
      assertEquals(List.of("curl"), a.executables());
      assertTrue(a.invocations().get(0).builtin());
      assertEquals("curl", a.primaryProbe().tool());
    }

    @Test
    void execEchoRunsTheEchoProgram() {
      assertEquals(List.of("echo"), shell("exec echo ok").executables());
    }

    @Test
    void commandDashVOnlyLooksUp() {
      CommandAnalysis a = shell("command -v curl && curl -f x");
      assertEquals(List.of("curl"), a.executables());
      assertEquals(3 - 1, a.invocations().size());
    }

    @Test
    void commandRunsItsTarget() {
      assertEquals(List.of("wget"), shell("command wget -q x").executables());
    }

    @Test
    void wrappersAndTheirTargetsAreBothNeeded() {
      assertEquals(List.of("timeout", "curl"), shell("timeout -s KILL 5 curl -f x").executables());
      assertEquals(List.of("env", "curl"), shell("env -i X=1 Y=2 curl -f x").executables());
      assertEquals(List.of("timeout", "wget"), exec("timeout", "3", "wget", "-q", "x").executables());
      assertEquals(List.of("nice", "nohup", "curl"), shell("nice -n 5 nohup curl x").executables());
      assertEquals(List.of("timeout", "echo"), shell("timeout 5 echo").executables(),
          "a wrapped echo is the program, not the builtin");
    }

    @Test
    void leadingAssignmentsAreNotCommands() {
      CommandAnalysis a = shell("FOO=bar HTTP_PROXY= curl -f x");
      assertEquals(List.of("curl"), a.executables());
      assertEquals(List.of("-f", "x"), a.invocations().get(0).args());
    }

    @Test
    void redirectionsAreNotArguments() {
      CommandAnalysis a = shell("curl -f x >/dev/null 2>&1 </dev/null");
      assertEquals(List.of("-f", "x"), a.invocations().get(0).args());
    }

    @Test
    void commandSubstitutionsAreCollected() {
      CommandAnalysis a = shell("curl -f http://localhost:$(cat /port)/ -H \"X: `hostname`\"");
      assertEquals(List.of("curl", "cat", "hostname"), a.executables());
    }

    @Test
    void substitutionsInAssignmentsAreCollected() {
      CommandAnalysis a = shell("PORT=$(cat /etc/port); wget -q http://localhost:$PORT/");
      assertEquals(List.of("cat", "wget"), a.executables());
    }

    @Test
    void nestedShellScriptsInAScriptAreAnalysed() {
      CommandAnalysis a = shell("bash -c 'curl -f x | jq .status' || exit 1");
      assertEquals(List.of("bash", "curl", "jq"), a.executables());
    }

    @Test
    void evalRunsItsArguments() {
      assertEquals(List.of("curl"), shell("eval curl -f x").executables());
    }

    @Test
    void dynamicCommandNamesAreNotExecutables() {
      CommandAnalysis a = shell("$CURL -f x; $(which wget) -q y");
      assertEquals(List.of("which"), a.executables());
      assertTrue(a.invocations().get(0).isDynamic());
    }

    @Test
    void functionsAreNotExecutables() {
      CommandAnalysis a = shell("check() { curl -f x; }; check");
      assertEquals(List.of("curl"), a.executables());
    }

    @Test
    void compoundCommandsAreWalked() {
      CommandAnalysis a = shell(
          "if [ -x /usr/bin/curl ]; then curl -f x; else wget -q y; fi;"
              + " for i in 1 2; do nc -z h $i; done; case $(id -u) in 0) true;; esac");
      assertEquals(List.of("curl", "wget", "nc", "id"), a.executables());
    }

    @Test
    void busyboxAppletsAreProbesButNotExecutables() {
      CommandAnalysis a = exec("/bin/busybox", "wget", "-q", "--spider", "http://localhost:8080/");
      assertEquals(List.of("/bin/busybox"), a.executables());
      assertEquals("wget", a.primaryProbe().tool());
      assertEquals(8080, a.primaryProbe().port());
    }

    @Test
    void doubleBracketIsNoted() {
      CommandAnalysis a = shell("[[ -f /ready ]]");
      assertEquals(List.of(), a.executables());
      assertProblem(a, "`[[` is not POSIX");
      assertTrue(exec("bash", "-c", "[[ -f /ready ]]").problems().isEmpty());
    }
  }

  @Nested
  class CanFail {

    private void assertCannotFail(CommandAnalysis a, String reasonFragment) {
      assertFalse(a.canFail(), "cannot fail: " + a.script());
      assertTrue(a.cannotFailReason().contains(reasonFragment),
          "reason mentions '" + reasonFragment + "': " + a.cannotFailReason());
    }

    private void assertCanFail(CommandAnalysis a) {
      assertTrue(a.canFail(), "can fail, but: " + a.cannotFailReason());
      assertNull(a.cannotFailReason());
    }

    @Test
    void placebos() {
      assertCannotFail(shell("true"), "`true` always exits 0");
      assertCannotFail(shell(":"), "`:` always exits 0");
      assertCannotFail(shell("exit 0"), "`exit 0`");
      assertCannotFail(shell("echo healthy"), "`echo` always exits 0");
      assertCannotFail(shell("curl -f x || true"), "`|| true` makes the check succeed whatever curl returns");
      assertCannotFail(shell("curl -f x || exit 0"), "`|| exit 0`");
      assertCannotFail(shell("curl -f x || :"), "`|| :`");
      assertCannotFail(shell("curl -f x; exit 0"), "whatever curl returns");
      assertCannotFail(shell("curl -f x || echo failed"), "`echo` always exits 0");
      assertCannotFail(shell("curl -f x | cat"), "last command, `cat`");
      assertCannotFail(shell("curl -f x | tee /dev/null"), "`tee");
      assertCannotFail(shell("curl -f x | true"), "last command");
      assertCannotFail(exec("true"), "`true`");
      assertCannotFail(exec("/usr/bin/true"), "`true`");
      assertCannotFail(exec("echo", "ok"), "`echo`");
      assertCannotFail(exec("sh", "-c", "curl x || true"), "`sh -c` script cannot fail");
    }

    @Test
    void realChecks() {
      assertCanFail(shell("curl -f x || exit 1"));
      assertCanFail(shell("curl -f x && echo ok"));
      assertCanFail(shell("true && curl -f x"));
      assertCanFail(shell("curl -s x | grep ok"));
      assertCanFail(shell("exit 1"));
      assertCanFail(shell("false"));
      assertCanFail(shell("curl -f x || exit"));
      assertCanFail(shell("cat /tmp/healthy"));
      assertCanFail(exec("curl", "-f", "x"));
      assertCanFail(exec("timeout", "5", "true"));
      assertCanFail(exec("sh", "-c", "curl -f x"));
    }

    @Test
    void exitStatusesAreModulo256() {
      assertCannotFail(shell("exit 256"), "modulo 256");
      assertCanFail(shell("exit 257"));
      assertCanFail(shell("exit $CODE"));
      assertCanFail(shell("exit abc"));
    }

    @Test
    void exitWithoutArgumentRepeatsTheLastStatus() {
      assertCannotFail(shell("true; exit"), "repeats the last status");
      assertCanFail(shell("curl -f x; exit"));
    }

    @Test
    void negation() {
      assertCannotFail(shell("! false"), "`!`");
      assertCanFail(shell("! curl -f x"));
    }

    @Test
    void background() {
      assertCannotFail(shell("curl -f x &"), "background");
      assertCanFail(shell("curl -f x & wait $!"));
    }

    @Test
    void setErrexitMakesEarlierFailuresCount() {
      assertCanFail(shell("set -e; curl -f x; exit 0"));
      assertCannotFail(shell("set -e; curl -f x || true; exit 0"), "`exit 0`");
      assertCanFail(exec("sh", "-ec", "curl -f x; exit 0"));
    }

    @Test
    void pipefailMakesEarlierPipelineCommandsCount() {
      assertCanFail(exec("bash", "-o", "pipefail", "-c", "curl -f x | cat"));
      assertCanFail(exec("bash", "-c", "set -o pipefail; curl -f x | cat"));
      assertCanFail(shell("set -euo pipefail; curl -f x | cat"));
    }

    @Test
    void ifStatements() {
      assertCannotFail(shell("if curl -f x; then echo up; else echo down; fi"), "every path");
      assertCannotFail(shell("if curl -f x; then exit 0; fi"), "every path");
      assertCanFail(shell("if curl -f x; then exit 0; else exit 1; fi"));
      assertCanFail(shell("if ! curl -f x; then exit 1; fi"));
    }

    @Test
    void caseStatements() {
      assertCanFail(shell("case $(curl -s x) in ok) exit 0;; *) exit 1;; esac"));
      assertCannotFail(shell("case $X in a) true;; esac"), "every branch");
    }

    @Test
    void loopsAreConservative() {
      assertCanFail(shell("for i in 1 2 3; do curl -f x && exit 0; sleep 1; done; exit 1"));
      assertCanFail(shell("while true; do true; done"));
    }

    @Test
    void subshellExitDoesNotEndTheScript() {
      assertCanFail(shell("(exit 0); curl -f x"));
      assertCannotFail(shell("(curl -f x || exit 0)"), "`|| exit 0`");
      assertCannotFail(shell("{ curl -f x; exit 0; }"), "`exit 0`");
    }

    @Test
    void redirectionsToFilesMayFail() {
      assertCanFail(shell("echo ok > /tmp/health"));
      assertCannotFail(shell("echo ok > /dev/null 2>&1"), "`echo`");
    }

    @Test
    void execPassesTheStatusOn() {
      assertCannotFail(shell("exec true"), "`true`");
      assertCanFail(shell("exec curl -f x"));
      assertCanFail(shell("exec curl -f x; false"));
    }

    @Test
    void assignmentsTakeTheSubstitutionStatus() {
      assertCannotFail(shell("X=1"), "assignment");
      assertCanFail(shell("X=$(curl -f x)"));
    }
  }
}
