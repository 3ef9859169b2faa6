package dev.healthguard;

import dev.healthguard.report.Report;
import dev.healthguard.fix.ProbeMode;
import dev.healthguard.probe.ProbeImage;
import java.net.URI;
import java.nio.file.Path;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Rule;
import dev.healthguard.rules.Rules;
import java.util.List;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.constructs.IConstruct;

/**
 * Proves at synth time that each ECS container's health check can run in its image, and fails the
 * synth when it cannot.
 *
 * <pre>{@code
 * Aspects.of(app).add(new HealthCheckGuard());
 * }</pre>
 *
 * <p>It handles every task definition once (Fargate, EC2, External and a bare
 * {@code CfnTaskDefinition} alike), reads each container's health check as it will be deployed,
 * learns what the image contains (its local Dockerfile, or the catalog of known base images), and
 * reports findings as annotations on the container: errors where the check cannot pass, warnings
 * for risks, infos for images it cannot see into.
 *
 * <p>The mode comes from {@link Builder#mode}, else from the context key {@code healthguard:mode}
 * ({@code report}, {@code enforce}, {@code fix}) on the task definition or any parent, else
 * {@link GuardMode#ENFORCE}.
 *
 * <p>The same object is also a CDK validation plugin, for large apps:
 *
 * <pre>{@code
 * Validations.of(app).addPlugins(new HealthCheckGuard());
 * }</pre>
 *
 * <p>As an aspect it is called back from node for every construct (about 0.2 ms each, and each
 * call nests the Java stack, aws/aws-cdk#2154: run large apps with {@code -Xss16m}). As a plugin it
 * is called once per synth and checks the synthesized templates and asset manifests; its findings
 * appear in the CDK's validation report instead of as annotations, and {@code fix} mode needs the
 * aspect. The README compares the two on a 500-task-definition app.
 */
public final class HealthCheckGuard implements IAspect, IPolicyValidationPlugin {

  private final GuardSettings settings;
  private final NestedStages nestedStages;
  private final StackRoom stackRoom = new StackRoom();
  private GuardRun run;
  private AssemblyCheck assemblyCheck;

  /** A guard with the defaults: mode from context, else enforce; errors fail the CDK CLI's synth. */
  public HealthCheckGuard() {
    this(new Builder());
  }

  private HealthCheckGuard(Builder builder) {
    this.settings = new GuardSettings(builder.mode, builder.throwOnErrors, builder.lookups, builder.cacheFile,
        builder.ecrEndpoint, builder.insecureRegistries, builder.probeMode, builder.probeImage, builder.rules);
    this.nestedStages = new NestedStages(settings);
    ReportFiles.deleteStale(); // before any synth: a validation plugin may create them, not replace them
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void visit(IConstruct node) {
    stackRoom.visited(node); // warns before a deep synth runs out of Java stack
    // Only a few kinds of node matter, and instanceof costs no round trip to node. Task definitions
    // are only collected here (fix mode aside): each stack's are read from its template once the
    // synth has written it.
    if (node instanceof Stage root) {
      run = null; // a new synth starts at the root
      nestedStages.atRoot(root);
    } else if (node instanceof CfnTaskDefinition taskDefinition) {
      run().visit(taskDefinition);
    } else if (node instanceof Stack stack) {
      run().visit(stack);
    } else {
      run().checkService(node);
    }
  }

  @Override
  public String getName() {
    return "HealthGuard";
  }

  @Override
  public List<String> getRuleIds() {
    return Rules.all().stream().map(Rule::id).toList();
  }

  @Override
  public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
    // Called once per environment of one synth: the report files gather all of them.
    if (assemblyCheck == null || assemblyCheck.isNewSynth(context)) {
      assemblyCheck = new AssemblyCheck();
    }
    return assemblyCheck.validate(context, settings);
  }

  private GuardRun run() {
    if (run == null) {
      run = new GuardRun(settings);
    }
    return run;
  }

  /** What the latest synth found, in the order found; empty before the first synth. */
  public List<Finding> findings() {
    if (assemblyCheck != null) {
      return assemblyCheck.findings();
    }
    List<Finding> found = new java.util.ArrayList<>(run == null ? List.of() : run.findings());
    found.addAll(nestedStages.findings());
    return List.copyOf(found);
  }

  /**
   * What the latest synth found and fixed, with acknowledgements, as written to {@code
   * cdk.out/healthguard.json}; empty before the first synth. With the validation plugin this is
   * filled even when the synth throws {@code ValidationFailed}.
   */
  public Report report() {
    if (assemblyCheck != null) {
      return assemblyCheck.report();
    }
    return run == null ? new Report(List.of(), List.of()) : run.report();
  }

  /**
   * Checks every task definition and service in {@code scope} now, without synthesizing, and returns
   * the findings: for tests, like cdk-nag's {@code validateScope}. It never throws on findings,
   * annotates nothing and changes nothing, so it works with either entry point, before or instead
   * of {@code Template.fromStack} (which throws {@code ValidationFailed} when the plugin finds an
   * error). Modes, per-rule settings and acknowledgements apply as in a synth; in fix mode it
   * reports what enforce mode would, since fixing is a change to the app.
   *
   * <pre>{@code
   * Report report = new HealthCheckGuard().validateScope(stack);
   * assertEquals(List.of("HG001"), report.unacknowledged(Severity.ERROR).stream().map(Finding::ruleId).toList());
   * }</pre>
   */
  public Report validateScope(IConstruct scope) {
    GuardRun reading = GuardRun.readOnly(settings);
    for (IConstruct node : scope.getNode().findAll()) {
      if (node instanceof CfnTaskDefinition taskDefinition) {
        reading.check(taskDefinition);
      } else if (!(node instanceof Stage)) {
        reading.checkService(node);
      }
    }
    return reading.report();
  }

  /** Counters of the latest synth, to check that each task definition and image is analysed once. */
  public GuardStatistics statistics() {
    if (assemblyCheck != null) {
      return new GuardStatistics(assemblyCheck.taskDefinitions(), assemblyCheck.containers(), assemblyCheck.imagesProfiled());
    }
    return run == null ? new GuardStatistics(0, 0, 0) : run.statistics();
  }

  /** Options for a {@link HealthCheckGuard}. */
  public static final class Builder {
    private GuardMode mode;
    private boolean throwOnErrors;
    private Boolean lookups;
    private Path cacheFile;
    private URI ecrEndpoint;
    private java.util.Set<String> insecureRegistries = java.util.Set.of();
    private ProbeMode probeMode = ProbeMode.SHARED_VOLUME;
    private ProbeImage probeImage;
    private java.util.Map<String, String> rules;

    private Builder() {}

    /**
     * Per-rule levels: {@code off}, {@code error}, {@code warning} or {@code info} by rule id, e.g.
     * {@code Map.of("HG005", "off", "HG006", "error")}. A level never turns a finding its rule
     * lowered for lack of certain evidence into an error. Unknown ids and levels are reported as
     * HG000 warnings and ignored.
     *
     * @default - the context key {@code healthguard:rules} (cdk.json or {@code -c}), else every
     *     rule at its own severity
     */
    public Builder rules(java.util.Map<String, String> rules) {
      this.rules = java.util.Map.copyOf(rules);
      return this;
    }

    /**
     * What to do with findings.
     *
     * @param mode the mode; overrides the {@code healthguard:mode} context key
     * @default - the context key {@code healthguard:mode}, else {@link GuardMode#ENFORCE}
     */
    public Builder mode(GuardMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Make an in-process {@code app.synth()} throw when there are errors. The CDK CLI fails on
     * error annotations by itself, but {@code app.synth()} from Java does not (aws/aws-cdk#37018);
     * turn this on for apps or tests that call {@code app.synth()} directly.
     *
     * @default false
     */
    public Builder throwOnErrors(boolean throwOnErrors) {
      this.throwOnErrors = throwOnErrors;
      return this;
    }

    /**
     * Look up images that the lookup cache does not know yet in their registry, and list their
     * layers: private ECR repositories with the AWS SDK's default credentials (the synth role needs
     * {@code ecr:BatchGetImage} and {@code ecr:GetDownloadUrlForLayer}); {@code fromRegistry}
     * names and Dockerfile base images in any OCI registry (Docker Hub, GHCR, Quay, ...),
     * anonymously or with the logins of the Docker config. What is learned is written to the cache
     * file, which users commit so later synths (CI included) make no network call.
     *
     * @default - the context key {@code healthguard:lookups}, else false
     */
    public Builder lookups(boolean lookups) {
      this.lookups = lookups;
      return this;
    }

    /**
     * The lookup cache.
     *
     * @default - {@code healthguard.context.json} in the working directory (beside cdk.json)
     */
    public Builder cacheFile(Path cacheFile) {
      this.cacheFile = cacheFile;
      return this;
    }

    /**
     * Send ECR calls to this endpoint (a VPC endpoint, a test server).
     *
     * @default - the SDK's endpoint for the image's region, or {@code AWS_ENDPOINT_URL_ECR} when set
     */
    public Builder ecrEndpoint(URI ecrEndpoint) {
      this.ecrEndpoint = ecrEndpoint;
      return this;
    }

    /**
     * Registries on this machine to reach over plain HTTP, as {@code host:port} (a test registry).
     * Only loopback hosts are accepted.
     *
     * @default - none: every registry is reached over https
     */
    public Builder insecureRegistries(java.util.Collection<String> hosts) {
      this.insecureRegistries = java.util.Set.copyOf(hosts);
      return this;
    }

    /**
     * How fix mode brings a probe to an image with nothing to run a check with.
     *
     * @default {@link ProbeMode#SHARED_VOLUME}: an init container copies a static probe into a
     *     volume the app mounts read-only, and the app's check runs it
     */
    public Builder probeMode(ProbeMode probeMode) {
      this.probeMode = java.util.Objects.requireNonNull(probeMode, "probeMode");
      return this;
    }

    /**
     * The probe image fix mode uses.
     *
     * @default {@link ProbeImage#bundled()}: built from the Dockerfile shipped with the library as a
     *     CDK image asset, so it lands in the account's asset repository
     */
    public Builder probeImage(ProbeImage probeImage) {
      this.probeImage = probeImage;
      return this;
    }

    public HealthCheckGuard build() {
      return new HealthCheckGuard(this);
    }
  }
}
