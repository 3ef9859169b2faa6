package dev.healthguard.shell;

/**
 * Which shell language a script is run by, as far as the analyser needs to know.
 *
 * <p>{@code /bin/sh} differs by image: dash on Debian and Ubuntu, busybox ash on Alpine and
 * distroless {@code :debug}, bash on Amazon Linux and UBI (base-images.md §2). A script run by
 * {@code /bin/sh} must therefore be read as plain POSIX sh; bash extensions are noted as problems.
 */
public enum Dialect {
  /** POSIX sh: dash, busybox ash, or bash in POSIX mode; the lowest common denominator. */
  SH,
  /** Bash, chosen explicitly with {@code bash -c}. */
  BASH
}
