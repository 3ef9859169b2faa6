package dev.healthguard.image;

/**
 * The base images that build tools pick when the user names none, so an image built by one of
 * them can be looked up in the {@link Catalog} by its base (base-images.md §3).
 */
public final class BuildToolDefaults {

  private BuildToolDefaults() {}

  /**
   * ko's default base since v0.13, {@code cgr.dev/chainguard/static:latest}
   * (ko-build/ko@42978711:pkg/commands/options/build.go:34). ko adds the app at {@code
   * /ko-app/<name>} and appends {@code /ko-app} to PATH; {@code .ko.yaml} or {@code
   * KO_DEFAULTBASEIMAGE} may override the base.
   */
  public static ImageName ko() {
    return ImageName.parse("cgr.dev/chainguard/static:latest");
  }

  /**
   * Jib's default base for a non-WAR project on {@code javaVersion}: {@code eclipse-temurin:<v>-jre}
   * for the smallest of 8, 11, 17, 21, 25 at least that version (Jib 3.2 and later;
   * GoogleContainerTools/jib@fb949e26 PluginConfigurationProcessor.java:770-788).
   *
   * @throws IllegalArgumentException for a Java version Jib has no default for
   */
  public static ImageName jib(int javaVersion) {
    if (javaVersion < 1) {
      throw new IllegalArgumentException("Java version must be positive, got " + javaVersion);
    }
    for (int lts : new int[] {8, 11, 17, 21, 25}) {
      if (javaVersion <= lts) {
        return ImageName.parse("eclipse-temurin:" + lts + "-jre");
      }
    }
    throw new IllegalArgumentException(
        "Jib has no default base image for Java " + javaVersion + " (newest is 25); set jib.from.image");
  }
}
