package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the image being built has accumulated so far along the FROM chain: the image config
 * (ENV, WORKDIR, USER, HEALTHCHECK, SHELL) that a child stage inherits, the steps, and the
 * package-manager ledger. ARGs are not here: they do not cross a FROM.
 */
final class ImageState {
  final Map<String, String> env = new LinkedHashMap<>();
  final List<Step> steps = new ArrayList<>();
  final PackageLedger ledger = new PackageLedger();
  final Set<String> directories = new HashSet<>();
  List<String> shell = List.of("/bin/sh", "-c");
  /** Null until a WORKDIR: the base image's own working directory is not known. */
  String workdir;
  String user;
  ImageRecipe.HealthcheckInstruction healthcheck;
  String pathEnv;
  SourceLocation pathInstruction;
  /** RUN instructions seen so far, against {@link Limits#MAX_RUN_ANALYSES}. */
  int runs;

  /** The working directory, taking an unknown base-image one as {@code /}, BuildKit's default. */
  String workdirOrRoot() {
    return workdir == null ? "/" : workdir;
  }
}
