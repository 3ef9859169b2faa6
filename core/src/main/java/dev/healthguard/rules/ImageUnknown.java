package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import dev.healthguard.image.ImageRef;
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
    if (!subject.hasHealthCheck() || subject.image().isKnown() || subject.image().readFailed()) {
      return List.of();
    }
    ImageRef image = subject.target().image();
    String how;
    if (image instanceof ImageRef.Ecr ecr && !ecr.addressable()) {
      how = "give the stack an env with its account and region, so the repository can be addressed";
    } else if (image instanceof ImageRef.Ecr) {
      how = "turn ECR lookups on once (cdk synth -c healthguard:lookups=true, with credentials that may call "
          + "ecr:BatchGetImage and ecr:GetDownloadUrlForLayer) and commit " + "healthguard.context.json";
    } else if (image instanceof ImageRef.Unresolved) {
      how = "name the image with a literal (fromRegistry(\"repo:tag\")) "
          + "or build it with ContainerImage.fromAsset so its Dockerfile can be read";
    } else if (image instanceof ImageRef.Asset) {
      how = "fix the Dockerfile so it can be read, or base it on an image in the catalog";
    } else {
      how = "base the image on one in the catalog (see the README's list), "
          + "or build it with ContainerImage.fromAsset so its Dockerfile can be read";
    }
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the guard cannot tell what the image contains (" + subject.image().unknownReason() + "), so the health check is not verified.",
        List.of(new Evidence("image", subject.target().image().display())), how));
  }
}
