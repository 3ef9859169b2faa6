package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code apt-get}, {@code apt} and {@code aptitude} command lines ({@code install},
 * {@code remove}, {@code purge}, {@code autoremove}) and {@code apt-mark auto|manual}.
 */
final class AptCall {
  private static final Set<String> WITH_VALUE = Set.of(
      "option", "config-file", "target-release", "default-release", "host-architecture", "build-profiles");

  private AptCall() {}

  static PackageCall parse(List<String> args) {
    CommandLine line = CommandLine.parse(args, WITH_VALUE, "octaP");
    if (line.operands().isEmpty()) {
      return PackageCall.other("apt", List.of());
    }
    String command = line.operands().get(0);
    List<String> operands = line.operands().subList(1, line.operands().size());
    boolean autoRemove = line.has("auto-remove", "autoremove");
    List<String> notes = new ArrayList<>();
    List<String> installs = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    switch (command) {
      case "install", "reinstall" -> {
        // "apt-get install foo-" removes foo.
        for (String name : names(operands, notes)) {
          (name.endsWith("-") ? removes : installs).add(stripSuffix(name, '-'));
        }
      }
      case "remove", "purge" -> {
        // "apt-get remove foo+" installs foo.
        for (String name : names(operands, notes)) {
          (name.endsWith("+") ? installs : removes).add(stripSuffix(name, '+'));
        }
      }
      case "autoremove", "autopurge" -> autoRemove = true;
      default -> {
        return PackageCall.other("apt", notes);
      }
    }
    return new PackageCall("apt", PackageCall.Kind.CHANGE, installs, removes, null, autoRemove, notes);
  }

  /** {@code apt-mark auto|manual names…}; anything else is {@link PackageCall.Kind#OTHER}. */
  static PackageCall parseMark(List<String> args) {
    CommandLine line = CommandLine.parse(args, Set.of("config-file", "option", "file"), "cof");
    if (line.operands().isEmpty()) {
      return PackageCall.other("apt", List.of());
    }
    // Unknown names ("apt-mark manual $savedAptMark") are expected here and dropped silently.
    List<String> operands = line.operands().subList(1, line.operands().size()).stream()
        .filter(PackageCall::isKnown).toList();
    PackageCall.Kind kind = switch (line.operands().get(0)) {
      case "auto" -> PackageCall.Kind.MARK_AUTO;
      case "manual" -> PackageCall.Kind.MARK_MANUAL;
      default -> PackageCall.Kind.OTHER;
    };
    // Names are kept raw: a pattern such as '.*' matters to the caller.
    return new PackageCall("apt", kind, kind == PackageCall.Kind.MARK_AUTO ? operands : List.of(),
        kind == PackageCall.Kind.MARK_MANUAL ? operands : List.of(), null, false, List.of());
  }

  private static String stripSuffix(String name, char suffix) {
    return name.length() > 1 && name.charAt(name.length() - 1) == suffix ? name.substring(0, name.length() - 1) : name;
  }

  // apt pins: curl=7.88.1-10, curl/bookworm-backports; local files and patterns are not names.
  private static List<String> names(List<String> operands, List<String> notes) {
    List<String> out = new ArrayList<>();
    for (String operand : operands) {
      if (PackageCall.skipUnknown(operand, notes)) {
        continue;
      }
      if (operand.startsWith(".") || operand.startsWith("/") || operand.endsWith(".deb")) {
        notes.add("apt installs the local file " + operand + "; its package name is unknown");
        continue;
      }
      String name = PackageCall.beforeAny(operand, "=/");
      if (!PackageCall.beforeAny(name, "*?[]^$").equals(name)) {
        notes.add("apt package pattern " + operand + " is not expanded");
        continue;
      }
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
