package dev.healthguard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExcerptTest {

  @Test
  void quoteEscapesAndCutsAfterTwoHundredCharacters() {
    assertEquals("\"a\\\"b\\\\c\\n\\u001b\"", Excerpt.quote("a\"b\\c\n\u001b"));
    assertEquals("\"" + "x".repeat(200) + "… (800 more characters)\"", Excerpt.quote("x".repeat(1000)));
  }

  @Test
  void inlineKeepsQuotesAndEscapesOnlyWhatIsInvisible() {
    assertEquals("RUN echo \"hi\" \\ ok", Excerpt.inline("RUN echo \"hi\" \\ ok"));
    assertEquals("a\\u202eb\\u001b[31m\\n", Excerpt.inline("a\u202eb\u001b[31m\n"));
    assertEquals("abc… (2 more characters)", Excerpt.inline("abcde", 3));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String faces = "\uD83D\uDE00".repeat(3);

    assertEquals("\uD83D\uDE00\uD83D\uDE00… (1 more characters)", Excerpt.inline(faces, 2));
    assertEquals(4, Excerpt.cutIndex(faces, 2));
  }
}
