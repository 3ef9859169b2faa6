package dev.healthguard.report;

import dev.healthguard.template.StackMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the acknowledgement that covers a finding, the same way for the aspect, the validation
 * plugin and the command line on a {@code cdk.out}.
 *
 * <p>{@code Validations.of(scope).acknowledge(...)} records {@code {"Annotation::HG002": reason}}
 * as metadata on {@code scope} (aws-cdk-lib 2.263 {@code core/lib/validation/validations.js}). An
 * acknowledgement covers the findings on {@code scope} and below it, nearest scope first:
 *
 * <ul>
 *   <li>{@code HG002} on a container's construct or its task definition covers that container or that
 *       task; on a stack or the app it covers every container below, and each one is listed with
 *       the place of the acknowledgement in {@code healthguard.json} and {@code healthguard.sarif};
 *   <li>{@code HG002[api]} covers only containers named {@code api}, from any scope, so one
 *       acknowledgement on a stack does not cover the stack's other containers.
 * </ul>
 *
 * <p>The plugin's own rule names ({@code HealthGuard::HG002[api]}, which the CDK CLI prints after
 * "Acknowledge with") are honoured too. The CDK itself matches plugin acknowledgements app-wide
 * (its {@code collectAcknowledgedRuleIds}), which is why the plugin names its violations by rule
 * and container and drops the ones acknowledged here before the CDK sees them.
 */
public final class Acknowledgements {

  /** The metadata type {@code Validations.acknowledge} records. */
  public static final String METADATA_TYPE = "aws:cdk:acknowledged-rules";

  /** Like cdk-nag: a reason says what was checked and why it is safe, which takes more than a word. */
  public static final int MIN_REASON = 10;

  /**
   * An acknowledgement found for a finding.
   *
   * @param id the id as recorded, e.g. {@code Annotation::HG002[api]}
   * @param reason the reason given
   * @param at the construct path it sits on
   */
  public record Acknowledgement(String id, String reason, String at) {

    /** Whether the reason is long enough to be honoured. */
    public boolean valid() {
      return reason != null && reason.strip().length() >= MIN_REASON;
    }

    /** {@code HG002[api]}, as users write it. */
    public String userId() {
      return id.startsWith("Annotation::") ? id.substring("Annotation::".length()) : id;
    }
  }

  private Acknowledgements() {}

  /** The names a rule's acknowledgement may be recorded under, most specific first. */
  static List<String> idsFor(String ruleId, String container) {
    if (container == null) {
      return List.of("Annotation::" + ruleId, "HealthGuard::" + ruleId);
    }
    String qualified = ruleId + "[" + container + "]";
    return List.of("Annotation::" + qualified, "HealthGuard::" + qualified, "Annotation::" + ruleId, "HealthGuard::" + ruleId);
  }

  /** The plugin's rule name for a finding: by rule and container, so the CDK matches no broader acknowledgement. */
  public static String pluginRuleName(String ruleId, String container) {
    return "HealthGuard::" + ruleId + (container == null ? "" : "[" + container + "]");
  }

  /**
   * One scope as acknowledgements see it: its construct path, what is acknowledged on it (id to
   * reason), and the scope above it (null above the app).
   */
  public record Scope<P>(String path, Map<?, ?> acknowledged, P parent) {}

  /**
   * Where scopes are read: the aspect reads constructs, the validation plugin and the command line
   * read construct paths in the cloud assembly's metadata ({@link InAssembly}).
   */
  public interface Scopes<P> {
    Scope<P> read(P at);
  }

  /**
   * Scopes by construct path, each within a stack read from the stack's metadata in the cloud
   * assembly. The App and the Stages above the stacks have no metadata there (the CDK writes a
   * stack's constructs only), so {@code above} says what is acknowledged on them: the plugin asks
   * the tree, the command line knows nothing.
   */
  public static final class InAssembly implements Scopes<String> {
    /**
     * The longest construct path looked up. The CDK's are a few hundred characters at most; a
     * {@code cdk.out} from elsewhere may hold any, and each scope of the walk above a path costs
     * its length.
     */
    static final int MAX_PATH_CHARS = 1024;

    private final Map<String, StackMetadata> stacks = new HashMap<>();
    private final Scopes<String> above;

    /** @param above reads a scope above every stack ({@code ""} is the App) */
    public InAssembly(Scopes<String> above) {
      this.above = above;
    }

    /** Scopes above the stacks acknowledge nothing: what the command line sees in a {@code cdk.out}. */
    public static InAssembly stacksOnly() {
      return new InAssembly(path -> new Scope<>(path, Map.of(), parentOf(path)));
    }

    /** Adds one stack, by its construct path, with the metadata the assembly holds for it. */
    public void stack(String stackPath, StackMetadata metadata) {
      stacks.put(stackPath, metadata);
    }

    @Override
    public Scope<String> read(String path) {
      if (path.length() > MAX_PATH_CHARS) {
        return new Scope<>(path, Map.of(), null); // no construct tree is this deep: the walk ends here
      }
      // The nearest stack that holds it: a stack made in another stack's scope has its own
      // artifact and metadata. By prefixes, so that the cost does not grow with the stack count.
      for (String prefix = path; prefix != null; prefix = parentOf(prefix)) {
        StackMetadata stack = stacks.get(prefix);
        if (stack != null) {
          return new Scope<>(path, stack.acknowledgedAt(path), parentOf(path));
        }
      }
      return above.read(path);
    }

    /** The path of the scope above {@code path}; {@code ""} is the App, and nothing is above it. */
    public static String parentOf(String path) {
      int slash = path.lastIndexOf('/');
      return path.isEmpty() ? null : slash < 0 ? "" : path.substring(0, slash);
    }
  }

  /**
   * Lookups for one synth. Each scope is read once: the findings of one stack share its stack and
   * app, and in the tree every read is a round trip to node.
   */
  static final class Lookup<P> {
    /** Real construct trees are a few dozen deep; the bound is for a hostile assembly's paths. */
    static final int MAX_SCOPES = 64;

    private final Scopes<P> scopes;
    private final Map<P, Scope<P>> read = new HashMap<>();

    Lookup(Scopes<P> scopes) {
      this.scopes = scopes;
    }

    /**
     * The nearest acknowledgement of {@code ruleId} for {@code container} on {@code on} or one of the
     * {@value #MAX_SCOPES} scopes nearest above it.
     */
    Optional<Acknowledgement> find(P on, String ruleId, String container) {
      List<String> ids = idsFor(ruleId, container);
      int scopesLeft = MAX_SCOPES;
      for (P at = on; at != null && scopesLeft-- > 0; ) {
        Scope<P> scope = read.computeIfAbsent(at, scopes::read);
        for (String id : ids) {
          if (scope.acknowledged().containsKey(id)) {
            Object reason = scope.acknowledged().get(id);
            return Optional.of(new Acknowledgement(id, reason == null ? "" : String.valueOf(reason), scope.path()));
          }
        }
        at = scope.parent();
      }
      return Optional.empty();
    }
  }
}
