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
}
