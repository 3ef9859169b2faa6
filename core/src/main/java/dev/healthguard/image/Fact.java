package dev.healthguard.image;

import java.util.List;

/**
 * What an image holds for one executable (or for {@code /bin/sh}).
 *
 * @param name the executable's command name, e.g. {@code curl}, or {@code sh} for the shell
 * @param presence present, absent or unknown
 * @param path where it lives when present and known, e.g. {@code /usr/bin/wget}; may be null
 * @param variant which implementation when that matters: {@code busybox}, {@code GNU}, {@code dash},
 *     {@code bash}, {@code curl-minimal}; may be null
 * @param certainty how sure the fact is
 * @param evidence why the guard believes it, most specific first
 */
public record Fact(
    String name,
    Presence presence,
    String path,
    String variant,
    Certainty certainty,
    List<Evidence> evidence) {

  public Fact {
    evidence = List.copyOf(evidence);
  }

  public static Fact unknown(String name, Evidence why) {
    return new Fact(name, Presence.UNKNOWN, null, null, Certainty.LIKELY, List.of(why));
  }

  public boolean isPresent() {
    return presence == Presence.PRESENT;
  }

  /** Absent, and sure enough about it to fail a synth. */
  public boolean isCertainlyAbsent() {
    return presence == Presence.ABSENT && certainty == Certainty.CERTAIN;
  }

  public boolean isAbsent() {
    return presence == Presence.ABSENT;
  }
}
