package dev.healthguard.image;

import dev.healthguard.dockerfile.ImageRecipe;
import dev.healthguard.dockerfile.SourceLocation;
import dev.healthguard.dockerfile.Step;
import dev.healthguard.registry.ConfigHealthcheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives what a built image contains from its Dockerfile recipe: the catalog's profile of the base
 * image, then every package the build adds or removes and every file it copies onto the PATH.
 */
final class DockerfileProfiler {

  private static final Pattern WORD_BOUNDARY = Pattern.compile("[^A-Za-z0-9_.+-]+");

  /** The registry's profile of a base image for a platform, when lookups or the cache have one. */
  interface RegistryBase {
    Optional<ImageProfile> profile(ImageName name, String platform);
  }

  /** RUNs named as evidence for one weakened fact; a hostile build may have thousands. */
  private static final int MAX_RUN_NOTES = 5;

  private final Catalog catalog;
  private final RegistryBase registry;

  DockerfileProfiler(Catalog catalog, RegistryBase registry) {
    this.catalog = catalog;
    this.registry = registry;
  }

  /**
   * @param image how to name the image in messages
   * @param certain whether the recipe was evaluated with the real build parameters
   * @param platform the task's platform, for a base image read from its registry; the FROM line's
   *     {@code --platform} wins when it names one
   */
  ImageProfile profile(String image, ImageRecipe recipe, boolean certain, String platform) {
    Optional<CatalogMatch> match = baseMatch(recipe);
    // The real image, when its registry was read, wins over the catalog's row for its family.
    Optional<ImageProfile> read = baseName(recipe).flatMap(name -> registry.profile(name, basePlatform(recipe, platform)));
    ImageProfile base = read.filter(p -> p.isKnown() && p.exhaustive())
        .or(() -> match.map(CatalogMatch::profile))
        .or(() -> read)
        .orElseGet(() -> unknownBase(recipe));
    if (!base.isKnown() && recipe.steps().isEmpty()) {
      return ImageProfile.unknown(image, base.unknownReason());
    }
    boolean wolfi = match.map(m -> m.rowId().startsWith("chainguard") || m.rowId().startsWith("wolfi")).orElse(false);
    Build build = new Build(image, base, recipe, certain, wolfi);
    for (Step step : recipe.steps()) {
      if (step instanceof Step.PackagesAdded added) {
        build.added(added);
      } else if (step instanceof Step.PackagesRemoved removed) {
        build.removed(removed);
      } else if (step instanceof Step.FilesAdded files) {
        build.files(files);
      } else if (step instanceof Step.OpaqueRun run) {
        build.opaque(run);
      }
    }
    return build.finish(recipe);
  }

  private Optional<CatalogMatch> baseMatch(ImageRecipe recipe) {
    return baseName(recipe).flatMap(catalog::lookup);
  }

  private static Optional<ImageName> baseName(ImageRecipe recipe) {
    if (recipe.baseImage() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageName.parse(recipe.baseImage()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String basePlatform(ImageRecipe recipe, String platform) {
    String from = recipe.platform();
    return from != null && from.matches("[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?") ? from : platform;
  }

  private ImageProfile unknownBase(ImageRecipe recipe) {
    if (recipe.baseImage() == null) {
      return ImageProfile.unknown("(unresolved FROM)", "the FROM line " + recipe.baseInstruction() + " could not be expanded");
    }
    String why;
    try {
      why = catalog.outsideVerified(ImageName.parse(recipe.baseImage())).map(w -> ": " + w).orElse(" is not in the catalog");
    } catch (IllegalArgumentException e) {
      why = " is not in the catalog";
    }
    return ImageProfile.unknown(recipe.baseImage(), "the base image " + recipe.baseImage() + why);
  }

  private static Fact prepend(Fact fact, Evidence first) {
    List<Evidence> evidence = new ArrayList<>(fact.evidence());
    evidence.add(0, first);
    return new Fact(fact.name(), fact.presence(), fact.path(), fact.variant(), fact.certainty(), evidence);
  }

  private static Evidence evidence(SourceLocation at) {
    return new Evidence(at.file() + ":" + at.startLine(), at.text(), new FileLine(at.file(), at.startLine()));
  }

  /**
   * The FROM line as written and, when ARGs made the name, the image it resolved to: {@code
   * Dockerfile:3 FROM node:${NODE_VERSION}-slim (node:18-slim)}.
   */
  private static Evidence fromEvidence(ImageRecipe recipe) {
    Evidence line = evidence(recipe.baseInstruction());
    String resolved = recipe.baseImage();
    return resolved == null || line.what().contains(resolved) ? line
        : new Evidence(line.where(), line.what() + " (" + resolved + ")");
  }

  /** The profile being built, step by step. */
  private static final class Build {
    private final ImageProfile base;
    private final boolean baseKnown;
    private final ImageProfile.Builder out;
    private final Certainty certainty;
    /** Executables that unknown files (a whole directory copied onto the PATH) may have added. */
    private boolean unknownFilesOnPath;
    private final List<Step.OpaqueRun> opaqueRuns = new ArrayList<>();
    private Set<String> opaqueWords;
    /** What each executable was before the build first installed it, to restore on removal. */
    private final Map<String, Fact> before = new HashMap<>();

    private final boolean wolfi;

    Build(String image, ImageProfile base, ImageRecipe recipe, boolean certain, boolean wolfi) {
      this.base = base;
      this.wolfi = wolfi;
      this.baseKnown = base.isKnown();
      this.certainty = certain ? Certainty.CERTAIN : Certainty.LIKELY;
      this.out = base.isKnown() ? base.toBuilder().image(image) : new ImageProfile.Builder(image);
      if (recipe.baseInstruction() != null && base.isKnown()) {
        // Facts the build does not change come from the base image: the FROM line is their evidence.
        Evidence fromLine = fromEvidence(recipe);
        for (Fact fact : List.copyOf(out.executables().values())) {
          out.executable(prepend(fact, fromLine));
        }
        out.shell(prepend(base.shell(), fromLine));
      }
      if (!base.isKnown()) {
        out.provenance(new Evidence("base image " + base.image(), "is unknown: " + base.unknownReason()));
        out.unknownBase(base.unknownReason());
      }
    }

    void added(Step.PackagesAdded step) {
      for (String pkg : step.packages()) {
        for (PackageExecutable exe : PackageFacts.executables(manager(step.manager()), pkg)) {
          before.putIfAbsent(exe.name(), out.executable(exe.name()));
          out.executable(new Fact(exe.name(), Presence.PRESENT, exe.path(), exe.variant(), certainty,
              List.of(evidence(step.location()))));
          if (exe.name().equals("sh") || "/bin/sh".equals(exe.path())) {
            out.shell(new Fact("sh", Presence.PRESENT, "/bin/sh", exe.variant(), certainty, List.of(evidence(step.location()))));
          }
        }
      }
    }

    void removed(Step.PackagesRemoved step) {
      for (String pkg : step.packages()) {
        for (PackageExecutable exe : PackageFacts.executables(manager(step.manager()), pkg)) {
          Fact previous = before.get(exe.name());
          // Removing GNU wget from alpine brings busybox's applet back: the base's fact returns.
          if (previous != null && previous.isPresent()) {
            out.executable(previous);
          } else {
            out.executable(new Fact(exe.name(), Presence.ABSENT, exe.path(), exe.variant(), certainty,
                List.of(evidence(step.location()))));
          }
        }
      }
    }

    void files(Step.FilesAdded step) {
      List<String> path = currentPath();
      for (String file : step.paths()) {
        if (file.endsWith("/")) {
          String dir = file.length() > 1 ? file.substring(0, file.length() - 1) : file;
          if (path.contains(dir) || dir.equals("/") || dir.equals("/bin") || dir.equals("/usr")) {
            unknownFilesOnPath = true;
          }
          continue;
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        Fact fact = new Fact(name, Presence.PRESENT, file, null, certainty, List.of(evidence(step.location())));
        if (file.equals("/bin/sh")) {
          out.shell(new Fact("sh", Presence.PRESENT, file, null, certainty, List.of(evidence(step.location()))));
        } else {
          out.executable(fact);
        }
      }
    }

    private String manager(String manager) {
      return wolfi && manager.equals("apk") ? "wolfi" : manager;
    }

    void opaque(Step.OpaqueRun step) {
      opaqueRuns.add(step);
    }

    private List<String> currentPath() {
      return base.path().isEmpty() ? ImageProfile.DEFAULT_PATH : base.path();
    }

    ImageProfile finish(ImageRecipe recipe) {
      if (recipe.baseInstruction() != null) {
        out.provenanceFirst(fromEvidence(recipe));
      }
      if (recipe.pathEnv() != null) {
        String inherited = String.join(":", currentPath());
        String expanded = recipe.pathEnv().replace("${PATH}", inherited).replace("$PATH", inherited);
        out.path(Arrays.stream(expanded.split(":")).filter(s -> !s.isEmpty()).toList());
      } else if (!baseKnown) {
        out.path(List.of());
      }
      if (recipe.user() != null) {
        out.user(recipe.user());
      }
      if (recipe.healthcheck() != null) {
        var hc = recipe.healthcheck();
        // The Dockerfile's --start-interval is not read, so it stays unset (inherit).
        out.healthcheck(new ConfigHealthcheck(hc.test(), hc.interval(), hc.timeout(), hc.startPeriod(), null, hc.retries()),
            evidence(hc.location()));
      }
      weaken();
      return out.build();
    }

    /**
     * Absence is only as certain as the build is understood: an unmodelled RUN that names a tool,
     * or a directory copied onto the PATH, may have put it there.
     */
    private void weaken() {
      boolean anyOpaque = !opaqueRuns.isEmpty();
      if (unknownFilesOnPath || anyOpaque) {
        out.exhaustive(false);
      }
      for (Fact fact : List.copyOf(out.executables().values())) {
        if (fact.isAbsent() && (unknownFilesOnPath || mentioned(fact.name()))) {
          out.executable(new Fact(fact.name(), fact.presence(), fact.path(), fact.variant(), Certainty.LIKELY,
              withNote(fact.evidence(), fact.name())));
        }
      }
      Fact shell = out.build().shell();
      if (shell.isAbsent() && (unknownFilesOnPath || opaqueRuns.stream().anyMatch(r -> r.command().contains("/bin/sh")))) {
        out.shell(new Fact("sh", Presence.ABSENT, null, null, Certainty.LIKELY, withNote(shell.evidence(), "/bin/sh")));
      }
      if (certainty == Certainty.LIKELY) {
        for (Fact fact : List.copyOf(out.executables().values())) {
          out.executable(new Fact(fact.name(), fact.presence(), fact.path(), fact.variant(), Certainty.LIKELY, fact.evidence()));
        }
        Fact sh = out.build().shell();
        out.shell(new Fact(sh.name(), sh.presence(), sh.path(), sh.variant(), Certainty.LIKELY, sh.evidence()));
      }
    }

    // The words of all opaque RUNs, split once: a build may have thousands of them (issue 10).
    private boolean mentioned(String name) {
      if (opaqueWords == null) {
        opaqueWords = new HashSet<>();
        for (Step.OpaqueRun run : opaqueRuns) {
          opaqueWords.addAll(Arrays.asList(WORD_BOUNDARY.split(run.command())));
        }
      }
      return opaqueWords.contains(name);
    }

    private List<Evidence> withNote(List<Evidence> evidence, String name) {
      List<Evidence> notes = new ArrayList<>(evidence);
      if (unknownFilesOnPath) {
        notes.add(new Evidence("Dockerfile", "copies a directory onto the PATH, which may contain " + name));
      }
      int more = 0;
      for (Step.OpaqueRun run : opaqueRuns) {
        if (!run.command().contains(name)) {
          continue;
        }
        if (notes.size() - evidence.size() < MAX_RUN_NOTES) {
          SourceLocation at = run.location();
          notes.add(new Evidence(at.file() + ":" + at.startLine(), "RUN mentions " + name + " and may install it",
              new FileLine(at.file(), at.startLine())));
        } else {
          more++;
        }
      }
      if (more > 0) {
        notes.add(new Evidence("Dockerfile", more + " more RUN instructions mention " + name));
      }
      return notes;
    }
  }
}
