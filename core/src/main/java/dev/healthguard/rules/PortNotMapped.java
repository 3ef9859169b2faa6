package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.Probe;
import dev.healthguard.image.Evidence;
import java.util.List;
import java.util.Set;

/**
 * HG006: the check probes a local port that no container of the task maps, which usually means
 * the check and the service disagree about the port (the AWS examples probe port 80; the app
 * listens on 8080).
 */
public final class PortNotMapped implements Rule {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0");

  @Override
  public String id() {
    return "HG006";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "Health check probes a port the task does not map";
  }

  @Override
  public String explanation() {
    return "A probe of localhost:<port> where no container of the task has <port> in its port "
        + "mappings usually targets the wrong port, and the check fails with connection refused.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    var target = subject.target();
    if (!subject.hasHealthCheck() || target.taskPorts().isEmpty()) {
      return List.of();
    }
    for (Probe probe : subject.command().probes()) {
      boolean local = probe.host() == null || LOCAL_HOSTS.contains(probe.host());
      if (local && probe.port() != null && !target.taskPorts().contains(probe.port())) {
        return List.of(new Finding(id(), severity(), target, subject.image().image(),
            probe.tool() + " probes port " + probe.port() + ", but the task maps only "
                + target.taskPorts() + ".",
            List.of(new Evidence("healthCheck.command", CheckCommands.json(target.healthCheck().command()))),
            "probe the port the service listens on"
                + (target.containerPorts().isEmpty() ? "" : " (" + target.containerPorts().get(0) + ")")
                + ", or add a port mapping for " + probe.port()));
      }
    }
    return List.of();
  }
}
