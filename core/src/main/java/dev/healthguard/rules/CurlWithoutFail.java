package dev.healthguard.rules;

import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.Probe;
import dev.healthguard.image.Evidence;
import java.util.List;

/**
 * HG005: {@code curl} without {@code -f}/{@code --fail} exits 0 on an HTTP 500 or 404, so the
 * check only proves that something accepted the connection.
 */
public final class CurlWithoutFail implements Rule {

  @Override
  public String id() {
    return "HG005";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "curl without -f/--fail";
  }

  @Override
  public String explanation() {
    return "Without -f, curl exits 0 for any HTTP response, errors included, so a service answering "
        + "500 stays HEALTHY.";
  }

  @Override
  public List<Finding> check(Subject subject) {
    if (!subject.hasHealthCheck()) {
      return List.of();
    }
    String script = subject.command().script();
    // `curl … | grep -q ok` checks the body instead; -f is not needed there.
    if (script != null && script.replace("||", "").contains("|")) {
      return List.of();
    }
    for (Probe probe : subject.command().probes()) {
      if ("curl".equals(probe.tool()) && Boolean.FALSE.equals(probe.failsOnHttpError())) {
        return List.of(new Finding(id(), severity(), subject.target(), subject.image().image(),
            "curl is called without -f/--fail, so an HTTP error response still counts as healthy.",
            List.of(new Evidence("healthCheck.command", CheckCommands.json(subject.target().healthCheck().command()))),
            "add -f (or --fail): curl -f " + (probe.url() == null ? "<url>" : probe.url())));
      }
    }
    return List.of();
  }
}
