package dev.healthguard.command;

import dev.healthguard.shell.Words;
import java.util.List;
import java.util.Objects;

/**
 * One command the health check runs: a {@code CMD} argv, or a simple command of a shell script
 * (including those inside {@code $(…)}, behind {@code exec}, {@code timeout}, {@code env}, and in
 * nested {@code sh -c '…'} scripts).
 *
 * @param command the command name as written, after quote removal: {@code curl} or
 *     {@code /usr/bin/curl}; may still hold an expansion such as {@code $CURL}
 * @param args the arguments as written, after quote removal, expansions kept verbatim
 *     ({@code http://localhost:${PORT}/}); redirections and leading assignments are not arguments
 * @param builtin true when the shell provides the command itself, so no file is needed in the
 *     image: a POSIX builtin of dash / busybox ash (see {@code Builtins}), or a function the script
 *     defines. Always false in {@code CMD} form, where nothing is a builtin.
 * @param viaShell true when it is written in a shell script ({@code CMD-SHELL}, or a script given
 *     to {@code sh -c}), including programs a wrapper in that script starts; false for the argv of
 *     a {@code CMD} command and what that argv wraps ({@code ["CMD", "timeout", "5", "curl", …]})
 */
public record Invocation(String command, List<String> args, boolean builtin, boolean viaShell) {

  public Invocation {
    Objects.requireNonNull(command, "command");
    args = List.copyOf(args);
  }

  /** The last path segment of {@link #command()}: {@code curl} for {@code /usr/bin/curl}. */
  public String name() {
    return Words.basename(command);
  }

  /**
   * True when the command name is only known at run time ({@code $CURL}, {@code $(which curl)}),
   * so it cannot be looked up in an image.
   */
  public boolean isDynamic() {
    return Words.isDynamic(command);
  }
}
