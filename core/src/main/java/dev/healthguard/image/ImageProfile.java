package dev.healthguard.image;

import dev.healthguard.registry.ConfigHealthcheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an image contains that matters for running a health check in it, each fact with its
 * evidence and certainty.
 *
 * @param image how the image is named in messages, e.g. {@code golang:1.19.2-alpine} or
 *     {@code asset ./app (Dockerfile, target server)}
 * @param shell the fact for {@code /bin/sh}, which is what Docker runs for {@code CMD-SHELL}
 * @param executables facts by command name ({@code curl}, {@code wget}, {@code busybox}, …)
 * @param exhaustive true when {@code executables} lists every executable the image has (a
 *     shell-less base such as {@code scratch} or {@code cgr.dev/chainguard/static}), so any
 *     other name is absent
 * @param path the image's {@code PATH} directories; empty when unknown
 * @param user the default user, or null when unknown
 * @param healthcheck the image's own {@code HEALTHCHECK}, or null; the same settings type whether a
 *     Dockerfile or an image config declares it
 * @param healthcheckSource where {@code healthcheck} is declared (the Dockerfile line, the image
 *     config), or null with it
 * @param provenance how the profile was derived, most specific first (the Dockerfile's FROM line,
 *     then the catalog row it led to)
 * @param unknownReason non-null when nothing is known about the image, saying why
 * @param hint what the catalog advises for images of this family (a {@code :debug} or
 *     {@code -dev} variant, the tool to use instead), or null
 * @param platforms the platforms the image is published for ({@code linux/amd64},
 *     {@code linux/arm64}); empty when unknown
 * @param readFailed true when the guard tried to read the image and failed (a registry error, a
 *     Dockerfile that does not parse), as opposed to having no way to know it
 * @param unknownBase non-null when the image is built by a Dockerfile on a base image nothing is
 *     known about, saying why: the build's own steps are facts, everything else is unknown
 */
public record ImageProfile(
    String image,
    Fact shell,
    Map<String, Fact> executables,
    boolean exhaustive,
    List<String> path,
    String user,
    ConfigHealthcheck healthcheck,
    Evidence healthcheckSource,
    List<Evidence> provenance,
    String unknownReason,
    String hint,
    List<String> platforms,
    boolean readFailed,
    String unknownBase) {

  /** Docker's default when an image sets no PATH. */
  public static final List<String> DEFAULT_PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  public ImageProfile {
    Objects.requireNonNull(image, "image");
    executables = Map.copyOf(executables);
    path = List.copyOf(path);
    provenance = List.copyOf(provenance);
    platforms = List.copyOf(platforms);
  }

  /** A profile for an image the guard cannot know; it never grounds an error. */
  public static ImageProfile unknown(String image, String reason) {
    Evidence why = new Evidence("image " + image, "is unknown: " + reason);
    return new ImageProfile(
        image, Fact.unknown("sh", why), Map.of(), false, List.of(), null, null, null, List.of(), reason, null, List.of(), false,
        null);
  }

  /** A profile for an image the guard tried to read and could not; a warning, never an error. */
  public static ImageProfile unreadable(String image, String reason) {
    ImageProfile unknown = unknown(image, reason);
    return new ImageProfile(image, unknown.shell, Map.of(), false, List.of(), null, null, null, List.of(), reason, null,
        List.of(), true, null);
  }

  public boolean isKnown() {
    return unknownReason == null;
  }

  /**
   * What Docker would find when exec'ing {@code command}: an absolute path is looked up as is, a
   * bare name on the image's PATH.
   */
  public Fact executable(String command) {
    if (!isKnown()) {
      return Fact.unknown(command, provenanceOrUnknown());
    }
    if (command.equals("/bin/sh")) {
      return shell;
    }
    return command.contains("/") ? byAbsolutePath(command) : byName(command);
  }

  private Fact byName(String name) {
    Fact fact = executables.get(name);
    if (fact == null) {
      return exhaustive ? absentBecauseExhaustive(name) : unlisted(name);
    }
    if (fact.isPresent() && fact.path() != null && !path.isEmpty() && !onPath(fact.path())) {
      List<Evidence> why = new ArrayList<>(fact.evidence());
      why.add(0, new Evidence(fact.path(), "exists but its directory is not on PATH " + String.join(":", path)));
      return new Fact(name, Presence.ABSENT, fact.path(), fact.variant(), fact.certainty(), why);
    }
    return fact;
  }

  private Fact byAbsolutePath(String absolute) {
    String name = absolute.substring(absolute.lastIndexOf('/') + 1);
    for (Fact fact : executables.values()) {
      if (absolute.equals(fact.path())) {
        return fact;
      }
    }
    Fact byName = executables.get(name);
    if (byName != null && byName.isPresent() && byName.path() == null) {
      return new Fact(absolute, Presence.PRESENT, null, byName.variant(), Certainty.LIKELY, byName.evidence());
    }
    if (exhaustive || (byName != null && byName.isAbsent() && isStandardBinDir(absolute))) {
      return exhaustive ? absentBecauseExhaustive(absolute) : byName;
    }
    return unlisted(absolute);
  }

  private boolean onPath(String file) {
    String dir = file.substring(0, Math.max(1, file.lastIndexOf('/')));
    return path.contains(dir);
  }

  private static boolean isStandardBinDir(String file) {
    String dir = file.substring(0, Math.max(1, file.lastIndexOf('/')));
    return DEFAULT_PATH.contains(dir);
  }

  private Fact absentBecauseExhaustive(String name) {
    List<Evidence> why = new ArrayList<>(provenance);
    return new Fact(name, Presence.ABSENT, null, null, shellCertainty(), why);
  }

  private Certainty shellCertainty() {
    return shell == null ? Certainty.LIKELY : shell.certainty();
  }

  private Fact unlisted(String name) {
    return Fact.unknown(name, new Evidence("image " + image, "no fact about " + name));
  }

  private Evidence provenanceOrUnknown() {
    return provenance.isEmpty() ? new Evidence("image " + image, "is unknown: " + unknownReason) : provenance.get(0);
  }

  /** The same facts under another name, for messages. */
  public ImageProfile renamed(String newImage) {
    return new ImageProfile(newImage, shell, executables, exhaustive, path, user, healthcheck, healthcheckSource,
        provenance, unknownReason,
        hint, platforms, readFailed, unknownBase);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a profile step by step; the Dockerfile and ECR sources start from a base profile. */
  public static final class Builder {
    private String image;
    private Fact shell;
    private final Map<String, Fact> executables = new LinkedHashMap<>();
    private boolean exhaustive;
    private List<String> path = List.of();
    private String user;
    private ConfigHealthcheck healthcheck;
    private Evidence healthcheckSource;
    private final List<Evidence> provenance = new ArrayList<>();
    private String hint;
    private List<String> platforms = List.of();
    private String unknownBase;

    public Builder(String image) {
      this.image = image;
    }

    private Builder(ImageProfile from) {
      image = from.image;
      shell = from.shell;
      executables.putAll(from.executables);
      exhaustive = from.exhaustive;
      path = from.path;
      user = from.user;
      healthcheck = from.healthcheck;
      healthcheckSource = from.healthcheckSource;
      provenance.addAll(from.provenance);
      hint = from.hint;
      platforms = from.platforms;
      unknownBase = from.unknownBase;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder shell(Fact shell) {
      this.shell = shell;
      return this;
    }

    public Builder executable(Fact fact) {
      executables.put(fact.name(), fact);
      return this;
    }

    public Fact executable(String name) {
      return executables.get(name);
    }

    public Map<String, Fact> executables() {
      return executables;
    }

    public Builder exhaustive(boolean exhaustive) {
      this.exhaustive = exhaustive;
      return this;
    }

    public Builder path(List<String> path) {
      this.path = List.copyOf(path);
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder platforms(List<String> platforms) {
      this.platforms = List.copyOf(platforms);
      return this;
    }

    public Builder hint(String hint) {
      this.hint = hint;
      return this;
    }

    /** Marks a Dockerfile build on a base nothing is known about; {@code reason} says why. */
    public Builder unknownBase(String reason) {
      this.unknownBase = reason;
      return this;
    }

    /** The image's own {@code HEALTHCHECK} and where it is declared. */
    public Builder healthcheck(ConfigHealthcheck healthcheck, Evidence source) {
      this.healthcheck = Objects.requireNonNull(healthcheck, "healthcheck");
      this.healthcheckSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Adds evidence in front: the newest derivation step is the most specific. */
    public Builder provenanceFirst(Evidence evidence) {
      provenance.add(0, evidence);
      return this;
    }

    public Builder provenance(Evidence evidence) {
      provenance.add(evidence);
      return this;
    }

    public ImageProfile build() {
      Fact sh = shell != null ? shell : Fact.unknown("sh", new Evidence("image " + image, "no fact about /bin/sh"));
      return new ImageProfile(image, sh, executables, exhaustive, path, user, healthcheck, healthcheckSource,
          provenance, null, hint,
          platforms, false, unknownBase);
    }
  }
}
