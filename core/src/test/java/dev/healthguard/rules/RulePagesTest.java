package dev.healthguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule has a page under {@code docs/rules/}, every page and every id the code mentions is a
 * rule that exists, and the pointer each message ends with names a page in this repository.
 */
class RulePagesTest {

  /** Surefire runs in the module's directory; the pages sit at the repository's root. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path PAGES = ROOT.resolve("docs/rules");
  static final Pattern RULE_ID = Pattern.compile("\\bHG\\d{3}\\b");
  static final Set<String> SECTIONS = Set.of(
      "## What it finds", "## Example", "## Remedies", "## Fix mode", "## Acknowledging", "## Sources");

  static Set<String> ids() {
    return Rules.documented().stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyRuleHasAPageTitledAsTheRule() throws IOException {
    for (Rule rule : Rules.documented()) {
      Path page = ROOT.resolve(RuleDocs.relativePage(rule.id()));
      assertTrue(Files.isRegularFile(page), rule.id() + " has no page at " + page);
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      // The page's title is the rule's, give or take Markdown code marks and the first letter's case.
      assertEquals(("# " + rule.id() + ": " + rule.title()).toLowerCase(Locale.ROOT),
          lines.get(0).replace("`", "").toLowerCase(Locale.ROOT), page.toString());
      assertTrue(lines.get(2).startsWith("**Severity:** " + rule.severity().name().toLowerCase(Locale.ROOT)),
          page + " states another severity than " + rule.severity() + ": " + lines.get(2));
      for (String section : SECTIONS) {
        assertTrue(lines.contains(section), page + " has no '" + section + "' section");
      }
      String text = String.join("\n", lines);
      assertTrue(text.contains(".id(\"" + rule.id() + "\")") && text.contains(".reason(\""),
          page + " does not show how to acknowledge " + rule.id() + " with a reason");
    }
  }

  @Test
  void everyPageIsARuleThatExists() throws IOException {
    try (Stream<Path> files = Files.list(PAGES)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.equals("README.md")) {
          assertTrue(name.endsWith(".md") && ids().contains(name.substring(0, name.length() - 3)),
              file + " is not the page of a rule (known: " + ids() + ")");
        }
      }
    }
  }

  @Test
  void theIndexListsEveryRule() throws IOException {
    String index = Files.readString(PAGES.resolve("README.md"), StandardCharsets.UTF_8);
    for (String id : ids()) {
      assertTrue(index.contains("| [" + id + "](" + id + ".md) |"), "docs/rules/README.md does not list " + id);
    }
  }

  /** The pages, the README and the main sources of every module name only rules that exist. */
  @Test
  void everyRuleIdMentionedAnywhereExists() throws IOException {
    List<Path> texts = new java.util.ArrayList<>();
    texts.add(ROOT.resolve("README.md"));
    for (Path dir : List.of(PAGES, ROOT.resolve("core/src/main"), ROOT.resolve("lib/src/main"), ROOT.resolve("cli/src/main"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".java")).forEach(texts::add);
      }
    }
    for (Path text : texts) {
      Matcher ids = RULE_ID.matcher(read(text));
      while (ids.find()) {
        assertTrue(ids().contains(ids.group()), text + " names " + ids.group() + ", which is not a rule");
      }
    }
  }

  /** What {@link Finding#message()} points at is this repository's page of the finding's rule. */
  @Test
  void everyMessagePointsAtItsRulesPage() {
    Pattern pointer = Pattern.compile(" See " + Pattern.quote(RuleDocs.projectUrl()) + "/blob/main/(docs/rules/(HG\\d{3})\\.md)$");
    var target = RulesTest.subject(RulesTest.alpine(), List.of("CMD", "true")).target();
    for (String id : ids()) {
      String message = new Finding(id, Severity.WARNING, target, "alpine:3.20", "a problem.", List.of(), "a fix").message();
      Matcher m = pointer.matcher(message);
      assertTrue(m.find(), message);
      assertEquals(id, m.group(2), message);
      assertTrue(Files.isRegularFile(ROOT.resolve(m.group(1))), message + " points at a page that does not exist");
    }
    // The pom's url, filtered into the jar: a fork or a moved repository must update both.
    assertEquals("https://github.com/healthguard-dev/healthguard", RuleDocs.projectUrl());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
