package dev.healthguard;

/**
 * A failure's cause in one short line, for HG000. An exception that crossed from node carries the
 * JavaScript stack in its message ({@code "Error: …\n    at Kernel._Kernel_get …"}), and a finding
 * shows no stack trace and echoes no input at length (issue 10).
 */
final class Causes {

  /** The most a cause may take in a message. */
  static final int MAX_LENGTH = 200;

  private Causes() {}

  static String brief(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable cause = failure.getCause(); (message == null || message.isBlank()) && cause != null; cause = cause.getCause()) {
      message = cause.getMessage();
    }
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    String line = message.strip().lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("at ") && !l.startsWith("---"))
        .findFirst().orElse(failure.getClass().getSimpleName());
    // jsii prefixes: "RuntimeException: Error: ...", "JsiiError: ...".
    line = line.replaceFirst("^(?:[\\w.$]*(?:Exception|Error):\\s*)+", "");
    StringBuilder text = new StringBuilder();
    line.codePoints().forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String shown = text.toString().strip();
    if (shown.isEmpty()) {
      shown = failure.getClass().getSimpleName();
    }
    return shown.length() <= MAX_LENGTH ? shown : shown.substring(0, MAX_LENGTH - 1) + "…";
  }
}
