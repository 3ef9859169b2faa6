package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.registry.ConfigHealthcheck;
import dev.healthguard.task.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HG003: the image declares a {@code HEALTHCHECK} but the task definition has none. ECS only runs
 * the health check of the container definition and ignores the image's (health-check-semantics.md
 * §2.5, API_HealthCheck), so the author's intent is silently lost.
 */
public final class ImageHealthcheckIgnored implements Rule {
  private static final Pattern CURL_WORD = Pattern.compile("(?<![^\\s;&|(])(\\S*/)?curl(?=\\s|$)");

  @Override
  public String id() {
    return "HG003";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Image HEALTHCHECK that ECS will ignore";
  }

  @Override
  public String explanation() {
    return "ECS does not monitor a HEALTHCHECK built into the image unless the container definition "
        + "repeats it; the container's health stays UNKNOWN and a dependsOn HEALTHY never starts.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    ConfigHealthcheck declared = subject.image().healthcheck();
    if (subject.hasHealthCheck() || declared == null || declared.isNone() || declared.test().isEmpty()) {
      return List.of();
    }
    List<Finding> ownProblems = problems(subject, declared.test());
    String fix = suggestion(subject, declared.test(), ownProblems)
        .map(command -> "repeat it in the container definition: healthCheck(HealthCheck.builder().command(List.of("
            + String.join(", ", command.stream().map(s -> '"' + s.replace("\"", "\\\"") + '"').toList())
            + ")).build())")
        .orElseGet(() -> "write a check that runs in the image and put it in the container definition; the image's "
            + "own would not pass either (" + ownProblems.get(0).ruleId() + ": " + ownProblems.get(0).problem() + ")");
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the image declares HEALTHCHECK " + CheckCommands.json(declared.test())
            + " but the task definition has no health check, and ECS ignores the image's.",
        List.of(subject.image().healthcheckSource()), fix));
  }

  /**
   * The check to suggest: the image's own when HealthGuard accepts it, else the closest variant
   * it accepts without a warning (the exec form that was meant, curl with -f, a tool the image
   * has). Empty when there is none.
   */
  private Optional<List<String>> suggestion(Subject subject, List<String> declared, List<Finding> ownProblems) {
    if (ownProblems.isEmpty()) {
      return Optional.of(declared);
    }
    CommandAnalysis analysis = CommandAnalyzer.analyze(declared);
    List<List<String>> candidates = new ArrayList<>();
    ShellWrappedExecForm.of(analysis).ifPresent(meant -> candidates.add(meant.execForm()));
    if (ownProblems.stream().anyMatch(f -> f.ruleId().equals("HG005"))) {
      withCurlFail(declared).ifPresent(candidates::add);
    }
    CheckCommands.replacementFor(analysis, subject.image(), null).ifPresent(c -> candidates.add(c.command()));
    return candidates.stream().filter(c -> problems(subject, c).isEmpty()).findFirst();
  }

  /** The warnings and errors the other rules raise once the container runs {@code command}. */
  private List<Finding> problems(Subject subject, List<String> command) {
    HealthCheck repeated = new HealthCheck(command, null, null, null, null);
    Subject after = new Subject(subject.target().withHealthCheck(repeated), subject.image(), CommandAnalyzer.analyze(command));
    return Rules.all().stream().filter(rule -> !rule.id().equals(id()))
        .flatMap(rule -> rule.check(after).stream())
        .filter(f -> f.severity() != Severity.INFO)
        .toList();
  }

  /** The check with {@code -f} after its one curl call, so HTTP errors fail it (HG005). */
  private static Optional<List<String>> withCurlFail(List<String> command) {
    List<String> out = new ArrayList<>(command);
    if (command.get(0).equals("CMD-SHELL") && command.size() == 2) {
      Matcher curl = CURL_WORD.matcher(command.get(1));
      if (curl.find() && !curl.find()) {
        out.set(1, CURL_WORD.matcher(command.get(1)).replaceFirst("$0 -f"));
        return Optional.of(out);
      }
    } else if (command.get(0).equals("CMD") && command.size() > 1 && CURL_WORD.matcher(command.get(1)).matches()) {
      out.add(2, "-f");
      return Optional.of(out);
    }
    return Optional.empty();
  }
}
