package dev.healthguard.image;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which executables well-known distribution packages install, so that {@code RUN apk add curl}
 * can be read as "curl is now at /usr/bin/curl".
 *
 * <p>Managers: {@code apk} (Alpine), {@code wolfi} (Wolfi's apk, for Chainguard bases), {@code apt}
 * (Debian, Ubuntu; alias {@code apt-get}) and {@code dnf} (RHEL family and Amazon Linux; aliases
 * {@code yum}, {@code microdnf}). Only packages whose contents are well known are listed; any other
 * package yields an empty list, which means "not known", never "installs nothing".
 */
public final class PackageFacts {

  private static final String RESOURCE = "packages.json";

  // apk: name[@tag][=<>~version]; apt: name[:arch][=version|/release]. dnf specs are left alone,
  // since "curl-minimal" and "name-version" cannot be told apart without the repository.
  private static final Pattern APK_SUFFIX = Pattern.compile("[@=<>~].*$");
  private static final Pattern APT_SUFFIX = Pattern.compile("[:=/].*$");

  private PackageFacts() {}

  private record Manager(String name, Map<String, List<PackageExecutable>> packages) {}

  private record Data(Map<String, Manager> byNameOrAlias) {}

  // Loaded lazily, not in a static initializer, so a broken resource reports its problems as an
  // IllegalStateException rather than an ExceptionInInitializerError.
  private static volatile Data data;

  private static Data data() {
    Data loaded = data;
    if (loaded == null) {
      synchronized (PackageFacts.class) {
        loaded = data;
        if (loaded == null) {
          loaded = load();
          data = loaded;
        }
      }
    }
    return loaded;
  }

  /**
   * The executables {@code pkg} installs with {@code manager}.
   *
   * @param manager {@code apk}, {@code wolfi}, {@code apt}, {@code apt-get}, {@code dnf}, {@code
   *     yum} or {@code microdnf}
   * @param pkg the package as written on the command line; apk and apt version or architecture
   *     suffixes ({@code curl=8.9.1-r0}, {@code curl:amd64}) are ignored
   * @return the executables, empty when the manager or package is not known
   */
  public static List<PackageExecutable> executables(String manager, String pkg) {
    Manager m = manager == null ? null : data().byNameOrAlias().get(manager);
    if (m == null || pkg == null) {
      return List.of();
    }
    return m.packages().getOrDefault(normalize(m.name(), pkg), List.of());
  }

  /** True when the facts know {@code pkg} for {@code manager}. */
  public static boolean knows(String manager, String pkg) {
    Manager m = manager == null ? null : data().byNameOrAlias().get(manager);
    return m != null && pkg != null && m.packages().containsKey(normalize(m.name(), pkg));
  }

  /** The manager names and aliases accepted by {@link #executables}. */
  public static Set<String> managers() {
    return new TreeSet<>(data().byNameOrAlias().keySet());
  }

  static String normalize(String manager, String pkg) {
    return switch (manager) {
      case "apk", "wolfi" -> APK_SUFFIX.matcher(pkg).replaceFirst("");
      case "apt" -> APT_SUFFIX.matcher(pkg).replaceFirst("");
      default -> pkg;
    };
  }

  private static Data load() {
    try (InputStream in = PackageFacts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The built-in package facts resource " + RESOURCE + " is missing");
      }
      return compile(CatalogLoader.MAPPER.readValue(in, PackageJson.File.class));
    } catch (JacksonException e) {
      throw new IllegalStateException("The built-in " + RESOURCE + " is not valid: " + CatalogLoader.describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Data compile(PackageJson.File file) {
    List<String> problems = new ArrayList<>();
    Map<String, Manager> byName = new HashMap<>();
    file.managers().forEach(
        (name, raw) -> {
          if (raw.sources() == null || raw.sources().isEmpty()) {
            problems.add("manager '" + name + "' needs a source");
            return;
          }
          String source = String.join("; ", raw.sources());
          Map<String, List<PackageExecutable>> packages = new HashMap<>();
          raw.packages().forEach(
              (pkg, entries) -> {
                List<PackageExecutable> list = new ArrayList<>();
                for (PackageJson.Executable e : entries) {
                  if (e.name() == null || e.name().isBlank()) {
                    problems.add(name + " " + pkg + ": an executable has no name");
                  } else if (e.path() != null && !e.path().startsWith("/")) {
                    problems.add(name + " " + pkg + ": path '" + e.path() + "' is not absolute");
                  } else {
                    list.add(new PackageExecutable(e.name(), e.path(), e.variant(), e.source() != null ? e.source() : source));
                  }
                }
                packages.put(pkg, List.copyOf(list));
              });
          Manager manager = new Manager(name, Map.copyOf(packages));
          for (String key : concat(name, raw.aliases())) {
            if (byName.put(key, manager) != null) {
              problems.add("manager name or alias '" + key + "' is used twice");
            }
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The built-in " + RESOURCE + " has problems:\n  " + String.join("\n  ", problems));
    }
    return new Data(Map.copyOf(byName));
  }

  private static List<String> concat(String name, List<String> aliases) {
    List<String> all = new ArrayList<>();
    all.add(name);
    if (aliases != null) {
      all.addAll(aliases);
    }
    return all;
  }
}
