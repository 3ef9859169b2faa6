package dev.healthguard.rules;

import java.util.List;

/** The built-in rules, in id order. */
public final class Rules {

  private Rules() {}

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
        new CommandNotVerified());
  }

  /**
   * Every id HealthGuard reports under, in id order: the rules {@link #all()} runs per container,
   * plus HG000 (the guard's own problems) and HG011 (compared per service). Each has a page under
   * {@code docs/rules/}.
   */
  public static List<Rule> documented() {
    java.util.Map<String, Rule> byId = new java.util.TreeMap<>();
    byId.put("HG000", new GuardProblem());
    byId.put("HG011", new TargetGroupMismatch());
    all().forEach(rule -> byId.put(rule.id(), rule));
    return List.copyOf(byId.values());
  }

  /** The documented rule with this id. */
  public static java.util.Optional<Rule> byId(String id) {
    return documented().stream().filter(rule -> rule.id().equals(id)).findFirst();
  }
}
