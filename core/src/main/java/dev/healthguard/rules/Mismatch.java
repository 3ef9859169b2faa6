package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import java.util.List;

/**
 * One way a target group's check, the container's check and the grace period disagree
 * ({@link TargetGroupMismatch}).
 *
 * @param kind which setting
 * @param problem one sentence for the finding
 * @param evidence the two sides, target group first
 * @param fix what to do, for the finding
 * @param desired the value fix mode sets (a path, {@code traffic-port}, codes,
 *     or seconds); null when the guard cannot choose one safely
 */
public record Mismatch(Kind kind, String problem, List<Evidence> evidence, String fix, String desired) {

  /** The setting that disagrees. */
  public enum Kind { PATH, PORT, CODES, GRACE_PERIOD }

  public Mismatch {
    evidence = List.copyOf(evidence);
  }

  /** Whether fix mode knows a safe value to set. */
  public boolean fixable() {
    return desired != null;
  }
}
