package dev.healthguard.report;

import dev.healthguard.image.Evidence;
import dev.healthguard.image.FileLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The file a report entry points at, shared by both report formats. */
final class Locations {

  private Locations() {}

  /**
   * The most specific line of the app's files among the evidence (rules list the most specific
   * first), e.g. the Dockerfile's FROM line; else the template, without a line; else nothing.
   */
  static Optional<FileLine> fileOf(List<Evidence> evidence, ResourceLocation resource) {
    for (Evidence item : evidence) {
      if (item.at() != null) {
        return Optional.of(item.at());
      }
    }
    String template = resource == null ? null : resource.templateFile();
    return template == null ? Optional.empty() : Optional.of(new FileLine(FileLine.appPath(Path.of(template)), 0));
  }
}
