package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import dev.healthguard.task.Target;
import dev.healthguard.text.Excerpt;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rule's verdict on one target.
 *
 * @param ruleId e.g. {@code HG001}
 * @param severity the severity for this finding; a rule lowers its default when evidence is only
 *     likely
 * @param target the container it is about
 * @param image how the image is named
 * @param problem what is wrong, one sentence
 * @param evidence how the guard knows, most specific first
 * @param fix what to do instead
 */
public record Finding(
    String ruleId,
    Severity severity,
    Target target,
    String image,
    String problem,
    List<Evidence> evidence,
    String fix) {

  public Finding {
    evidence = List.copyOf(evidence);
    // Each rule shows input as an excerpt; these bounds keep a finding short even where one did
    // not, as a 202 KB image name once made it (issue 10).
    image = image == null ? null : Excerpt.inline(image);
    problem = problem == null ? null : Excerpt.inline(problem, MAX_SENTENCE_CHARS);
    fix = fix == null ? null : Excerpt.inline(fix, MAX_SENTENCE_CHARS);
  }

  /** The most characters a problem or a fix keeps. */
  static final int MAX_SENTENCE_CHARS = 2_000;

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(ruleId, newSeverity, target, image, problem, evidence, fix);
  }

  /** The same finding with a sentence added to its problem, e.g. why fix mode left it. */
  public Finding withNote(String note) {
    return new Finding(ruleId, severity, target, image, problem + " " + Excerpt.inline(note, MAX_SENTENCE_CHARS), evidence, fix);
  }

  /**
   * The message: rule, container, image, problem, the most specific evidence, the fix, and a
   * pointer to the rule's page. It stays short: at most {@value #EVIDENCE_SHOWN} pieces of
   * evidence, each without the upstream sources it cites (the {@link #evidence()} list and the
   * reports keep them whole), and the page holds the detail.
   */
  public String message() {
    StringBuilder text = new StringBuilder()
        .append('[').append(ruleId).append("] ")
        .append(target.describe()).append(image == null ? "" : ", image " + image).append(": ")
        .append(problem);
    if (!evidence.isEmpty()) {
      text.append(" Evidence: ")
          .append(evidence.stream().limit(EVIDENCE_SHOWN).map(Finding::brief).collect(Collectors.joining("; ")))
          .append('.');
    }
    if (fix != null && !fix.isEmpty()) {
      text.append(" Fix: ").append(fix).append(fix.endsWith(".") ? "" : ".");
    }
    return text.append(" See ").append(RuleDocs.pageOf(ruleId)).toString();
  }

  static final int EVIDENCE_SHOWN = 2;
  private static final int WHAT_SHOWN = 80;
  /** {@code owner/repo@1a2b3c4d:path}: a catalog row's citation, which is for auditors, not for the terminal. */
  private static final Pattern CITATION = Pattern.compile("[;,]?\\s*[\\w.-]+/[\\w.-]+@[0-9a-f]{3,}\\S*");

  private static String brief(Evidence item) {
    String what = CITATION.matcher(item.what()).replaceAll("").trim();
    if (what.startsWith(";")) {
      what = what.substring(1).trim();
    }
    if (what.length() > WHAT_SHOWN) {
      what = what.substring(0, WHAT_SHOWN - 1) + "…";
    }
    return what.isEmpty() ? item.where() : item.where() + " " + what;
  }
}
