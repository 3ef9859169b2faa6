package dev.healthguard.image;

import java.util.List;
import java.util.Map;

/**
 * The shape of {@code catalog.json}, bound by Jackson and checked by {@link CatalogLoader}. Kept
 * apart from {@link CatalogRow} so the file format can stay friendly to people editing it while the
 * compiled rows stay strict.
 */
final class CatalogJson {

  private CatalogJson() {}

  /**
   * @param tagFragments named regex pieces that tag patterns use as {@code {name}}
   * @param rows the rows, most specific first: the first row that matches wins
   */
  record File(Map<String, String> tagFragments, List<Row> rows) {}

  /**
   * One image family or variant.
   *
   * @param id unique, lowercase, used in evidence: {@code catalog 'node-slim'}
   * @param note free text for people; not used
   * @param repositories full repository paths, {@code *} matching within one path component
   * @param tags a regex the whole tag must match; absent when the facts hold for every tag, which is
   *     also the only kind of row a digest-only reference can match
   * @param present facts about executables that are there, by command name ({@code /bin/sh} for the
   *     shell Docker runs for CMD-SHELL)
   * @param absent executables that are certainly not there
   * @param likelyAbsent executables the research lists as absent without confirming it, with why
   * @param unknown executables the research could not settle, with why
   * @param notes extra evidence for a fact, by its name
   * @param path the image's PATH; absent means Docker's default, an empty list means unknown
   * @param user the default user; absent when the research does not say
   * @param userByTag users that depend on the tag, first match wins over {@code user}
   * @param exhaustive true when the image has no executables beyond those listed present
   * @param likely non-null when every fact of the row is only likely, saying why
   * @param fixHint what a user can change so that a health check can run
   * @param sources where the facts come from: {@code owner/repo@commit:path}, issue or URL
   * @param versions which of the tags the row matches its sources verified
   */
  record Row(
      String id,
      String note,
      List<String> repositories,
      String tags,
      Map<String, Present> present,
      List<String> absent,
      Map<String, String> likelyAbsent,
      Map<String, String> unknown,
      Map<String, String> notes,
      List<String> path,
      String user,
      List<UserRule> userByTag,
      Boolean exhaustive,
      String likely,
      String fixHint,
      List<String> sources,
      Versions versions) {}

  /**
   * What the sources verified. A tag the row's pattern takes but whose version lies outside
   * {@code tags} is unknown, not judged by another version's facts.
   *
   * @param tags the verified versions of the tag's leading number, in {@link VersionRange}'s form:
   *     {@code 1.18.0..}, {@code 8..24}, or {@code *} for every tag the pattern takes
   * @param asOf when the sources were read, e.g. {@code 2026-04-14}: a moving tag ({@code latest},
   *     {@code mainline}, a codename) is described as it pointed then
   * @param why why the range stops where it does, e.g. the commit that added curl; optional
   */
  record Versions(String tags, String asOf, String why) {}

  /**
   * @param path where the executable lives, when the research says
   * @param variant which implementation: {@code busybox}, {@code GNU}, {@code dash}, …
   * @param offPath true when {@code path} is deliberately not on the image's PATH
   * @param likely non-null when the research does not confirm the fact, saying why
   * @param note extra evidence
   */
  record Present(String path, String variant, Boolean offPath, String likely, String note) {}

  /**
   * @param tags a regex the whole tag must match
   * @param user the user for those tags
   */
  record UserRule(String tags, String user) {}
}
