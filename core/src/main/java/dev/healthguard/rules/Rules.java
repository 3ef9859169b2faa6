package dev.healthguard.rules;

import java.util.List;

/** The built-in rules, in id order. */
public final class Rules {

  private Rules() {}

  /** Every rule one {@link RuleRunner} runs, on containers and on service bindings. */
  public static List<Rule> all() {
    return List.of(
        new ShellMissing(),
        new ExecutableMissing(),
        new ImageHealthcheckIgnored(),
        new CheckCannotFail(),
        new CurlWithoutFail(),
        new PortNotMapped(),
        new TimingsOutOfRange(),
        new ImageUnknown(),
        new ArchitectureMismatch(),
        new ImageUnreadable(),
        new TargetGroupMismatch(),
        new CommandNotVerified());
  }

  /**
   * Every id HealthGuard reports under, in id order: the rules {@link #all()} runs, plus HG000
   * (the guard's own problems). Each has a page under
   * {@code docs/rules/}.
   */
  public static List<Rule> documented() {
    java.util.Map<String, Rule> byId = new java.util.TreeMap<>();
    byId.put("HG000", new GuardProblem());
    all().forEach(rule -> byId.put(rule.id(), rule));
    return List.copyOf(byId.values());
  }

  /** The documented rule with this id. */
  public static java.util.Optional<Rule> byId(String id) {
    return documented().stream().filter(rule -> rule.id().equals(id)).findFirst();
  }
}
