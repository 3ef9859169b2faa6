package dev.healthguard.patterns;

import dev.healthguard.cdk.TreeReader;
import dev.healthguard.checks.CheckCommands;
import dev.healthguard.fix.ProbeMode;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.IResolveContext;
import software.amazon.awscdk.IStringProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.constructs.Construct;

/**
 * A Fargate service behind an application load balancer whose container health check, target-group
 * health check and grace period all derive from one {@link HealthEndpoint}, and whose container
 * check is proven to run in the image.
 *
 * <pre>{@code
 * GuardedFargateService web = GuardedFargateService.Builder.create(this, "Web")
 *     .image(GuardedImage.fromRegistry("alpine:3.20"))
 *     .healthEndpoint(HealthEndpoint.http(8080, "/healthz"))
 *     .build();
 * web.getHealthCheckStrategy().command(); // ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
 * }</pre>
 *
 * <p>It learns what the image contains (an asset from its Dockerfile, a registry image from the
 * catalog, an ECR image from the lookup cache) and checks with the first tool the image has: curl,
 * then wget, python3, node for HTTP; nc, bash, python3 for TCP. When none is there (no tool,
 * no shell, or an unknown image) a static probe runs the check ({@link ProbeMode}). The target
 * group asks the same path and port and counts the endpoint's expected codes as healthy; the grace
 * period is {@code startPeriod + interval × retries}, the start-up the container check allows.
 *
 * <p>The underlying {@link ApplicationLoadBalancedFargateService} is {@link #getService()}.
 */
public class GuardedFargateService extends Construct {

  /** The app container's name, as in the ALB pattern's own task image options. */
  public static final String CONTAINER_NAME = "web";

  private final ApplicationLoadBalancedFargateService service;
  private final FargateTaskDefinition taskDefinition;
  private final ContainerDefinition container;
  private final HealthCheckStrategy strategy;
  private final ImageProfile imageProfile;

  public GuardedFargateService(Construct scope, String id, GuardedFargateServiceProps props) {
    this(scope, id, props, ProbeWiring.INJECTION);
  }

  GuardedFargateService(Construct scope, String id, GuardedFargateServiceProps props, ProbeWiring probes) {
    super(scope, id);
    if (props.getCluster() != null && props.getVpc() != null) {
      throw new IllegalArgumentException("GuardedFargateService " + getNode().getPath()
          + ": give either cluster or vpc, not both (the cluster has its VPC)");
    }
    HealthEndpoint endpoint = props.getHealthEndpoint();
    int trafficPort = props.getContainerPort();
    int interval = props.getHealthCheckInterval().toSeconds().intValue();
    int timeout = props.getHealthCheckTimeout().toSeconds().intValue();
    int retries = props.getHealthCheckRetries();
    int startPeriod = props.getStartPeriod().toSeconds().intValue();

    imageProfile = new ImageProfiler(Catalog.builtIn()).profile(imageRef(props.getImage()));
    Optional<CheckCommands.Choice> tool = CheckCommands.forEndpoint(endpoint.toCheckEndpoint(), imageProfile, timeout);

    taskDefinition = FargateTaskDefinition.Builder.create(this, "TaskDef")
        .cpu(props.getCpu()).memoryLimitMiB(props.getMemoryLimitMiB()).build();
    List<PortMapping> ports = new ArrayList<>();
    // The ALB pattern sends traffic to the default container's first port mapping.
    ports.add(PortMapping.builder().containerPort(trafficPort).build());
    if (endpoint.getPort() != trafficPort) {
      ports.add(PortMapping.builder().containerPort(endpoint.getPort()).build());
    }

    List<String> command;
    LazyCommand lazy = null;
    if (tool.isPresent()) {
      command = tool.get().command();
    } else if (props.getProbeMode() == ProbeMode.SHARED_VOLUME) {
      // The check must be given when the container is made, and the probe's path is known only
      // after the injection has mounted it; so that word is a lazy value filled in just below.
      lazy = new LazyCommand(endpoint.probeArgs());
      command = lazy.words();
    } else {
      command = null; // the sidecar carries the check
    }
    // In sidecar mode these are only timings for the sidecar's check, whose command the probe
    // package writes; the placeholder would fail loudly, never pass silently, if it were run.
    HealthCheck timings = HealthCheck.builder()
        .command(command == null ? List.of("CMD", "/healthguard/timings-only") : command)
        .interval(Duration.seconds(interval)).timeout(Duration.seconds(timeout)).retries(retries)
        .startPeriod(Duration.seconds(startPeriod)).build();
    container = taskDefinition.addContainer(CONTAINER_NAME, ContainerDefinitionOptions.builder()
        .image(props.getImage().getContainerImage())
        .portMappings(ports)
        .healthCheck(command == null ? null : timings)
        .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().streamPrefix(id).build()))
        .build());

    if (tool.isPresent()) {
      strategy = new HealthCheckStrategy(HealthCheckStrategy.Method.IMAGE_TOOL, tool.get().tool(), command,
          tool.get().reason(imageProfile), List.of());
    } else {
      strategy = injectProbe(props, endpoint, probes, lazy, timings);
    }

    ApplicationLoadBalancedFargateService.Builder pattern = ApplicationLoadBalancedFargateService.Builder.create(this, "Service")
        .taskDefinition(taskDefinition)
        .desiredCount(props.getDesiredCount())
        .publicLoadBalancer(props.getPublicLoadBalancer())
        .healthCheckGracePeriod(Duration.seconds(startPeriod + interval * retries))
        // A check that can never pass should fail the deployment fast and roll back, not replace
        // tasks for hours (health-check-semantics.md §4), and keep the old tasks until new ones pass.
        .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
        .minHealthyPercent(100);
    ICluster cluster = props.getCluster();
    IVpc vpc = props.getVpc();
    if (cluster != null) {
      pattern.cluster(cluster);
    } else if (vpc != null) {
      pattern.vpc(vpc);
    }
    service = pattern.build();
    service.getTargetGroup().configureHealthCheck(targetGroupCheck(endpoint, trafficPort));
    if (endpoint.getPort() != trafficPort && endpoint.isHttp()) {
      // The pattern opens only the traffic port from the load balancer to the tasks.
      service.getService().getConnections().allowFrom(service.getLoadBalancer(), Port.tcp(endpoint.getPort()),
          "health checks from the load balancer");
    }
  }

  /**
   * The target group asks what the container asks. A TCP endpoint says only that a port accepts
   * connections, and an ALB checks over HTTP or HTTPS (ELB TargetGroup {@code HealthCheckProtocol}),
   * so it asks {@code /} on the traffic port and counts any answer, 200 to 499, as healthy.
   */
  static software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck targetGroupCheck(
      HealthEndpoint endpoint, int trafficPort) {
    var check = software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder();
    if (endpoint.isHttp()) {
      check.path(endpoint.getPath())
          .port(endpoint.getPort() == trafficPort ? "traffic-port" : String.valueOf(endpoint.getPort()))
          .healthyHttpCodes(endpoint.getExpectedCodes());
    } else {
      check.path("/").port("traffic-port").healthyHttpCodes("200-499");
    }
    return check.build();
  }

  private HealthCheckStrategy injectProbe(GuardedFargateServiceProps props, HealthEndpoint endpoint, ProbeWiring probes,
      LazyCommand lazy, HealthCheck timings) {
    String why = CheckCommands.whyNone(endpoint.toCheckEndpoint(), imageProfile);
    List<String> args = endpoint.probeArgs();
    if (props.getProbeMode() == ProbeMode.SHARED_VOLUME) {
      ProbeWiring.Wired wired = probes.sharedVolume(taskDefinition, container, props.getProbeImage(), args);
      lazy.fill(wired.healthCheckCommand(), getNode().getPath());
      return new HealthCheckStrategy(HealthCheckStrategy.Method.PROBE_SHARED_VOLUME, "probe", wired.healthCheckCommand(),
          why + "; the probe runs from a volume shared with the container", wired.changes());
    }
    ProbeWiring.Wired wired = probes.sidecar(taskDefinition, container, props.getProbeImage(), args, timings);
    return new HealthCheckStrategy(HealthCheckStrategy.Method.PROBE_SIDECAR, "probe", wired.healthCheckCommand(),
        why + "; the probe runs in an essential sidecar", wired.changes());
  }

  /** An ECR image named by the stack's account and region when its URI leaves them open. */
  private ImageRef imageRef(GuardedImage image) {
    return TreeReader.withStackEnvironment(this, image.getRef());
  }

  /** The underlying ALB pattern: its load balancer, listener, target group and Fargate service. */
  public ApplicationLoadBalancedFargateService getService() {
    return service;
  }

  public FargateTaskDefinition getTaskDefinition() {
    return taskDefinition;
  }

  /** The app container. */
  public ContainerDefinition getContainer() {
    return container;
  }

  /** How the container is checked, and the evidence for the choice. */
  public HealthCheckStrategy getHealthCheckStrategy() {
    return strategy;
  }

  /** What HealthGuard knows about the image. */
  public ImageProfile getImageProfile() {
    return imageProfile;
  }

  /**
   * The probe's health-check command, {@code ["CMD", <probe path>, <probe args…>]}, whose probe
   * path is a lazy value resolved at synth from what the injection returned. The injection reads
   * the task (and so resolves this command) before it returns, so until then the path is a
   * placeholder.
   */
  private static final class LazyCommand {
    static final String PENDING = "(probe path pending injection)";

    private final List<String> args;
    private final List<String> words = new ArrayList<>();
    private String probePath;

    LazyCommand(List<String> args) {
      this.args = List.copyOf(args);
      words.add("CMD");
      // Uncached: Lazy.string would keep the placeholder it produced when the injection read the
      // task (LazyBase caches its first value, aws-cdk-lib 2.263.0 core/lib/lazy.js).
      words.add(Lazy.uncachedString(new IStringProducer() {
        @Override
        public String produce(IResolveContext context) {
          return probePath != null ? probePath : PENDING;
        }
      }));
      words.addAll(args);
    }

    List<String> words() {
      return words;
    }

    void fill(List<String> command, String path) {
      if (command.size() != words.size() || !"CMD".equals(command.get(0))
          || !command.subList(2, command.size()).equals(args)) {
        throw new IllegalStateException("GuardedFargateService " + path + ": the probe injection returned "
            + command + ", but [\"CMD\", <probe path>, " + String.join(", ", args) + "] was expected");
      }
      probePath = command.get(1);
    }
  }

  /** A builder in the style of the CDK's own: {@code GuardedFargateService.Builder.create(scope, id)…build()}. */
  public static final class Builder {
    private final Construct scope;
    private final String id;
    private final GuardedFargateServiceProps.Builder props = GuardedFargateServiceProps.builder();

    private Builder(Construct scope, String id) {
      this.scope = scope;
      this.id = id;
    }

    public static Builder create(Construct scope, String id) {
      return new Builder(scope, id);
    }

    /** @see GuardedFargateServiceProps.Builder#image */
    public Builder image(GuardedImage image) {
      props.image(image);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#healthEndpoint */
    public Builder healthEndpoint(HealthEndpoint healthEndpoint) {
      props.healthEndpoint(healthEndpoint);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#containerPort */
    public Builder containerPort(Integer containerPort) {
      props.containerPort(containerPort);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#cluster */
    public Builder cluster(ICluster cluster) {
      props.cluster(cluster);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#vpc */
    public Builder vpc(IVpc vpc) {
      props.vpc(vpc);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#cpu */
    public Builder cpu(int cpu) {
      props.cpu(cpu);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#memoryLimitMiB */
    public Builder memoryLimitMiB(int memoryLimitMiB) {
      props.memoryLimitMiB(memoryLimitMiB);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#desiredCount */
    public Builder desiredCount(int desiredCount) {
      props.desiredCount(desiredCount);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#publicLoadBalancer */
    public Builder publicLoadBalancer(boolean publicLoadBalancer) {
      props.publicLoadBalancer(publicLoadBalancer);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#probeMode */
    public Builder probeMode(ProbeMode probeMode) {
      props.probeMode(probeMode);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#probeImage */
    public Builder probeImage(String probeImage) {
      props.probeImage(probeImage);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#healthCheckInterval */
    public Builder healthCheckInterval(Duration healthCheckInterval) {
      props.healthCheckInterval(healthCheckInterval);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#healthCheckTimeout */
    public Builder healthCheckTimeout(Duration healthCheckTimeout) {
      props.healthCheckTimeout(healthCheckTimeout);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#healthCheckRetries */
    public Builder healthCheckRetries(int healthCheckRetries) {
      props.healthCheckRetries(healthCheckRetries);
      return this;
    }

    /** @see GuardedFargateServiceProps.Builder#startPeriod */
    public Builder startPeriod(Duration startPeriod) {
      props.startPeriod(startPeriod);
      return this;
    }

    public GuardedFargateService build() {
      return new GuardedFargateService(scope, id, props.build());
    }
  }
}
