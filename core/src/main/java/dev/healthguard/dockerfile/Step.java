package dev.healthguard.dockerfile;

import java.util.List;

/**
 * One thing a build does to the file system of the image being built, in build order. Stage
 * evaluation emits these for the chain of stages that ends in the build target.
 */
public sealed interface Step {
  SourceLocation location();

  /**
   * {@code apk add}, {@code apt-get install}, {@code dnf install}, … in a RUN.
   *
   * @param manager {@code apk}, {@code apt}, {@code dnf}, {@code yum}, {@code microdnf}
   * @param packages package names as written, version pins stripped ({@code curl=8.5.0-r0} → {@code curl})
   */
  record PackagesAdded(String manager, List<String> packages, SourceLocation location) implements Step {
    public PackagesAdded {
      packages = List.copyOf(packages);
    }
  }

  /** {@code apk del}, {@code apt-get remove/purge}, {@code dnf remove}, … in a RUN. */
  record PackagesRemoved(String manager, List<String> packages, SourceLocation location) implements Step {
    public PackagesRemoved {
      packages = List.copyOf(packages);
    }
  }

  /**
   * COPY or ADD (also a {@code COPY --from}).
   *
   * @param paths absolute paths in the image that this step creates: for each source that names a
   *     file, the file's destination path; for a source that is (or may be) a directory, the
   *     destination directory followed by {@code /}
   * @param from the stage name or external image of {@code --from}, or null for the build context
   */
  record FilesAdded(List<String> paths, String from, SourceLocation location) implements Step {
    public FilesAdded {
      paths = List.copyOf(paths);
    }
  }

  /**
   * A RUN, or part of one, whose effect on the file system is not modelled (anything other than a
   * package manager call). Kept so that a later reader can tell that, for example, a RUN line
   * mentions {@code curl} and might have installed it.
   */
  record OpaqueRun(String command, SourceLocation location) implements Step {}
}
