package dev.healthguard.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.healthguard.checks.CheckCommands;
import dev.healthguard.command.CommandAnalysis;
import dev.healthguard.command.CommandForm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code CMD-SHELL} script that is a JSON array with more text after it, as
 * {@code HEALTHCHECK CMD ["healthchecker", "…"] || exit 1} leaves it. The tail makes the line
 * invalid JSON, so BuildKit keeps it as shell form (parser/line_parsers.go {@code parseMaybeJSON})
 * and Docker runs the whole line with {@code /bin/sh -c}: the author meant the exec form.
 *
 * @param argv the array's strings: the exec form that was meant
 * @param tail the text after the array, e.g. {@code || exit 1}
 */
record ShellWrappedExecForm(List<String> argv, String tail) {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern OR_EXIT = Pattern.compile("\\|\\|\\s*exit(\\s+1)?");

  ShellWrappedExecForm {
    argv = List.copyOf(argv);
  }

  static Optional<ShellWrappedExecForm> of(CommandAnalysis command) {
    String script = command.form() == CommandForm.CMD_SHELL ? command.script() : null;
    if (script == null || !script.strip().startsWith("[")) {
      return Optional.empty();
    }
    List<String> argv = new ArrayList<>();
    long end;
    try (JsonParser parser = JSON.createParser(script)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return Optional.empty();
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
        argv.add(parser.getText());
      }
      if (token != JsonToken.END_ARRAY) {
        return Optional.empty();
      }
      end = parser.currentLocation().getCharOffset();
    } catch (IOException e) {
      return Optional.empty();
    }
    String tail = script.substring((int) end).strip();
    return argv.isEmpty() || tail.isEmpty() ? Optional.empty() : Optional.of(new ShellWrappedExecForm(argv, tail));
  }

  /** The exec form for ECS, {@code ["CMD", …]}. */
  List<String> execForm() {
    List<String> cmd = new ArrayList<>(List.of("CMD"));
    cmd.addAll(argv);
    return cmd;
  }

  /** What to do instead, for a finding's fix. */
  String advice() {
    String why = OR_EXIT.matcher(tail).matches()
        ? "; an exec-form check already fails when the program exits non-zero" : "";
    return "drop \"" + tail + "\" to keep the exec form: " + CheckCommands.json(execForm())
        + " (HEALTHCHECK CMD " + CheckCommands.json(argv) + " in the Dockerfile)" + why;
  }
}
