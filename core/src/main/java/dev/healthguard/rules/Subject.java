package dev.healthguard.rules;

import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.task.Target;

/**
 * What a rule looks at: a container, what its image contains, and its health-check command.
 *
 * @param target the container
 * @param image the image's profile (possibly unknown)
 * @param command the analysed health-check command, or null when the container has none
 */
public record Subject(Target target, ImageProfile image, CommandAnalysis command) {

  public boolean hasHealthCheck() {
    return command != null;
  }
}
