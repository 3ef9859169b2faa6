package dev.healthguard.image;

import java.util.List;
import java.util.Map;

/** The shape of {@code packages.json}, bound by Jackson for {@link PackageFacts}. */
final class PackageJson {

  private PackageJson() {}

  record File(Map<String, Manager> managers) {}

  /**
   * @param note free text for people
   * @param aliases other command names for the same manager
   * @param sources where the package contents are listed
   * @param packages executables by package name
   */
  record Manager(String note, List<String> aliases, List<String> sources, Map<String, List<Executable>> packages) {}

  /**
   * @param name command name
   * @param path install path, when recorded
   * @param variant implementation, when it matters
   * @param source a more specific source than the manager's
   * @param note free text for people
   */
  record Executable(String name, String path, String variant, String source, String note) {}
}
