package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns instruction {@link Node}s into typed {@link Instruction}s, with BuildKit's checks and
 * messages (BuildKit instructions/parse.go).
 */
final class InstructionParser {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final Set<String> COPY_FLAGS = Set.of("from", "chown", "chmod", "link", "parents", "exclude");
  private static final Set<String> ADD_FLAGS =
      Set.of("chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack");
  private static final Set<String> RUN_FLAGS = Set.of("mount", "network", "security", "device");
  private static final Set<String> HEALTHCHECK_FLAGS =
      Set.of("interval", "timeout", "start-period", "start-interval", "retries");
  private static final Set<String> INERT =
      Set.of("cmd", "entrypoint", "expose", "label", "volume", "stopsignal", "maintainer", "onbuild");

  private final String fileName;
  private final Warnings warnings;

  /** @param warnings receives one message per flag this parser does not know */
  InstructionParser(String fileName, Warnings warnings) {
    this.fileName = fileName;
    this.warnings = warnings;
  }

  SourceLocation locate(Node node) {
    return new SourceLocation(fileName, node.startLine(), node.endLine(), SourceText.shorten(node.original()));
  }

  /** @throws DockerfileException for an instruction BuildKit would refuse */
  Instruction parse(Node node) {
    SourceLocation at = locate(node);
    String keyword = node.value().toLowerCase(Locale.ROOT);
    List<String> args = node.argumentValues();
    return switch (keyword) {
      case "from" -> from(node, args, at);
      case "arg" -> arg(node, args, at);
      case "env" -> env(node, args, at);
      case "copy", "add" -> copy(node, keyword.equals("add"), args, at);
      case "run" -> run(node, args, at);
      case "healthcheck" -> healthcheck(node, args, at);
      case "workdir" -> new Instruction.Workdir(exactlyOne(node, args, at), at);
      case "user" -> new Instruction.User(exactlyOne(node, args, at), at);
      case "shell" -> shell(node, args, at);
      default -> inert(node, keyword, args, at);
    };
  }

  private DockerfileException error(SourceLocation at, String problem) {
    return new DockerfileException(at, problem);
  }

  private Flags flags(Node node, Set<String> accepted, SourceLocation at) {
    Flags flags;
    try {
      flags = Flags.parse(node.flags(), accepted);
    } catch (SyntaxProblem e) {
      throw error(at, e.getMessage());
    }
    for (String name : flags.unknown()) {
      warnings.add(at, node.keyword() + " flag --" + Excerpt.inline(name) + " is not known to HealthGuard and was ignored");
    }
    return flags;
  }

  private Instruction from(Node node, List<String> args, SourceLocation at) {
    Flags flags = flags(node, Set.of("platform"), at);
    String name = null;
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      name = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw error(at, "invalid name for build stage: " + GoText.quoteExcerpt(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw error(at, "FROM requires either one or three arguments");
    }
    return new Instruction.From(args.get(0), flags.value("platform"), name, at);
  }

  private Instruction arg(Node node, List<String> args, SourceLocation at) {
    flags(node, Set.of(), at);
    if (args.isEmpty()) {
      throw error(at, "ARG requires at least one argument");
    }
    List<Instruction.Declaration> declarations = new ArrayList<>();
    for (String word : args) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (name.isEmpty()) {
        throw error(at, "ARG names can not be blank");
      }
      declarations.add(new Instruction.Declaration(name, eq < 0 ? null : word.substring(eq + 1)));
    }
    return new Instruction.Arg(declarations, at);
  }

  // The parser stores ENV as key, value, separator triples.
  private Instruction env(Node node, List<String> args, SourceLocation at) {
    flags(node, Set.of(), at);
    if (args.isEmpty()) {
      throw error(at, "ENV requires at least one argument");
    }
    List<Instruction.Pair> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 3) {
      if (args.get(i).isEmpty()) {
        throw error(at, "ENV names can not be blank");
      }
      pairs.add(new Instruction.Pair(args.get(i), args.get(i + 1)));
    }
    return new Instruction.Env(pairs, at);
  }

  private Instruction copy(Node node, boolean add, List<String> args, SourceLocation at) {
    String name = add ? "ADD" : "COPY";
    Flags flags = flags(node, add ? ADD_FLAGS : COPY_FLAGS, at);
    List<String> words = HeredocMarkers.joinBareMarkers(args);
    if (words.size() < 2) {
      throw error(at, name + " requires at least two arguments, but only " + words.size()
          + " was provided. Destination could not be determined.");
    }
    String destination = words.get(words.size() - 1);
    if (!node.heredocs().isEmpty() && HeredocMarkers.parseOrNull(destination) != null) {
      throw error(at, name + " destination cannot be a heredoc");
    }
    return new Instruction.Copy(add, words.subList(0, words.size() - 1), destination,
        add ? null : flags.value("from"), node.heredocs(), at);
  }

  private Instruction run(Node node, List<String> args, SourceLocation at) {
    flags(node, RUN_FLAGS, at);
    if (args.isEmpty() && !node.json()) {
      throw error(at, "RUN requires at least one argument");
    }
    return new Instruction.Run(args, !node.json(), node.heredocs(), at);
  }

  private Instruction healthcheck(Node node, List<String> args, SourceLocation at) {
    if (args.isEmpty()) {
      throw error(at, "HEALTHCHECK requires at least one argument");
    }
    Flags flags = flags(node, HEALTHCHECK_FLAGS, at);
    String type = args.get(0).toUpperCase(Locale.ROOT);
    List<String> rest = args.subList(1, args.size());
    List<String> test = new ArrayList<>();
    switch (type) {
      case "NONE" -> {
        if (!rest.isEmpty()) {
          throw error(at, "HEALTHCHECK NONE takes no arguments");
        }
        test.add("NONE");
      }
      case "CMD" -> {
        if (rest.isEmpty()) {
          throw error(at, "Missing command after HEALTHCHECK CMD");
        }
        // BuildKit instructions/parse.go parseHealthcheck: shell form runs through the shell.
        test.add(node.json() ? "CMD" : "CMD-SHELL");
        test.addAll(rest);
      }
      default -> throw error(at, "Unknown type " + GoText.quoteExcerpt(args.get(0)) + " in HEALTHCHECK (try CMD)");
    }
    Integer interval = duration(flags, "interval", at);
    Integer timeout = duration(flags, "timeout", at);
    Integer startPeriod = duration(flags, "start-period", at);
    duration(flags, "start-interval", at); // checked like BuildKit; ImageRecipe has no slot for it
    Integer retries = retries(flags, at);
    return new Instruction.Healthcheck(
        new ImageRecipe.HealthcheckInstruction(test, interval, timeout, startPeriod, retries, at), at);
  }

  /** Zero means "not set" in Docker's health-check config, so it maps to null like absence. */
  private Integer duration(Flags flags, String name, SourceLocation at) {
    String text = flags.value(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    long nanos;
    try {
      nanos = GoDuration.parseNanos(text);
    } catch (SyntaxProblem e) {
      throw error(at, "HEALTHCHECK --" + name + ": " + e.getMessage());
    }
    if (nanos == 0) {
      return null;
    }
    if (nanos < 1_000_000L) {
      throw error(at, "Interval \"" + name + "\" cannot be less than 1ms");
    }
    return GoDuration.ceilSeconds(nanos);
  }

  private Integer retries(Flags flags, SourceLocation at) {
    String text = flags.value("retries");
    if (text == null || text.isEmpty()) {
      return null;
    }
    long retries;
    try {
      retries = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error(at, "HEALTHCHECK --retries: invalid number " + GoText.quoteExcerpt(text));
    }
    if (retries < 0) {
      throw error(at, "--retries cannot be negative (" + retries + ")");
    }
    return retries == 0 ? null : (int) Math.min(retries, Integer.MAX_VALUE);
  }

  private String exactlyOne(Node node, List<String> args, SourceLocation at) {
    flags(node, Set.of(), at);
    if (args.size() != 1) {
      throw error(at, node.keyword() + " requires exactly one argument");
    }
    return args.get(0);
  }

  private Instruction shell(Node node, List<String> args, SourceLocation at) {
    flags(node, Set.of(), at);
    if (!node.json()) {
      throw error(at, "SHELL requires the arguments to be in JSON form");
    }
    if (args.isEmpty()) {
      throw error(at, "SHELL requires at least one argument");
    }
    return new Instruction.Shell(args, at);
  }

  private Instruction inert(Node node, String keyword, List<String> args, SourceLocation at) {
    if (!INERT.contains(keyword)) {
      throw error(at, "unknown instruction: " + Excerpt.inline(node.keyword()));
    }
    if (keyword.equals("label")) {
      for (int i = 0; i < args.size(); i += 3) {
        if (args.get(i).isEmpty()) {
          throw error(at, "LABEL names can not be blank");
        }
      }
    }
    if (keyword.equals("onbuild") && node.next() != null && !node.next().children().isEmpty()) {
      String trigger = node.next().children().get(0).keyword();
      if (trigger.equals("ONBUILD")) {
        throw error(at, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      }
      if (trigger.equals("FROM") || trigger.equals("MAINTAINER")) {
        throw error(at, Excerpt.inline(trigger) + " isn't allowed as an ONBUILD trigger");
      }
    }
    return new Instruction.Other(node.keyword(), at);
  }
}
