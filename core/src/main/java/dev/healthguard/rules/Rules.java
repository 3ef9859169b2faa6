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
        new ImageUnreadable());
  }
}
