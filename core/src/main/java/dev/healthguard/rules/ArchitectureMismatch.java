package dev.healthguard.rules;

import dev.healthguard.image.Evidence;
import java.util.List;
import java.util.Locale;

/**
 * HG009: the task's CPU architecture is one the image is not published for: an ARM64 task whose
 * image has no {@code linux/arm64} variant, or the reverse. The container then fails to start
 * ({@code exec format error}), so the health check is moot.
 */
public final class ArchitectureMismatch implements Rule {

  @Override
  public String id() {
    return "HG009";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String title() {
    return "Task CPU architecture the image is not built for";
  }

  @Override
  public String explanation() {
    return "ECS pulls the image variant for the task's runtimePlatform.cpuArchitecture; when the image "
        + "has no such variant the task fails with CannotPullContainerError or exec format error.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    List<String> platforms = subject.image().platforms();
    if (platforms.isEmpty()) {
      return List.of();
    }
    String wanted = "ARM64".equals(subject.target().cpuArchitecture().toUpperCase(Locale.ROOT)) ? "linux/arm64" : "linux/amd64";
    if (platforms.stream().anyMatch(p -> p.equals(wanted) || p.startsWith(wanted + "/"))) {
      return List.of();
    }
    return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
        "the task runs on " + subject.target().cpuArchitecture() + " (" + wanted + "), but the image is published only for "
            + String.join(", ", platforms) + ".",
        subject.image().provenance().isEmpty()
            ? List.of(new Evidence("image", subject.image().image()))
            : List.of(subject.image().provenance().get(0)),
        "build and push a " + wanted + " variant (docker buildx build --platform " + wanted + ", or ko build --platform="
            + wanted + "), or set runtimePlatform.cpuArchitecture to match the image"));
  }
}
