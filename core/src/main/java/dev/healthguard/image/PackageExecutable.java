package dev.healthguard.image;

import java.util.Objects;

/**
 * An executable that a distribution package installs.
 *
 * @param name the command name, e.g. {@code nc}
 * @param path where the package puts it, e.g. {@code /usr/bin/nc}; null when not recorded
 * @param variant which implementation when that matters ({@code GNU}, {@code busybox}, {@code
 *     openbsd}, {@code curl-minimal}); may be null
 * @param source where the fact comes from
 */
public record PackageExecutable(String name, String path, String variant, String source) {

  public PackageExecutable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
  }
}
