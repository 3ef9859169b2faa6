package dev.healthguard.image;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.healthguard.image.CatalogRow.FactSpec;
import dev.healthguard.image.CatalogRow.UserRule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code catalog.json} and checks every row before any is used, reporting all problems at
 * once: a catalog that says something it cannot back up would turn into false errors.
 */
final class CatalogLoader {

  /** What every row must say, present or not: the research table's columns. */
  static final List<String> REQUIRED_FACTS = List.of(CatalogRow.BIN_SH, "curl", "wget", "nc", "python3", "node");

  private static final Map<String, Set<String>> VARIANTS =
      Map.of(
          CatalogRow.BIN_SH, Set.of("busybox ash", "dash", "bash"),
          "sh", Set.of("busybox ash", "dash", "bash"),
          "wget", Set.of("busybox", "GNU"),
          "nc", Set.of("busybox", "openbsd"),
          "curl", Set.of("curl-minimal"));

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");
  private static final Pattern FACT_NAME = Pattern.compile("[a-z0-9][a-z0-9._+-]*");
  private static final Pattern AS_OF = Pattern.compile("(?:early-|mid-|late-)?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?");
  private static final Pattern FRAGMENT_NAME = Pattern.compile("[A-Za-z]+");
  private static final Pattern FRAGMENT_REF = Pattern.compile("\\{([A-Za-z]+)}");
  // One path component of a repository, as the reference grammar allows it.
  private static final String GLOB_STAR = "[a-z0-9._-]*";

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final String source;
  private final List<String> problems = new ArrayList<>();

  private CatalogLoader(String source) {
    this.source = source;
  }

  /**
   * Reads and checks a catalog.
   *
   * @param in the JSON, closed by the caller
   * @param source the file name for messages
   * @throws IllegalArgumentException listing every problem found
   */
  static List<CatalogRow> load(InputStream in, String source) {
    CatalogJson.File file;
    try {
      file = MAPPER.readValue(in, CatalogJson.File.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + " is not a valid catalog: " + describe(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " cannot be read: " + e.getMessage(), e);
    }
    return new CatalogLoader(source).compile(file);
  }

  // Jackson's own message names Java classes; people editing the JSON need the key and the place.
  static String describe(JacksonException e) {
    StringBuilder message = new StringBuilder();
    if (e instanceof UnrecognizedPropertyException unknown) {
      message.append("unknown key '").append(unknown.getPropertyName()).append("'; known keys are ")
          .append(new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    } else {
      message.append(e.getOriginalMessage());
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      message.append(" at ").append(path);
    }
    if (e.getLocation() != null) {
      message.append(" (line ").append(e.getLocation().getLineNr()).append(", column ").append(e.getLocation().getColumnNr()).append(')');
    }
    return message.toString();
  }

  private List<CatalogRow> compile(CatalogJson.File file) {
    if (file == null || file.rows() == null || file.rows().isEmpty()) {
      throw new IllegalArgumentException(source + " has no rows");
    }
    Map<String, String> fragments = fragments(file.tagFragments());
    List<CatalogRow> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < file.rows().size(); i++) {
      CatalogJson.Row row = file.rows().get(i);
      String label = row != null && row.id() != null ? "row '" + row.id() + "' (#" + (i + 1) + ")" : "row #" + (i + 1);
      if (row == null) {
        problems.add(label + " is null");
        continue;
      }
      if (row.id() != null && !ids.add(row.id())) {
        problems.add(label + ": id '" + row.id() + "' is used by an earlier row");
      }
      CatalogRow compiled = row(label, row, fragments);
      if (compiled != null) {
        checkNotShadowed(label, compiled, rows);
        rows.add(compiled);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          source + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }
    return List.copyOf(rows);
  }

  private Map<String, String> fragments(Map<String, String> raw) {
    Map<String, String> fragments = raw == null ? Map.of() : raw;
    fragments.forEach(
        (name, regex) -> {
          if (!FRAGMENT_NAME.matcher(name).matches()) {
            problems.add("tag fragment '" + name + "': names are letters only");
          }
          compilePattern("tag fragment '" + name + "'", regex);
        });
    return fragments;
  }

  private CatalogRow row(String label, CatalogJson.Row row, Map<String, String> fragments) {
    int before = problems.size();
    if (row.id() == null || !ID.matcher(row.id()).matches()) {
      problems.add(label + ": id must be lowercase words joined by '-' or '.', got '" + row.id() + "'");
    }
    List<String> sources = nonNull(row.sources());
    if (sources.isEmpty() || sources.stream().anyMatch(s -> s == null || s.isBlank())) {
      problems.add(label + ": every row needs at least one source, and sources cannot be blank");
    }
    List<Pattern> repositories = repositories(label, row.repositories());
    Pattern tags = row.tags() == null ? null : tagPattern(label + " tags", row.tags(), fragments);
    List<String> path = path(label, row.path());
    Map<String, FactSpec> facts = facts(label, row, path);
    List<UserRule> users = users(label, row, fragments);
    String likely = reason(label + ": likely", row.likely());
    CatalogRow.Verified verified = verified(label, row.versions());
    if (problems.size() > before) {
      return null;
    }
    return new CatalogRow(
        row.id(),
        List.copyOf(row.repositories()),
        repositories,
        tags,
        facts,
        path,
        row.user(),
        users,
        Boolean.TRUE.equals(row.exhaustive()),
        likely,
        row.fixHint(),
        List.copyOf(sources),
        verified);
  }

  // A row without the versions its sources verified would apply today's facts to every tag its
  // pattern takes: the audit's wrong rows were all that (catalog-audit.md, summary).
  private CatalogRow.Verified verified(String label, CatalogJson.Versions versions) {
    if (versions == null) {
      problems.add(label + ": needs versions {tags, asOf}: which tags its sources verified, and when");
      return null;
    }
    VersionRange range = null;
    try {
      range = VersionRange.parse(versions.tags());
    } catch (IllegalArgumentException e) {
      problems.add(label + ": versions.tags " + e.getMessage());
    }
    if (versions.asOf() == null || !AS_OF.matcher(versions.asOf()).matches()) {
      problems.add(label + ": versions.asOf must be the sources' date, e.g. 2026-04-14 or mid-2026, got '"
          + versions.asOf() + "'");
    }
    String why = reason(label + ": versions.why", versions.why());
    return range == null ? null : new CatalogRow.Verified(range, versions.asOf(), why);
  }

  private List<Pattern> repositories(String label, List<String> raw) {
    List<String> repositories = nonNull(raw);
    if (repositories.isEmpty()) {
      problems.add(label + ": needs at least one repository");
    }
    List<Pattern> compiled = new ArrayList<>();
    for (String repository : repositories) {
      String sample = repository == null ? "" : repository.replace("*", "x");
      String canonical;
      try {
        canonical = ImageName.parse(sample + ":t").repositoryPath();
      } catch (IllegalArgumentException e) {
        problems.add(label + ": repository '" + repository + "' is not a valid name: " + e.getMessage());
        continue;
      }
      if (!canonical.equals(sample)) {
        problems.add(label + ": write repository '" + repository + "' in full, as " + canonical);
        continue;
      }
      compiled.add(glob(repository));
    }
    return compiled;
  }

  private Pattern tagPattern(String label, String raw, Map<String, String> fragments) {
    Matcher refs = FRAGMENT_REF.matcher(raw);
    StringBuilder expanded = new StringBuilder();
    while (refs.find()) {
      String fragment = fragments.get(refs.group(1));
      if (fragment == null) {
        problems.add(label + ": unknown tag fragment {" + refs.group(1) + "} in '" + raw + "'");
        return null;
      }
      refs.appendReplacement(expanded, Matcher.quoteReplacement("(?:" + fragment + ")"));
    }
    refs.appendTail(expanded);
    return compilePattern(label + " '" + raw + "'", expanded.toString());
  }

  private Pattern compilePattern(String label, String regex) {
    if (regex == null || regex.isEmpty()) {
      problems.add(label + ": pattern is empty");
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(label + ": pattern does not compile: " + e.getDescription() + " near index " + e.getIndex());
      return null;
    }
  }

  private List<String> path(String label, List<String> raw) {
    if (raw == null) {
      return ImageProfile.DEFAULT_PATH;
    }
    for (String dir : raw) {
      if (dir == null || !dir.startsWith("/")) {
        problems.add(label + ": PATH entry '" + dir + "' is not an absolute directory");
      }
    }
    return List.copyOf(raw.stream().filter(Objects::nonNull).toList());
  }

  private Map<String, FactSpec> facts(String label, CatalogJson.Row row, List<String> path) {
    Map<String, FactSpec> facts = new LinkedHashMap<>();
    Map<String, CatalogJson.Present> present = row.present() == null ? Map.of() : row.present();
    present.forEach((name, p) -> put(label, facts, name, present(label, name, p, path)));
    for (String name : nonNull(row.absent())) {
      put(label, facts, name, new FactSpec(Presence.ABSENT, null, null, null, null));
    }
    Map<String, String> likelyAbsent = row.likelyAbsent() == null ? Map.of() : row.likelyAbsent();
    likelyAbsent.forEach(
        (name, why) ->
            put(label, facts, name, new FactSpec(Presence.ABSENT, null, null, reason(label + ": likelyAbsent " + name, why), null)));
    Map<String, String> unknown = row.unknown() == null ? Map.of() : row.unknown();
    // Unknown is never certain: the reason is what makes the fact worth stating at all.
    unknown.forEach(
        (name, why) ->
            put(label, facts, name, new FactSpec(Presence.UNKNOWN, null, null, reason(label + ": unknown " + name, why), null)));
    for (String required : REQUIRED_FACTS) {
      if (!facts.containsKey(required)) {
        problems.add(label + ": says nothing about '" + required + "'; every row must state " + REQUIRED_FACTS);
      }
    }
    Map<String, String> notes = row.notes() == null ? Map.of() : row.notes();
    notes.forEach(
        (name, note) -> {
          FactSpec spec = facts.get(name);
          if (spec == null) {
            problems.add(label + ": note for '" + name + "', which the row does not state");
          } else if (note == null || note.isBlank()) {
            problems.add(label + ": note for '" + name + "' is blank");
          } else {
            facts.put(name, new FactSpec(spec.presence(), spec.path(), spec.variant(), spec.likely(), note));
          }
        });
    return facts;
  }

  private FactSpec present(String label, String name, CatalogJson.Present p, List<String> path) {
    String where = label + ": " + name;
    if (p == null) {
      problems.add(where + ": give {} for a plain present fact, not null");
      return null;
    }
    Set<String> variants = VARIANTS.get(name);
    if (p.variant() != null && variants != null && !variants.contains(p.variant())) {
      problems.add(where + ": variant '" + p.variant() + "' is not one of " + variants);
    }
    if (name.equals(CatalogRow.BIN_SH) && p.path() != null && !p.path().equals(CatalogRow.BIN_SH)) {
      problems.add(where + ": the shell's path is /bin/sh by definition; describe '" + p.path() + "' as 'sh'");
    }
    boolean offPath = Boolean.TRUE.equals(p.offPath());
    if (p.path() != null) {
      if (!p.path().startsWith("/") || p.path().endsWith("/")) {
        problems.add(where + ": path '" + p.path() + "' is not an absolute file path");
      } else if (!path.isEmpty()) {
        String dir = p.path().substring(0, Math.max(1, p.path().lastIndexOf('/')));
        // A present fact off PATH reads as absent to a CMD-form lookup, so it must be deliberate.
        if (!offPath && !path.contains(dir)) {
          problems.add(where + ": " + p.path() + " is not on the row's PATH " + path + "; add offPath if that is the point");
        }
        if (offPath && path.contains(dir)) {
          problems.add(where + ": offPath is set but " + dir + " is on the row's PATH");
        }
      }
    } else if (offPath) {
      problems.add(where + ": offPath needs a path");
    }
    return new FactSpec(Presence.PRESENT, p.path(), p.variant(), reason(where + ": likely", p.likely()), p.note());
  }

  private void put(String label, Map<String, FactSpec> facts, String name, FactSpec spec) {
    if (name == null || !(name.equals(CatalogRow.BIN_SH) || FACT_NAME.matcher(name).matches())) {
      problems.add(label + ": fact name '" + name + "' must be /bin/sh or a command name");
      return;
    }
    if (facts.containsKey(name)) {
      problems.add(label + ": '" + name + "' is stated twice");
      return;
    }
    if (spec != null) {
      facts.put(name, spec);
    }
  }

  private List<UserRule> users(String label, CatalogJson.Row row, Map<String, String> fragments) {
    List<CatalogJson.UserRule> raw = nonNull(row.userByTag());
    if (!raw.isEmpty() && row.tags() == null) {
      problems.add(label + ": userByTag needs a tags pattern on the row");
    }
    List<UserRule> rules = new ArrayList<>();
    for (CatalogJson.UserRule rule : raw) {
      if (rule == null || rule.tags() == null || rule.user() == null || rule.user().isBlank()) {
        problems.add(label + ": userByTag entries need tags and user");
        continue;
      }
      Pattern tags = tagPattern(label + " userByTag", rule.tags(), fragments);
      if (tags != null) {
        rules.add(new UserRule(tags, rule.user()));
      }
    }
    return List.copyOf(rules);
  }

  private String reason(String label, String why) {
    if (why != null && why.isBlank()) {
      problems.add(label + ": say why, the reason is blank");
    }
    return why;
  }

  // First match wins, so a later row for the same repositories behind a row that takes every tag
  // is dead: almost certainly a misordering.
  private void checkNotShadowed(String label, CatalogRow row, List<CatalogRow> earlier) {
    for (CatalogRow before : earlier) {
      if (before.tags() != null) {
        continue;
      }
      boolean allCovered =
          row.repositories().stream()
              .map(glob -> glob.replace("*", "x"))
              .allMatch(sample -> before.repositoryPatterns().stream().anyMatch(p -> p.matcher(sample).matches()));
      if (allCovered) {
        problems.add(label + ": can never match, row '" + before.id() + "' takes every tag of its repositories first");
      }
    }
  }

  /** {@code *} stands for any run of characters inside one path component. */
  static Pattern glob(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append(GLOB_STAR).append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
