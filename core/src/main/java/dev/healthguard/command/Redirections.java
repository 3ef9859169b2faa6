package dev.healthguard.command;

import dev.healthguard.shell.Dialect;
import dev.healthguard.shell.ShellNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command's redirections do to a check: a target that might not open is a way to fail, and
 * bash's {@code /dev/tcp/host/port} is a TCP probe (and a missing file in dash or busybox ash).
 */
final class Redirections {

  private static final Pattern DEV_TCP = Pattern.compile("/dev/(tcp|udp)/([^/]+)/([^/]+)");

  // Redirection targets that cannot fail to open in a running container.
  private static final Set<String> SAFE_FILES =
      Set.of("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/zero");

  private final Walk findings;
  private final Dialect dialect;
  private final String context;

  /** @param context the prefix of problems, naming the nested script they are in; may be empty */
  Redirections(Walk findings, Dialect dialect, String context) {
    this.findings = findings;
    this.dialect = dialect;
    this.context = context;
  }

  /**
   * Applies a command's redirections to its status: records {@code /dev/tcp} probes, notes bash-only operators,
   * and adds a possible failure for targets that might not open.
   */
  Outcomes apply(List<ShellNode.Redirect> redirects, Outcomes o, Invocation invocation) {
    Outcomes result = o;
    for (ShellNode.Redirect r : redirects) {
      String op = r.operator();
      if (r.target() == null) {
        continue;
      }
      String target = r.target().value();
      if ((op.equals("&>") || op.equals("&>>")) && dialect == Dialect.SH) {
        findings.problem(context + "`" + op + target + "` is bash syntax. In dash (Debian/Ubuntu "
            + "/bin/sh) it means `&` then `>" + target + "`: the command runs in the background and "
            + "the check passes whatever it returns. Write `>" + target + " 2>&1` instead.");
      }
      Matcher m = DEV_TCP.matcher(target);
      if (m.matches()) {
        devTcp(m, target, invocation);
        result = result.with(Outcomes.FAIL); // the connection can be refused
        continue;
      }
      boolean dup = (op.equals(">&") || op.equals("<&")) && target.matches("\\d+|-");
      boolean heredoc = op.equals("<<") || op.equals("<<-");
      if (!dup && !heredoc && !SAFE_FILES.contains(target)) {
        result = result.with(Outcomes.FAIL); // the file might not open
      }
    }
    return result;
  }

  private void devTcp(Matcher m, String target, Invocation invocation) {
    // bash(1) "REDIRECTION": /dev/tcp/host/port opens a TCP connection. dash and busybox ash
    // have no such feature and treat it as a file path, which does not exist.
    if (dialect == Dialect.SH) {
      findings.problem(context + "`" + target + "` is a bash feature: dash (Debian/Ubuntu /bin/sh) "
          + "and busybox ash (Alpine) treat it as a missing file, so the check always fails there."
          + " Run it with `bash -c` in CMD form.");
    }
    String host = Endpoint.host(m.group(2), target, "/dev/" + m.group(1), findings);
    Integer port = Endpoint.port(m.group(3), target, "/dev/" + m.group(1), findings);
    findings.probes.add(new Probe("/dev/tcp", null, m.group(1), host, port, null, null, invocation));
  }
}
