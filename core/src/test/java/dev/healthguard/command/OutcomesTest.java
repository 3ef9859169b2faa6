package dev.healthguard.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutcomesTest {

  private static final Outcomes EXIT_OK = new Outcomes(Outcomes.EXIT_OK);
  private static final Outcomes EXIT_FAIL = new Outcomes(Outcomes.EXIT_FAIL);

  @Test
  void canFail_countsContinuingAndExitingFailures() {
    assertFalse(Outcomes.SUCCEEDS.canFail());
    assertFalse(EXIT_OK.canFail());
    assertTrue(Outcomes.FAILS.canFail());
    assertTrue(EXIT_FAIL.canFail());
  }

  @Test
  void inChild_turnsExitsIntoStatuses() {
    assertEquals(Outcomes.MAYBE, EXIT_OK.union(EXIT_FAIL).inChild());
  }

  @Test
  void asExit_turnsStatusesIntoExits() {
    assertEquals(EXIT_OK.union(EXIT_FAIL), Outcomes.MAYBE.asExit());
  }

  @Test
  void negated_swapsOnlyContinuingStatuses() {
    assertEquals(Outcomes.FAILS.union(EXIT_OK), Outcomes.SUCCEEDS.union(EXIT_OK).negated());
  }

  @Test
  void errexit_makesFailuresEndTheShell() {
    assertEquals(Outcomes.SUCCEEDS.union(EXIT_FAIL), Outcomes.MAYBE.errexit());
    assertEquals(Outcomes.SUCCEEDS, Outcomes.SUCCEEDS.errexit());
  }

  @Test
  void continuingAndExits_split() {
    Outcomes all = Outcomes.ANYTHING;
    assertEquals(Outcomes.MAYBE, all.continuing());
    assertEquals(EXIT_OK.union(EXIT_FAIL), all.exits());
  }
}
