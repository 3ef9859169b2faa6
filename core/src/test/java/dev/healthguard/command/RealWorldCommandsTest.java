package dev.healthguard.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every row of {@code command/real-world.tsv}: real health-check commands with the form,
 * executables, shell need, exit-status verdict and probe the analyser must report (a text table,
 * like buildkit's {@code shell/envVarTest}).
 */
class RealWorldCommandsTest {

  private static final String TABLE = "/command/real-world.tsv";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Row(
      int line,
      String id,
      List<String> command,
      String form,
      boolean needsShell,
      List<String> executables,
      boolean canFail,
      String probes,
      String problem,
      String source) {
    @Override
    public String toString() {
      return id;
    }
  }

  static Stream<Arguments> rows() throws IOException {
    return readRows().stream().map(r -> Arguments.of(r));
  }

  static List<Row> readRows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = RealWorldCommandsTest.class.getResourceAsStream(TABLE)) {
      assertNotNull(in, TABLE + " is on the test class path");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        assertEquals(9, f.length, "line " + number + " has 9 tab-separated columns");
        rows.add(new Row(
            number,
            f[0],
            JSON.readValue(f[1], new TypeReference<List<String>>() {}),
            f[2],
            Boolean.parseBoolean(f[3]),
            f[4].equals("-") ? List.of() : Arrays.asList(f[4].split(",")),
            Boolean.parseBoolean(f[5]),
            f[6],
            f[7],
            f[8]));
      }
    }
    return rows;
  }

  @Test
  void table_hasAtLeastFortyRowsWithDistinctIds() throws IOException {
    List<Row> rows = readRows();
    assertTrue(rows.size() >= 40, "rows: " + rows.size());
    assertEquals(rows.size(), rows.stream().map(Row::id).distinct().count(), "ids are unique");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void analyze_matchesTable(Row row) {
    // GIVEN
    String where = row.id() + " (line " + row.line() + ", " + row.source() + ")";

    // WHEN
    CommandAnalysis a = CommandAnalyzer.analyze(row.command());

    // THEN
    assertEquals(CommandForm.valueOf(row.form()), a.form(), where + ": form");
    assertEquals(row.needsShell(), a.needsShell(), where + ": needsShell");
    assertEquals(row.executables(), a.executables(), where + ": executables");
    assertEquals(row.canFail(), a.canFail(), where + ": canFail, reason " + a.cannotFailReason());
    if (a.canFail()) {
      assertNull(a.cannotFailReason(), where + ": no reason when the check can fail");
    } else {
      assertNotNull(a.cannotFailReason(), where + ": a reason when the check cannot fail");
    }
    assertEquals(row.probes(), describe(a.probes()), where + ": probes");
    if (row.problem().equals("-")) {
      assertEquals(List.of(), a.problems(), where + ": problems");
    } else {
      assertTrue(a.problems().stream().anyMatch(p -> p.contains(row.problem())),
          where + ": a problem mentions '" + row.problem() + "' in " + a.problems());
    }
  }

  /** The table's probe notation: tool|host|port|path|failsOnHttpError, '-' for null. */
  static String describe(List<Probe> probes) {
    if (probes.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (Probe p : probes) {
      parts.add(String.join("|", dash(p.tool()), dash(p.host()), dash(p.port()), dash(p.path()),
          dash(p.failsOnHttpError())));
    }
    return String.join(";", parts);
  }

  private static String dash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
