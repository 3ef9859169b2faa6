package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.command.Probe;
import dev.healthguard.image.Evidence;
import dev.healthguard.task.GracePeriod;
import dev.healthguard.task.HttpCodes;
import dev.healthguard.task.ServiceBinding;
import dev.healthguard.task.Target;
import dev.healthguard.task.TargetGroupHealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * HG011: a load balancer's target-group health check disagrees with the container's own check
 * (another path or port, healthy codes that accept a 404 or reject 200), or the service's grace
 * period is shorter than the start-up the container check allows.
 *
 * <p>The two checks are independent: the container's runs inside the container, the load
 * balancer's is an HTTP request from outside (health-check-semantics.md §5), and a task has to pass
 * both. The CDK ECS patterns leave the target group on the ELB defaults (path {@code /}, codes
 * {@code 200}; aws/aws-cdk#2359, #6498), so an app whose health lives at {@code /healthz} passes its
 * container check and fails the load balancer's, or the other way round.
 *
 * <p>It reads a {@link ServiceBinding}, not a container: both entry points read bindings (from the
 * tree, or from the template) and run it with the other rules. The container's check is taken as
 * the statement of where the app's health lives (its first probe of a local port: {@code curl
 * http://localhost:8080/healthz} says port 8080, path {@code /healthz}); the target group should
 * ask the same endpoint. When the container probes a port other than the one the load balancer
 * checks (a management port), the two check different endpoints on purpose and only a
 * health-check port that neither side uses is reported.
 */
public final class TargetGroupMismatch implements Rule {

  /** What every probe tool the guard writes counts as success (curl -f and wget: under 400). */
  static final String SAFE_CODES = "200-299";

  @Override
  public String id() {
    return "HG011";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Load balancer health check disagrees with the container's";
  }

  @Override
  public String explanation() {
    return "ECS replaces a task that fails either check. The container's check runs inside the container; the "
        + "target group's is an HTTP request from the load balancer, on path / with code 200 unless configured. "
        + "When they probe different paths or ports, or the target group accepts a 404, one check says healthy "
        + "while the other says not; a grace period shorter than the container check's startPeriod + interval "
        + "x retries lets the load balancer replace a task that is still starting.";
  }

  @Override
  public List<Finding> check(ServiceBinding binding) {
    return compare(binding).stream()
        .map(m -> new Finding(id(), severity(), binding.container(), binding.container().image().display(),
            m.problem(), m.evidence(), m.fix()))
        .toList();
  }

  /**
   * The ways the binding's two checks and grace period disagree, each with the value fix mode
   * would set. Pure: plain values in, mismatches out.
   */
  public static List<Mismatch> compare(ServiceBinding binding) {
    List<Mismatch> mismatches = new ArrayList<>();
    TargetGroupHealthCheck tg = binding.targetGroupCheck();
    Target container = binding.container();
    int trafficPort = binding.containerPort();
    CommandAnalysis analysis = GracePeriod.isActive(container.healthCheck())
        ? CommandAnalyzer.analyze(container.healthCheck().command())
        : null;
    Probe probe = localProbe(analysis);
    Evidence tgEvidence = new Evidence("target group " + binding.targetGroup(),
        "HealthCheckPath " + tg.describePath() + ", HealthCheckPort " + tg.describePort()
            + ", Matcher.HttpCode " + tg.describeCodes());
    Evidence containerEvidence = analysis == null ? null
        : new Evidence("healthCheck.command of container '" + container.container() + "'",
            CheckCommands.json(container.healthCheck().command()));

    // A numeric health-check port is the task's own port only where the task has its own network
    // interface (awsvpc) or shares the host's (host); in bridge mode it names a host port.
    boolean ownPorts = "awsvpc".equals(container.networkMode()) || "host".equals(container.networkMode());
    Integer numeric = tg.numericPort();
    boolean portMismatch = false;
    if (ownPorts && numeric != null && numeric != trafficPort && tg.isResolved("HealthCheckPort")
        && (probe == null || !numeric.equals(probe.port()))) {
      portMismatch = true;
      mismatches.add(new Mismatch(Mismatch.Kind.PORT,
          "the load balancer checks port " + numeric + ", but the service receives traffic on container port "
              + trafficPort + (probe == null ? "" : " and the container's own check probes port " + probe.port())
              + ", so the load balancer judges a port the app may not serve.",
          evidence(tgEvidence, containerEvidence),
          "set the target group's health check port to " + TargetGroupHealthCheck.TRAFFIC_PORT
              + " (targetGroup.configureHealthCheck(HealthCheck.builder().port(\"traffic-port\")…))",
          TargetGroupHealthCheck.TRAFFIC_PORT));
    }
    int checkedPort = numeric == null || portMismatch ? trafficPort : numeric;
    boolean sameEndpoint = probe != null && Objects.equals(probe.port(), checkedPort);

    if (sameEndpoint && isHttp(probe) && tg.isResolved("HealthCheckPath")
        && !withoutQuery(tg.effectivePath()).equals(withoutQuery(probe.path()))) {
      mismatches.add(new Mismatch(Mismatch.Kind.PATH,
          "the load balancer checks path " + tg.describePath() + " while the container's own check probes "
              + probe.path() + " on the same port " + checkedPort
              + ", so a task can pass one check and fail the other.",
          evidence(tgEvidence, containerEvidence),
          "set the target group's health check path to " + probe.path()
              + " (targetGroup.configureHealthCheck(HealthCheck.builder().path(\"" + probe.path() + "\")…))",
          probe.path()));
    }

    HttpCodes codes = tg.effectiveHttpCodes();
    if (sameEndpoint && isHttp(probe) && codes != null && tg.grpcCodes() == null && tg.isResolved("HttpCode")) {
      if (codes.acceptsErrors()) {
        mismatches.add(new Mismatch(Mismatch.Kind.CODES,
            "the target group counts " + tg.describeCodes() + " as healthy, which includes "
                + (codes.contains(404) ? "404: a wrong path or a missing route" : "client errors: a failing endpoint")
                + " passes the load balancer's check"
                + (Boolean.TRUE.equals(probe.failsOnHttpError()) ? " while the container's " + probe.tool() + " fails on it." : "."),
            evidence(tgEvidence, containerEvidence),
            "count only success as healthy: healthyHttpCodes(\"" + SAFE_CODES + "\")",
            SAFE_CODES));
      } else if (!codes.contains(200)) {
        mismatches.add(new Mismatch(Mismatch.Kind.CODES,
            "the target group counts only " + tg.describeCodes() + " as healthy, but the container's "
                + probe.tool() + " accepts any 2xx; an endpoint answering 200 is marked unhealthy by the load balancer.",
            evidence(tgEvidence, containerEvidence),
            "accept the codes the endpoint answers with, e.g. healthyHttpCodes(\"" + SAFE_CODES + "\")",
            SAFE_CODES));
      }
    }

    GracePeriod grace = binding.gracePeriod();
    if (grace != null && grace.isShort()) {
      mismatches.add(new Mismatch(Mismatch.Kind.GRACE_PERIOD,
          "the service's health check grace period is "
              + (grace.configuredSeconds() == null ? "not set (ECS uses 0 s)" : grace.configuredSeconds() + " s")
              + ", shorter than the " + grace.requiredSeconds() + " s the check of container '" + grace.requiredBy()
              + "' allows for start-up (" + grace.formula() + "), so ECS can replace a task on the load balancer's"
              + " verdict while the container's own check still counts it as starting.",
          List.of(new Evidence("service " + binding.service(), "HealthCheckGracePeriodSeconds "
              + (grace.configuredSeconds() == null ? "unset" : grace.configuredSeconds())),
              new Evidence("healthCheck of container '" + grace.requiredBy() + "'", grace.formula())),
          "set healthCheckGracePeriod to at least Duration.seconds(" + grace.requiredSeconds() + ")",
          String.valueOf(grace.requiredSeconds())));
    }
    return mismatches;
  }

  /** The first probe of a local port: what the container says its health endpoint is. */
  private static Probe localProbe(CommandAnalysis analysis) {
    if (analysis == null) {
      return null;
    }
    for (Probe probe : analysis.probes()) {
      if (probe.port() != null && (probe.host() == null || probe.targetsLocalhost())) {
        return probe;
      }
    }
    return null;
  }

  private static boolean isHttp(Probe probe) {
    return probe.path() != null && ("http".equals(probe.scheme()) || "https".equals(probe.scheme()));
  }

  private static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static List<Evidence> evidence(Evidence tg, Evidence container) {
    return container == null ? List.of(tg) : List.of(tg, container);
  }
}
