package dev.healthguard.rules;

import dev.healthguard.image.ImageProfile;

/** The rules' advice for when the image has no tool to run a check with. */
final class Advice {

  private Advice() {}

  /** Generic advice when the image has nothing to run a check with. */
  static String probe() {
    return "copy a statically linked probe binary into the image and call it in exec form, e.g. "
        + "[\"CMD\", \"/healthcheck\"] (COPY --from=<probe image> /healthcheck /healthcheck)"
        + ", or move the check to the load balancer's target group";
  }

  /** The catalog's advice for the base image's family, as a trailing sentence, or nothing. */
  static String hint(ImageProfile image) {
    return image.hint() == null ? "" : ". For this base image: " + image.hint();
  }
}
