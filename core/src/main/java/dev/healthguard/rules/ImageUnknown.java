package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import dev.healthguard.image.Fact;
import dev.healthguard.image.ImageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * HG008: the guard cannot tell what the image contains, so it cannot prove the check runs. Never
 * an error (DESIGN.md, principle 1); says how to make the image known.
 */
public final class ImageUnknown implements Rule {

  @Override
  public String id() {
    return "HG008";
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String title() {
    return "Image contents unknown";
  }

  @Override
  public String explanation() {
    return "The image is neither built from a local Dockerfile nor in the catalog of known base "
        + "images, so whether the health check can run there is not proven either way.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.hasHealthCheck() || subject.image().readFailed()) {
      return List.of();
    }
    if (!subject.image().isKnown()) {
      return List.of(finding(subject, "the guard cannot tell what the image contains ("
          + subject.image().unknownReason() + "), so the health check is not verified.",
          List.of(new Evidence("image", subject.target().image().display())), how(subject.target().image())));
    }
    // A Dockerfile's own steps are facts even on an unknown base; what they do not cover is not.
    List<String> unproven = subject.image().unknownBase() == null ? List.of() : unproven(subject);
    if (unproven.isEmpty()) {
      return List.of();
    }
    return List.of(finding(subject, "the guard cannot tell what the base image contains ("
        + subject.image().unknownBase() + "), so whether the image has " + String.join(" and ", unproven)
        + " is not known and the health check is not verified.",
        subject.image().provenance(),
        "base the Dockerfile on an image in the catalog (see the README's list), or run the check in exec form "
            + "with a binary the Dockerfile copies in"));
  }

  /** The shell and programs the check needs that the profile neither proves present nor absent. */
  private static List<String> unproven(Subject subject) {
    List<String> needed = new ArrayList<>();
    if (subject.command().requiredShell() != null) {
      needed.add(subject.command().requiredShell());
    }
    for (String name : subject.command().executables()) {
      if (!needed.contains(name)) {
        needed.add(name);
      }
    }
    return needed.stream().filter(name -> {
      Fact fact = subject.image().executable(name);
      return !fact.isPresent() && !fact.isAbsent();
    }).toList();
  }

  private static String how(ImageRef image) {
    if (image instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
      return "give the stack an env with its account and region, so the repository can be addressed";
    } else if (image instanceof ImageRef.Ecr) {
      return "turn ECR lookups on once (cdk synth -c healthguard:lookups=true, with credentials that may call "
          + "ecr:BatchGetImage and ecr:GetDownloadUrlForLayer) and commit " + "healthguard.context.json";
    } else if (image instanceof ImageRef.Unresolved) {
      return "name the image with a literal (fromRegistry(\"repo:tag\")) "
          + "or build it with ContainerImage.fromAsset so its Dockerfile can be read";
    } else if (image instanceof ImageRef.Asset) {
      return "fix the Dockerfile so it can be read, or base it on an image in the catalog";
    }
    return "base the image on one in the catalog (see the README's list), "
        + "or build it with ContainerImage.fromAsset so its Dockerfile can be read";
  }

  private Finding finding(Subject subject, String problem, List<Evidence> evidence, String how) {
    return new Finding(id(), severity(), subject.target(), subject.image().image(), problem, evidence, how);
  }
}
