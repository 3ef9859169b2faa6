package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A joined instruction line split into keyword, leading {@code --flags} and the rest (BuildKit
 * parser/split_command.go).
 *
 * @param keyword the first word as written
 * @param flags the leading {@code --name[=value]} words, quotes removed and escapes applied
 * @param rest the remaining text, trimmed
 */
record InstructionLine(String keyword, List<String> flags, String rest) {

  /** BuildKit's {@code reWhitespace}: deliberately ASCII only and without newline. */
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

  static InstructionLine split(String line) {
    String trimmed = GoText.trimSpace(line);
    Matcher m = WHITESPACE.matcher(trimmed);
    if (!m.find()) {
      return new InstructionLine(trimmed, List.of(), "");
    }
    List<String> flags = new ArrayList<>();
    String rest = extractFlags(trimmed.substring(m.end()), flags);
    return new InstructionLine(trimmed.substring(0, m.start()), flags, GoText.trimSpace(rest));
  }

  private enum Phase { SPACES, WORD, QUOTE }

  /**
   * Collects words while they start with {@code --}; a bare {@code --} ends the flags and is
   * dropped. The backslash escapes here whatever the escape directive says, as in BuildKit.
   *
   * @return the text from the first non-flag word on
   */
  private static String extractFlags(String line, List<String> flags) {
    Phase phase = Phase.SPACES;
    StringBuilder word = new StringBuilder();
    boolean blankOk = false;
    char quote = 0;
    int n = line.length();
    for (int pos = 0; pos <= n; pos++) {
      char ch = pos < n ? line.charAt(pos) : 0;
      if (phase == Phase.SPACES) {
        if (pos == n) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        phase = Phase.WORD;
      }
      if (pos == n) {
        if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
          flags.add(word.toString());
        }
        break;
      }
      if (phase == Phase.WORD) {
        if (GoText.isSpace(ch)) {
          phase = Phase.SPACES;
          if (word.toString().equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || word.length() > 0) {
            flags.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = Phase.QUOTE;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == n) {
            continue;
          }
          ch = line.charAt(++pos);
        }
        word.append(ch);
        continue;
      }
      // Phase.QUOTE
      if (ch == quote) {
        phase = Phase.WORD;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == n) {
          phase = Phase.WORD;
          continue;
        }
        ch = line.charAt(++pos);
      }
      word.append(ch);
    }
    return "";
  }
}
