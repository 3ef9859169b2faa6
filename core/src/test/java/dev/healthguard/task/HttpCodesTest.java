package dev.healthguard.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpCodesTest {

  @Test
  void parse_singleListAndRange() {
    assertTrue(HttpCodes.parse("200").contains(200));
    assertFalse(HttpCodes.parse("200").contains(204));
    HttpCodes list = HttpCodes.parse("200,202");
    assertTrue(list.contains(202));
    assertFalse(list.contains(201));
    HttpCodes range = HttpCodes.parse("200-299");
    assertEquals(200, range.min());
    assertEquals(299, range.max());
    assertFalse(range.acceptsErrors());
    assertTrue(HttpCodes.parse("200-499").acceptsErrors());
    assertTrue(HttpCodes.parse("200, 404").contains(404));
  }

  @Test
  void parse_rejectsGarbageNamingTheText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpCodes.parse("2xx"));
    assertTrue(e.getMessage().contains("got: '2xx'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HttpCodes.parse("299-200"));
    assertThrows(IllegalArgumentException.class, () -> HttpCodes.parse(""));
    assertThrows(IllegalArgumentException.class, () -> HttpCodes.parse("200,"));
  }
}
