package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads an {@code apk} command line: {@code add [-t name] pkgs}, {@code del pkgs}. */
final class ApkCall {
  private static final Set<String> WITH_VALUE = Set.of(
      "repository", "root", "arch", "cache-dir", "keys-dir", "repositories-file", "progress-fd",
      "wait", "timeout", "virtual", "cache-max-age");

  private ApkCall() {}

  static PackageCall parse(List<String> args) {
    CommandLine line = CommandLine.parse(args, WITH_VALUE, "Xpt");
    if (line.operands().isEmpty()) {
      return PackageCall.other("apk", List.of());
    }
    String root = line.option("root", "p");
    if (root != null && !root.equals("/") && !root.isEmpty()) {
      return PackageCall.other("apk", List.of("apk works on another root (" + root + "), not this image"));
    }
    String applet = line.operands().get(0);
    List<String> notes = new ArrayList<>();
    List<String> names = names(line.operands().subList(1, line.operands().size()), notes);
    return switch (applet) {
      case "add" -> new PackageCall("apk", PackageCall.Kind.CHANGE, names, List.of(),
          emptyToNull(line.option("virtual", "t")), false, notes);
      case "del" -> new PackageCall("apk", PackageCall.Kind.CHANGE, List.of(), names, null, false, notes);
      default -> PackageCall.other("apk", notes);
    };
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  // apk pins: curl=8.5.0-r0, curl>8, curl~8.5, curl@edge; !curl is a conflict, not a package.
  private static List<String> names(List<String> operands, List<String> notes) {
    List<String> out = new ArrayList<>();
    for (String operand : operands) {
      if (PackageCall.skipUnknown(operand, notes)) {
        continue;
      }
      if (operand.startsWith("!")) {
        continue;
      }
      if (operand.contains("/") || operand.endsWith(".apk")) {
        notes.add("apk installs the local file " + operand + "; its package name is unknown");
        continue;
      }
      String name = PackageCall.beforeAny(operand, "=<>~@");
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
