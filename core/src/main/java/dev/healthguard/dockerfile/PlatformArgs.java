package dev.healthguard.dockerfile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ARGs BuildKit defines by itself: {@code TARGETPLATFORM}, {@code TARGETOS},
 * {@code TARGETARCH}, {@code TARGETVARIANT} and the {@code BUILD…} ones. They are visible in the
 * global scope (FROM lines) and, once declared with a bare {@code ARG TARGETARCH}, in a stage.
 * The target platform is {@link BuildOptions#platform()} or linux/amd64. The build platform is
 * the machine running {@code cdk synth}/{@code docker build}, which we cannot see; it is assumed
 * to be linux/amd64.
 */
final class PlatformArgs {
  static final String DEFAULT_PLATFORM = "linux/amd64";

  private PlatformArgs() {}

  /** @throws DockerfileException when {@code platform} is not {@code os/arch[/variant]} */
  static Map<String, String> of(String platform, String fileName) {
    Map<String, String> args = new LinkedHashMap<>();
    put(args, "TARGET", parse(platform == null ? DEFAULT_PLATFORM : platform, fileName));
    put(args, "BUILD", parse(DEFAULT_PLATFORM, fileName));
    return args;
  }

  private record Platform(String os, String arch, String variant) {
    String text() {
      return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    }
  }

  private static void put(Map<String, String> args, String prefix, Platform p) {
    args.put(prefix + "PLATFORM", p.text());
    args.put(prefix + "OS", p.os());
    args.put(prefix + "ARCH", p.arch());
    args.put(prefix + "VARIANT", p.variant());
  }

  // Normalised the way containerd's platforms package does for the common spellings.
  private static Platform parse(String text, String fileName) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new DockerfileException(new SourceLocation(fileName, 0, 0, ""),
          "platform " + GoText.quoteExcerpt(text) + " is not os/arch[/variant], e.g. linux/arm64");
    }
    String arch = switch (parts[1]) {
      case "x86_64", "x86-64" -> "amd64";
      case "aarch64" -> "arm64";
      case "i386" -> "386";
      default -> parts[1];
    };
    String variant = parts.length == 3 ? parts[2] : "";
    if (arch.equals("arm64") && variant.equals("v8")) {
      variant = ""; // the default arm64 variant is left out, as containerd does
    }
    return new Platform(parts[0], arch, variant);
  }
}
