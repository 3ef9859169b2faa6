package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ARG/ENV/LABEL arguments into words at unquoted blanks, keeping quotes and escape
 * tokens in the words: expansion happens later (BuildKit parser/line_parsers.go
 * {@code parseWords}). Inside single quotes the escape token is an ordinary character.
 */
final class QuotedWords {
  private QuotedWords() {}

  private enum Phase { SPACES, WORD, QUOTE }

  static List<String> split(String rest, char escapeToken) {
    List<String> words = new ArrayList<>();
    Phase phase = Phase.SPACES;
    StringBuilder word = new StringBuilder();
    boolean blankOk = false;
    int quote = 0;
    int n = rest.length();
    int pos = 0;
    while (true) {
      boolean atEnd = pos >= n;
      int ch = atEnd ? -1 : rest.codePointAt(pos);
      int width = atEnd ? 0 : Character.charCount(ch);
      if (phase == Phase.SPACES) {
        if (atEnd) {
          break;
        }
        if (GoText.isSpace(ch)) {
          pos += width;
          continue;
        }
        phase = Phase.WORD;
      }
      if (atEnd) {
        if (blankOk || word.length() > 0) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == Phase.WORD) {
        if (GoText.isSpace(ch)) {
          phase = Phase.SPACES;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          pos += width;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = Phase.QUOTE;
        }
        if (ch == escapeToken) {
          if (pos + width == n) {
            pos += width;
            continue; // a lone escape token at the end is dropped
          }
          // Unquoted, the token and the character it escapes both stay, even a quote.
          word.appendCodePoint(ch);
          pos += width;
          ch = rest.codePointAt(pos);
          width = Character.charCount(ch);
        }
        word.appendCodePoint(ch);
        pos += width;
        continue;
      }
      // Phase.QUOTE
      if (ch == quote) {
        phase = Phase.WORD;
      }
      if (ch == escapeToken && quote != '\'') {
        if (pos + width == n) {
          phase = Phase.WORD;
          pos += width;
          continue;
        }
        word.appendCodePoint(ch);
        pos += width;
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      word.appendCodePoint(ch);
      pos += width;
    }
    return words;
  }
}
