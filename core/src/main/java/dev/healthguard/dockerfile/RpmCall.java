package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code dnf}, {@code yum}, {@code microdnf} (and {@code tdnf}) install/remove lines. */
final class RpmCall {
  private static final Set<String> WITH_VALUE = Set.of(
      "setopt", "enablerepo", "disablerepo", "repo", "repoid", "installroot", "releasever", "config",
      "exclude", "repofrompath", "forcearch", "debuglevel", "errorlevel", "rpmverbosity", "downloaddir",
      "destdir", "disableplugin", "enableplugin", "color", "comment", "advisory", "bz", "cve", "secseverity");

  private RpmCall() {}

  /** @param manager the name ImageRecipe reports: dnf, yum or microdnf */
  static PackageCall parse(String manager, List<String> args) {
    CommandLine line = CommandLine.parse(args, WITH_VALUE, "cxde");
    if (line.operands().isEmpty()) {
      return PackageCall.other(manager, List.of());
    }
    String root = line.option("installroot");
    if (root != null && !root.equals("/") && !root.isEmpty()) {
      return PackageCall.other(manager,
          List.of(manager + " installs into another root (" + root + "), not this image"));
    }
    List<String> notes = new ArrayList<>();
    List<String> operands = line.operands().subList(1, line.operands().size());
    return switch (line.operands().get(0)) {
      case "install", "reinstall", "in" ->
          new PackageCall(manager, PackageCall.Kind.CHANGE, names(manager, operands, notes), List.of(), null, false, notes);
      case "remove", "erase", "rm" ->
          new PackageCall(manager, PackageCall.Kind.CHANGE, List.of(), names(manager, operands, notes), null, false, notes);
      case "groupinstall", "group", "module" -> PackageCall.other(manager,
          List.of(manager + " " + line.operands().get(0) + " installs packages we cannot name"));
      default -> PackageCall.other(manager, notes);
    };
  }

  private static List<String> names(String manager, List<String> operands, List<String> notes) {
    List<String> out = new ArrayList<>();
    for (String operand : operands) {
      if (PackageCall.skipUnknown(operand, notes)) {
        continue;
      }
      if (operand.contains("://") || operand.contains("/") || operand.endsWith(".rpm")) {
        notes.add(manager + " installs " + operand + "; its package name is unknown");
        continue;
      }
      if (operand.startsWith("@") || !PackageCall.beforeAny(operand, "*?[").equals(operand)) {
        notes.add(manager + " group or pattern " + operand + " is not expanded");
        continue;
      }
      String name = PackageCall.beforeAny(operand, "<>=");
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
