package dev.healthguard.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionScannerTest {

  @Test
  void scan_combinedFlagsAndValues() {
    OptionScanner.Scan s = OptionScanner.scan(
        List.of("-fsSo", "/dev/null", "-w%{http_code}", "--max-time", "2", "--tries=1", "url"),
        "ow", Set.of("max-time"), false);
    assertTrue(s.has("f", "s", "S"));
    assertEquals("/dev/null", s.value("o"));
    assertEquals("%{http_code}", s.value("w"));
    assertEquals("2", s.value("max-time"));
    assertEquals("1", s.value("tries"));
    assertEquals(List.of("url"), s.operands());
  }

  @Test
  void scan_doubleDashEndsOptions() {
    OptionScanner.Scan s = OptionScanner.scan(List.of("-a", "--", "-b", "c"), "", Set.of(), false);
    assertEquals(List.of("-b", "c"), s.operands());
  }

  @Test
  void scan_stopAtFirstOperandKeepsTheWrappedCommandWhole() {
    OptionScanner.Scan s = OptionScanner.scan(List.of("-s", "KILL", "5", "curl", "-f", "x"), "s", Set.of(), true);
    assertEquals("KILL", s.value("s"));
    assertEquals(List.of("5", "curl", "-f", "x"), s.operands());
  }

  @Test
  void scan_missingValueIsNull() {
    assertNull(OptionScanner.scan(List.of("-o"), "o", Set.of(), false).value("o"));
    assertNull(OptionScanner.scan(List.of("--url"), "", Set.of("url"), false).value("url"));
  }

  @Test
  void scan_loneDashIsAnOperand() {
    assertEquals(List.of("-"), OptionScanner.scan(List.of("-"), "", Set.of(), false).operands());
  }
}
