package dev.healthguard.dockerfile;

import java.util.List;

/**
 * What one package-manager invocation does to the installed packages.
 *
 * @param manager {@code apk}, {@code apt}, {@code dnf}, {@code yum} or {@code microdnf}
 * @param installs packages it installs, version pins stripped
 * @param removes packages it removes (for apk, names may be virtual groups)
 * @param virtualGroup the {@code apk add --virtual} name the installs are grouped under, or null
 * @param autoRemove whether it also removes packages marked automatic (apt)
 * @param notes what could not be read (a local .deb, a glob, another install root…)
 */
record PackageCall(
    String manager, Kind kind, List<String> installs, List<String> removes, String virtualGroup,
    boolean autoRemove, List<String> notes) {

  enum Kind { CHANGE, MARK_AUTO, MARK_MANUAL, OTHER }

  PackageCall {
    installs = List.copyOf(installs);
    removes = List.copyOf(removes);
    notes = List.copyOf(notes);
  }

  /** A call of the manager that does not install or remove anything we can name. */
  static PackageCall other(String manager, List<String> notes) {
    return new PackageCall(manager, Kind.OTHER, List.of(), List.of(), null, false, notes);
  }

  /** The text before the first of {@code chars}: how version pins and suffixes are cut off. */
  static String beforeAny(String operand, String chars) {
    for (int i = 0; i < operand.length(); i++) {
      if (chars.indexOf(operand.charAt(i)) >= 0) {
        return operand.substring(0, i);
      }
    }
    return operand;
  }

  // Marks a word whose value the analysis could not know; no real word starts with NUL.
  private static final String UNKNOWN = "\u0000";

  /** A stand-in for a word whose value is not known ({@code $PKGS}, {@code $(cat deps)}). */
  static String unknown(String raw) {
    return UNKNOWN + raw;
  }

  static boolean isKnown(String word) {
    return !word.startsWith(UNKNOWN);
  }

  /**
   * Whether an operand is an {@link #unknown} marker; if so, a note saying it was left out is
   * added to {@code notes}.
   */
  static boolean skipUnknown(String operand, List<String> notes) {
    if (!operand.startsWith(UNKNOWN)) {
      return false;
    }
    notes.add("RUN: " + operand.substring(1) + " has no value known here; left out of the package list");
    return true;
  }
}
