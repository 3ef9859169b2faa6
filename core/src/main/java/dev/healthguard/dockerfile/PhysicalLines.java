package dev.healthguard.dockerfile;

/**
 * The physical lines of a Dockerfile, each with its line ending kept, because heredoc bodies are
 * raw lines and keep theirs (BuildKit parser.go {@code scanLines}). The last line may lack one.
 */
final class PhysicalLines {
  private final String text;
  private int pos;
  private int number;

  PhysicalLines(String text) {
    this.text = text;
  }

  /** The next line with its terminator, or null at the end. */
  String next() {
    if (pos >= text.length()) {
      return null;
    }
    int nl = text.indexOf('\n', pos);
    int end = nl < 0 ? text.length() : nl + 1;
    String line = text.substring(pos, end);
    pos = end;
    number++;
    return line;
  }

  /** The 1-based number of the line last returned by {@link #next()}; 0 before the first. */
  int number() {
    return number;
  }

  /** Go {@code bytes.TrimRight(line, "\r\n")}. */
  static String trimNewline(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }

  /** A comment line: {@code #} is its first non-blank character. */
  static boolean isComment(String line) {
    return GoText.trimLeftSpace(trimNewline(line)).startsWith("#");
  }
}
