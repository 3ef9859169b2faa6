package dev.healthguard.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * An image platform as an OCI index entry states it: {@code linux/amd64}, {@code linux/arm64/v8}
 * (image-spec image-index.md {@code platform}; ecr-oci.md §2.2).
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}, or null
 */
public record Platform(String os, String architecture, String variant) {

  /** What an ECS task runs when it has no {@code runtimePlatform} (ecr-oci.md §2.2). */
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  /** An ECS task with {@code cpuArchitecture: ARM64}. */
  public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", null);

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    if (os.isBlank() || architecture.isBlank()) {
      throw new IllegalArgumentException("A platform needs an os and an architecture, got: '" + os + "/" + architecture + "'");
    }
    if (variant != null && variant.isBlank()) {
      variant = null;
    }
  }

  /**
   * Reads {@code os/architecture[/variant]}.
   *
   * @throws IllegalArgumentException naming the text when it has not two or three parts
   */
  public static Platform parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("Invalid platform '" + text + "': expected os/architecture[/variant], e.g. linux/arm64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * The platform of an ECS {@code runtimePlatform.cpuArchitecture}: {@code X86_64} (or null, the
   * default) is {@code linux/amd64}, {@code ARM64} is {@code linux/arm64} (ecr-oci.md §2.2).
   *
   * @throws IllegalArgumentException for another value
   */
  public static Platform forEcsCpuArchitecture(String cpuArchitecture) {
    if (cpuArchitecture == null || cpuArchitecture.equals("X86_64")) {
      return LINUX_AMD64;
    }
    if (cpuArchitecture.equals("ARM64")) {
      return LINUX_ARM64;
    }
    throw new IllegalArgumentException("Unknown ECS cpuArchitecture '" + cpuArchitecture + "': expected X86_64 or ARM64");
  }

  /** BuildKit marks attestation manifests {@code unknown/unknown} (ecr-oci.md §2.2). */
  public boolean isUnknown() {
    return "unknown".equals(os) && "unknown".equals(architecture);
  }

  /**
   * The same platform with aliases folded and default variants dropped, so that {@code
   * linux/arm64/v8} equals {@code linux/arm64}: arm64 with no variant or {@code v8} is what ECS ARM64
   * runs (ecr-oci.md §2.2), and {@code v1} is the amd64 baseline. {@code aarch64} and {@code
   * x86_64} are the kernel's names for the same architectures.
   */
  Platform normalized() {
    String o = os.toLowerCase(Locale.ROOT);
    String a = architecture.toLowerCase(Locale.ROOT);
    String v = variant == null ? null : variant.toLowerCase(Locale.ROOT);
    switch (a) {
      case "aarch64" -> a = "arm64";
      case "x86_64", "x86-64" -> a = "amd64";
      default -> {}
    }
    if (a.equals("arm64") && ("v8".equals(v) || "8".equals(v))) {
      v = null;
    }
    if (a.equals("amd64") && "v1".equals(v)) {
      v = null;
    }
    return new Platform(o, a, v);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
