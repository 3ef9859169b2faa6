package dev.healthguard.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated catalog row: which names it matches and the facts it gives them. Built only by
 * {@link CatalogLoader}.
 *
 * @param id the row id
 * @param repositories the repository globs as written, {@code *} within one path component
 * @param repositoryPatterns the same, compiled
 * @param tags the tag pattern, or null when the facts hold for every tag
 * @param facts facts by name, in file order; {@code /bin/sh} is the shell
 * @param path the image's PATH; empty when unknown
 * @param user the default user, or null
 * @param userByTag users that depend on the tag
 * @param exhaustive true when no executable beyond the present ones exists
 * @param likely why every fact is only likely, or null
 * @param fixHint what a user can change, or null
 * @param sources the cited sources
 * @param verified which versions the sources verified
 */
record CatalogRow(
    String id,
    List<String> repositories,
    List<Pattern> repositoryPatterns,
    Pattern tags,
    Map<String, FactSpec> facts,
    List<String> path,
    String user,
    List<UserRule> userByTag,
    boolean exhaustive,
    String likely,
    String fixHint,
    List<String> sources,
    Verified verified) {

  static final String BIN_SH = "/bin/sh";

  /**
   * One fact as the row states it.
   *
   * @param presence present, absent or unknown
   * @param path where it lives, or null
   * @param variant which implementation, or null
   * @param likely why the fact is only likely, or null when it is confirmed
   * @param note extra evidence, or null
   */
  record FactSpec(Presence presence, String path, String variant, String likely, String note) {}

  /** A user that depends on the tag. */
  record UserRule(Pattern tags, String user) {}

  /**
   * The versions the row's sources verified.
   *
   * @param range the verified versions of a tag's leading number
   * @param asOf when the sources were read; what a moving tag pointed to then is what they describe
   * @param why why the range stops where it does, or null
   */
  record Verified(VersionRange range, String asOf, String why) {
    /** For messages: {@code verified for 1.18.0 and later as of 2026-04-14}. */
    String describe() {
      return "verified for " + range.describe() + " as of " + asOf;
    }
  }

  /**
   * Whether the sources verified {@code tag}, which the row's pattern takes. A digest-only name
   * names no version, so only a row verified for every tag may speak for it.
   */
  boolean verifies(String tag) {
    if (verified.range().isAny()) {
      return true;
    }
    if (tag == null) {
      return false;
    }
    int[] version = VersionRange.versionOf(tag);
    // A tag naming no version (latest, mainline, a codename) is described as it pointed at asOf.
    return version == null || verified.range().contains(version);
  }

  /** Why {@code tag} is unknown to this row although its pattern takes it. */
  String outsideRange(String tag) {
    String what = tag == null ? "a digest without a tag names no version" : "tag " + tag + " is outside it";
    String why = verified.why() == null ? "" : " (" + verified.why() + ")";
    return where() + " is " + verified.describe() + why + "; " + what;
  }

  boolean matches(ImageName upstream) {
    String repository = upstream.repositoryPath();
    if (repositoryPatterns.stream().noneMatch(p -> p.matcher(repository).matches())) {
      return false;
    }
    if (tags == null) {
      return true;
    }
    // A digest-only name has no tag to test; only rows that hold for every tag may speak for it.
    return upstream.tag() != null && tags.matcher(upstream.tag()).matches();
  }

  /** The row and what its sources verified; the sources themselves ride along for reports. */
  Evidence evidence() {
    return new Evidence(where(), verified.describe(), sources);
  }

  private String where() {
    return "catalog '" + id + "'";
  }

  /**
   * Evidence that a tag naming no version can drift from what the row describes; null for a tag
   * that names a version, or any name pinned by a digest.
   */
  private Evidence drift(ImageName name) {
    if (name.digest() != null || name.tag() == null || VersionRange.versionOf(name.tag()) != null) {
      return null;
    }
    return new Evidence("tag " + name.tag(), "moves, so the answer can drift; a lookup (healthguard:lookups) pins it");
  }

  /** The profile for {@code name}, which this row matches (through {@code mirror} when not null). */
  ImageProfile profile(ImageName name, Mirror mirror) {
    Certainty rowCertainty = likely == null ? Certainty.CERTAIN : Certainty.LIKELY;
    if (mirror != null) {
      rowCertainty = rowCertainty.and(mirror.certainty());
    }
    List<Evidence> rowEvidence = new ArrayList<>();
    rowEvidence.add(evidence());
    Evidence drift = drift(name);
    if (drift != null) {
      rowEvidence.add(drift);
    }
    if (mirror != null) {
      rowEvidence.add(mirror.evidence());
    }
    if (likely != null) {
      rowEvidence.add(new Evidence(where(), "every fact is only likely: " + likely));
    }

    ImageProfile.Builder profile = new ImageProfile.Builder(name.familiar());
    rowEvidence.forEach(profile::provenance);
    for (Map.Entry<String, FactSpec> entry : facts.entrySet()) {
      Fact fact = fact(entry.getKey(), entry.getValue(), rowCertainty, rowEvidence);
      if (entry.getKey().equals(BIN_SH)) {
        profile.shell(fact);
        // Unless the row says otherwise, the "sh" a CMD-form check finds on PATH is /bin/sh.
        if (!facts.containsKey("sh")) {
          profile.executable(fact);
        }
      } else {
        profile.executable(fact);
      }
    }
    return profile
        .path(path)
        .user(userFor(name.tag()))
        .exhaustive(exhaustive)
        .hint(fixHint)
        .build();
  }

  private Fact fact(String name, FactSpec spec, Certainty rowCertainty, List<Evidence> rowEvidence) {
    List<Evidence> evidence = new ArrayList<>(rowEvidence);
    String where = where();
    if (spec.likely() != null) {
      evidence.add(1, new Evidence(where, "likely only: " + spec.likely()));
    }
    if (spec.note() != null) {
      evidence.add(1, new Evidence(where, spec.note()));
    }
    Certainty certainty = spec.likely() == null ? rowCertainty : Certainty.LIKELY;
    if (name.equals(BIN_SH)) {
      String path = spec.presence() == Presence.PRESENT ? BIN_SH : null;
      return new Fact("sh", spec.presence(), path, spec.variant(), certainty, evidence);
    }
    return new Fact(name, spec.presence(), spec.path(), spec.variant(), certainty, evidence);
  }

  private String userFor(String tag) {
    if (tag != null) {
      for (UserRule rule : userByTag) {
        if (rule.tags().matcher(tag).matches()) {
          return rule.user();
        }
      }
    }
    return user;
  }
}
