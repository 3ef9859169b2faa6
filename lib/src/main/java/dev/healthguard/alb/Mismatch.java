package dev.healthguard.alb;

import dev.healthguard.image.Evidence;
import java.util.List;

/**
 * One way a target group's check, the container's check and the grace period disagree.
 *
 * @param kind which setting
 * @param problem one sentence for the finding
 * @param evidence the two sides, target group first
 * @param fix what to do, for the finding
 * @param desired the value {@link AlbAlignment#apply} sets (a path, {@code traffic-port}, codes,
 *     or seconds); null when the guard cannot choose one safely
 */
record Mismatch(Kind kind, String problem, List<Evidence> evidence, String fix, String desired) {

  enum Kind { PATH, PORT, CODES, GRACE_PERIOD }

  Mismatch {
    evidence = List.copyOf(evidence);
  }

  boolean fixable() {
    return desired != null;
  }
}
