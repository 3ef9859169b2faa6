package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name[=value]} flags of one instruction, checked against the names that
 * instruction accepts (BuildKit instructions/bflag.go). A flag we do not know is reported as a
 * warning, not an error: BuildKit keeps adding flags, and refusing a file a newer BuildKit builds
 * would be a false error. A known flag given twice is an error, as in BuildKit, unless it is one
 * of the few that may repeat.
 */
final class Flags {
  // BuildKit's stringsType flags (RUN --mount and --device, COPY/ADD --exclude); every other
  // flag given twice fails the build with "duplicate flag specified" (instructions/bflag.go).
  private static final Set<String> REPEATABLE = Set.of("mount", "device", "exclude");

  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> unknown = new ArrayList<>();

  private Flags() {}

  /** @throws SyntaxProblem when a flag that may not repeat is given twice */
  static Flags parse(List<String> raw, Set<String> accepted) {
    Flags flags = new Flags();
    for (String word : raw) {
      String body = word.startsWith("--") ? word.substring(2) : word;
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? null : body.substring(eq + 1);
      if (accepted.contains(name)) {
        if (flags.values.containsKey(name) && !REPEATABLE.contains(name)) {
          throw new SyntaxProblem("duplicate flag specified: " + Excerpt.inline(name));
        }
        flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        flags.unknown.add(name);
      }
    }
    return flags;
  }

  /** The last value given for a flag; null when absent or given without a value. */
  String value(String name) {
    List<String> all = values.get(name);
    return all == null ? null : all.get(all.size() - 1);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  List<String> unknown() {
    return unknown;
  }
}
