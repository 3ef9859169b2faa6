package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogLoaderTest {

  static final String GOOD_ROW =
      """
      {"id": "demo", "repositories": ["docker.io/library/demo"], "tags": "{v}",
       "present": {"/bin/sh": {"variant": "dash"}, "curl": {"path": "/usr/bin/curl"}},
       "absent": ["wget", "nc", "python3", "node"],
       "sources": ["example/demo@0123abcd:Dockerfile"],
       "versions": {"tags": "*", "asOf": "2026-01-02"}}
      """;

  static Catalog read(String rows) {
    String json = "{\"tagFragments\": {\"v\": \"[0-9.]+\"}, \"rows\": [" + rows + "]}";
    return Catalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  static String problems(String rows) {
    return assertThrows(IllegalArgumentException.class, () -> read(rows)).getMessage();
  }

  static String row(String replace, String with) {
    String changed = GOOD_ROW.replace(replace, with);
    if (changed.equals(GOOD_ROW)) {
      throw new IllegalArgumentException("test bug: '" + replace + "' not in the row");
    }
    return changed;
  }

  @Test
  void goodRow_loadsAndMatches() {
    Catalog catalog = read(GOOD_ROW);

    assertEquals("demo", catalog.lookup(ImageName.parse("demo:1.2")).orElseThrow().rowId());
    assertTrue(catalog.lookup(ImageName.parse("demo:latest")).isEmpty());
  }

  @Test
  void unknownKey_isRejectedWithItsName() {
    String message = problems(row("\"tags\"", "\"tagz\": \"x\", \"tags\""));

    assertTrue(message.startsWith("test.json is not a valid catalog"), message);
    assertTrue(message.contains("tagz"), message);
  }

  @Test
  void duplicateKey_isRejected() {
    String message = problems(row("\"tags\": \"{v}\"", "\"tags\": \"{v}\", \"tags\": \"x\""));

    assertTrue(message.contains("Duplicate field 'tags'"), message);
  }

  @Test
  void rowWithoutSource_isRejected() {
    String message = problems(row("\"sources\": [\"example/demo@0123abcd:Dockerfile\"]", "\"sources\": []"));

    assertTrue(message.contains("row 'demo' (#1): every row needs at least one source"), message);
  }

  @Test
  void rowWithoutVersions_isRejected() {
    String message = problems(row("\"versions\": {\"tags\": \"*\", \"asOf\": \"2026-01-02\"}", "\"note\": \"none\""));

    assertTrue(message.contains("row 'demo' (#1): needs versions {tags, asOf}"), message);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "tags": "", "asOf": "2026-01-02"        | versions.tags is empty
          "tags": "1.x..", "asOf": "2026-01-02"   | versions.tags '1.x' in '1.x..' is not a version
          "tags": "2..1", "asOf": "2026-01-02"    | versions.tags '2..1' is empty: 2 is above 1
          "tags": "..", "asOf": "2026-01-02"      | versions.tags '..' bounds nothing
          "tags": "*"                             | versions.asOf must be the sources' date
          "tags": "*", "asOf": "yesterday"        | versions.asOf must be the sources' date
          "tags": "*", "asOf": "2026", "why": " " | versions.why: say why
          """)
  void badVersions_areRejectedWithTheReason(String versions, String expected) {
    String message = problems(row("\"tags\": \"*\", \"asOf\": \"2026-01-02\"", versions));

    assertTrue(message.contains("row 'demo' (#1): " + expected), message);
  }

  @Test
  void tagOutsideTheVerifiedVersions_isUnknownWithTheRange() {
    Catalog catalog = read(row("\"tags\": \"*\", \"asOf\": \"2026-01-02\"",
        "\"tags\": \"1.18.0..\", \"asOf\": \"2026-01-02\", \"why\": \"curl since 1.18.0\""));

    assertEquals("demo", catalog.lookup(ImageName.parse("demo:1.18.0")).orElseThrow().rowId());
    assertEquals("demo", catalog.lookup(ImageName.parse("demo:1.27")).orElseThrow().rowId());
    assertTrue(catalog.lookup(ImageName.parse("demo:1.17.10")).isEmpty());
    assertTrue(catalog.lookup(ImageName.parse("demo:1.17")).isEmpty(), "1.17 is the newest 1.17.x, still before 1.18.0");
    // A tag that stops early is the newest build of its line: demo:1 is the newest 1.x.
    assertEquals("demo", catalog.lookup(ImageName.parse("demo:1")).orElseThrow().rowId());
    assertEquals(
        "catalog 'demo' is verified for 1.18.0 and later as of 2026-01-02 (curl since 1.18.0); tag 1.16 is outside it",
        catalog.outsideVerified(ImageName.parse("demo:1.16")).orElseThrow());
    assertTrue(catalog.outsideVerified(ImageName.parse("demo:1.18")).isEmpty());
  }

  @Test
  void laterRow_answersForTheVersionsAnEarlierRowDoesNotVerify() {
    String newer = row("\"tags\": \"*\"", "\"tags\": \"25..\"").replace("\"demo\",", "\"demo-25\",");
    String older = row("\"tags\": \"*\"", "\"tags\": \"8..24\"");
    Catalog catalog = read(newer + "," + older);

    assertEquals("demo-25", catalog.lookup(ImageName.parse("demo:25.0.1")).orElseThrow().rowId());
    assertEquals("demo", catalog.lookup(ImageName.parse("demo:21")).orElseThrow().rowId());
    assertTrue(catalog.lookup(ImageName.parse("demo:7")).isEmpty());
  }

  @Test
  void tagPatternThatDoesNotCompile_isRejected() {
    String message = problems(row("\"{v}\"", "\"(1.2\""));

    assertTrue(message.contains("row 'demo' (#1) tags '(1.2': pattern does not compile"), message);
  }

  @Test
  void unknownTagFragment_isRejected() {
    String message = problems(row("\"{v}\"", "\"{version}\""));

    assertTrue(message.contains("unknown tag fragment {version}"), message);
  }

  @Test
  void rowMissingARequiredFact_isRejected() {
    String message = problems(row("\"wget\", ", ""));

    assertTrue(message.contains("says nothing about 'wget'"), message);
  }

  @Test
  void factStatedTwice_isRejected() {
    String message = problems(row("\"wget\", ", "\"wget\", \"curl\", "));

    assertTrue(message.contains("'curl' is stated twice"), message);
  }

  @Test
  void duplicateId_isRejected() {
    String message = problems(GOOD_ROW + "," + GOOD_ROW);

    assertTrue(message.contains("row 'demo' (#2): id 'demo' is used by an earlier row"), message);
  }

  @Test
  void presentPathOffThePath_mustBeDeliberate() {
    String message = problems(row("/usr/bin/curl", "/opt/curl/bin/curl"));

    assertTrue(message.contains("/opt/curl/bin/curl is not on the row's PATH"), message);
    read(row("\"path\": \"/usr/bin/curl\"", "\"path\": \"/opt/curl/bin/curl\", \"offPath\": true"));
  }

  @Test
  void unknownVariant_isRejected() {
    String message = problems(row("\"dash\"", "\"zsh\""));

    assertTrue(message.contains("variant 'zsh' is not one of"), message);
  }

  @Test
  void shortRepositoryName_mustBeWrittenInFull() {
    String message = problems(row("\"docker.io/library/demo\"", "\"demo\""));

    assertTrue(message.contains("write repository 'demo' in full, as docker.io/library/demo"), message);
  }

  @Test
  void likelyWithoutReason_isRejected() {
    String message = problems(row("\"path\": \"/usr/bin/curl\"", "\"likely\": \" \""));

    assertTrue(message.contains("say why"), message);
  }

  @Test
  void rowBehindAnEveryTagRow_isReportedAsDead() {
    String everyTag = row(", \"tags\": \"{v}\"", "").replace("\"demo\",", "\"demo-all\",");
    String message = problems(everyTag + "," + GOOD_ROW);

    assertTrue(message.contains("row 'demo' (#2): can never match, row 'demo-all'"), message);
  }

  @Test
  void problems_areReportedTogether() {
    String message = problems(row("\"sources\": [\"example/demo@0123abcd:Dockerfile\"]", "\"sources\": []").replace("\"{v}\"", "\"(\""));

    assertTrue(message.contains("2 problem(s)"), message);
  }

  @Test
  void notesMustNameAFactOfTheRow() {
    String message = problems(row("\"sources\"", "\"notes\": {\"bash\": \"x\"}, \"sources\""));

    assertTrue(message.contains("note for 'bash', which the row does not state"), message);
  }

  @Test
  void userByTag_needsATagPattern() {
    String message =
        problems(row(", \"tags\": \"{v}\"", ", \"userByTag\": [{\"tags\": \"nonroot\", \"user\": \"65532\"}]"));

    assertTrue(message.contains("userByTag needs a tags pattern"), message);
  }

  @Test
  void glob_matchesWithinOnePathComponent() {
    assertTrue(CatalogLoader.glob("gcr.io/distroless/nodejs*-debian*").matcher("gcr.io/distroless/nodejs22-debian12").matches());
    assertTrue(!CatalogLoader.glob("cgr.dev/chainguard/*").matcher("cgr.dev/chainguard/a/b").matches());
    assertTrue(!CatalogLoader.glob("gcr.io/distroless/static").matcher("gcr.io/distroless/staticx").matches());
  }
}
