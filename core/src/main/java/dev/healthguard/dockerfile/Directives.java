package dev.healthguard.dockerfile;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser directives ({@code # escape=`}, {@code # syntax=…}, {@code # check=…}) and the escape
 * token they control, which is parse state: it decides both line continuation and in-word
 * escaping (BuildKit parser/directives.go, parser.go {@code setEscapeToken}).
 */
final class Directives {
  // Go's \s is ASCII [\t\n\f\r ]; Java's \s would add \x0B, hence the explicit class.
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "(?s)^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*\\z");
  private static final Set<String> KNOWN = Set.of("escape", "syntax", "check");

  private final Set<String> seen = new HashSet<>();
  private boolean done;
  private char escapeToken = '\\';
  private Pattern continuation = continuationPattern('\\');

  char escapeToken() {
    return escapeToken;
  }

  /**
   * Looks at one line while directives are still possible. Directives are only recognised in
   * the leading run of {@code # key=value} lines; the first line of any other shape (an
   * ordinary comment, a blank line, an instruction) or with an unknown key ends that run.
   *
   * @return an error message, or null
   */
  String consider(String line) {
    if (done) {
      return null;
    }
    Matcher m = DIRECTIVE.matcher(line);
    if (!m.matches()) {
      done = true;
      return null;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!KNOWN.contains(key)) {
      done = true;
      return null;
    }
    if (!seen.add(key)) {
      return "only one " + key + " parser directive can be used";
    }
    if (key.equals("escape")) {
      String value = m.group(2);
      if (!value.equals("`") && !value.equals("\\")) {
        return "invalid escape token '" + value + "' does not match ` or \\";
      }
      escapeToken = value.charAt(0);
      continuation = continuationPattern(escapeToken);
    }
    return null;
  }

  /** A line with its continuation marker removed, and whether the instruction ends there. */
  record Trimmed(String text, boolean endsInstruction) {}

  /**
   * The escape token as the last non-blank character continues the line, unless the token is
   * itself escaped ({@code foo \\} ends the line; BuildKit's fix for docker/for-win#5254). A line
   * that is only the token continues too.
   */
  Trimmed trimContinuation(String line) {
    Matcher m = continuation.matcher(line);
    if (m.find()) {
      String kept = m.group(1) == null ? "" : m.group(1);
      return new Trimmed(line.substring(0, m.start()) + kept, false);
    }
    return new Trimmed(line, true);
  }

  private static Pattern continuationPattern(char token) {
    String t = Pattern.quote(String.valueOf(token));
    return Pattern.compile("([^" + (token == '\\' ? "\\\\" : "`") + "])" + t + "[ \\t]*\\z|^" + t + "[ \\t]*\\z");
  }
}
