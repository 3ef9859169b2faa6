package dev.healthguard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * Finds the acknowledgement that covers a finding, the same way for both entry points.
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
 * <p>The plugin's own rule names ({@code HealthGuard::HG002[api]}, which the CLI prints after
 * "Acknowledge with") are honoured too. The CDK itself matches plugin acknowledgements app-wide
 * (its {@code collectAcknowledgedRuleIds}), which is why the plugin names its violations by rule
 * and container and drops the ones acknowledged here before the CDK sees them.
 */
final class Acknowledgements {

  /** The metadata type {@code Validations.acknowledge} records. */
  static final String METADATA_TYPE = "aws:cdk:acknowledged-rules";

  /** Like cdk-nag: a reason says what was checked and why it is safe, which takes more than a word. */
  static final int MIN_REASON = 10;

  /**
   * An acknowledgement found for a finding.
   *
   * @param id the id as recorded, e.g. {@code Annotation::HG002[api]}
   * @param reason the reason given
   * @param at the construct path it sits on
   */
  record Acknowledgement(String id, String reason, String at) {

    /** Whether the reason is long enough to be honoured. */
    boolean valid() {
      return reason != null && reason.strip().length() >= MIN_REASON;
    }

    /** {@code HG002[api]}, as users write it. */
    String userId() {
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
  static String pluginRuleName(String ruleId, String container) {
    return "HealthGuard::" + ruleId + (container == null ? "" : "[" + container + "]");
  }

  /**
   * One scope as acknowledgements see it: its construct path, what is acknowledged on it (id to
   * reason), and the scope above it (null above the app).
   */
  record Scope<P>(String path, Map<?, ?> acknowledged, P parent) {}

  /**
   * Where scopes are read: the aspect reads constructs ({@link #inTree}), the validation plugin
   * reads construct paths in the cloud assembly's metadata ({@code AssemblyScopes}).
   */
  interface Scopes<P> {
    Scope<P> read(P at);
  }

  /** The construct tree: every read is a round trip to node. */
  static final Scopes<IConstruct> IN_TREE = construct -> {
    software.constructs.Node node = construct.getNode();
    return new Scope<>(node.getPath(), acknowledged(node), node.getScope());
  };

  /** What {@code Validations.acknowledge} recorded on one node, id to reason. */
  static Map<Object, Object> acknowledged(software.constructs.Node node) {
    Map<Object, Object> acknowledged = new java.util.HashMap<>();
    for (MetadataEntry entry : node.getMetadata()) {
      if (METADATA_TYPE.equals(entry.getType()) && entry.getData() instanceof Map<?, ?> acks) {
        acks.forEach(acknowledged::put); // the last recorded wins, as the CDK reads them
      }
    }
    return acknowledged;
  }

  /**
   * Lookups for one synth. Each scope is read once: the findings of one stack share its stack and
   * app, and in the tree every read is a round trip to node.
   */
  static final class Lookup<P> {
    private final Scopes<P> scopes;
    private final Map<P, Scope<P>> read = new java.util.HashMap<>();

    Lookup(Scopes<P> scopes) {
      this.scopes = scopes;
    }

    /** The nearest acknowledgement of {@code ruleId} for {@code container} on {@code on} or a scope above. */
    Optional<Acknowledgement> find(P on, String ruleId, String container) {
      List<String> ids = idsFor(ruleId, container);
      for (P at = on; at != null; ) {
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
