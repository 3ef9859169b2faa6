package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import java.util.List;

/**
 * HG010: the guard tried to read the image and could not: a Dockerfile that does not parse, or an
 * ECR lookup that failed (access denied, not found, throttled, a digest mismatch, an oversized or
 * hostile blob). The synth goes on; the check is simply not verified.
 */
public final class ImageUnreadable implements Rule {

  @Override
  public String id() {
    return "HG010";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Image could not be read";
  }

  @Override
  public String explanation() {
    return "Reading the image's Dockerfile or looking it up in ECR failed, so whether the health check "
        + "can run there is not verified; the message names the cause.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.image().readFailed()) {
      return List.of();
    }
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the image could not be read: " + subject.image().unknownReason() + ".",
        List.of(new Evidence("image", subject.target().image().display())),
        "fix the cause above, or acknowledge " + id() + " to accept an unverified health check"));
  }
}
