package dev.healthguard.fix;

import dev.healthguard.task.HealthCheck;
import java.util.List;

/** The change that makes a target's health check able to run, or why there is no safe one. */
public sealed interface Remedy {

  /** What the change is for, in a sentence that names the evidence. */
  String why();

  /**
   * Replace the command with one the image can run (keeping URL, port and fail semantics).
   *
   * @param command exec form, {@code ["CMD", …]}
   */
  record Rewrite(List<String> command, String why) implements Remedy {
    public Rewrite {
      command = List.copyOf(command);
    }
  }

  /** Copy the image's own {@code HEALTHCHECK} into the task definition, which ECS otherwise ignores. */
  record Lift(HealthCheck healthCheck, String why) implements Remedy {}

  /**
   * The image has nothing to run a check with: bring a probe.
   *
   * @param probeArgs what the probe checks: {@code ["http", url]} or {@code ["tcp", "127.0.0.1:<port>"]}
   */
  record InjectProbe(List<String> probeArgs, String why) implements Remedy {
    public InjectProbe {
      probeArgs = List.copyOf(probeArgs);
    }
  }

  /** Nothing safe to do; the findings stay as they are and say why. */
  record None(String why) implements Remedy {}
}
