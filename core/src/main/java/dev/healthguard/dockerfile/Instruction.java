package dev.healthguard.dockerfile;

import java.util.List;

/**
 * A typed instruction (BuildKit instructions/commands.go): arguments sorted into fields and
 * checked, but not yet expanded, because expansion depends on the stage being built. The
 * records are public only because interface members must be; the interface keeps them within the
 * package.
 */
sealed interface Instruction {
  SourceLocation location();

  /** {@code FROM [--platform=p] image [AS name]}; name lower-cased as BuildKit does. */
  record From(String image, String platform, String stageName, SourceLocation location) implements Instruction {}

  /** {@code ARG name[=default] …}; a null default means declared without one. */
  record Arg(List<Declaration> declarations, SourceLocation location) implements Instruction {
    public Arg {
      declarations = List.copyOf(declarations);
    }
  }

  /** One name of an ARG, its default as written (quotes included) or null. */
  record Declaration(String name, String defaultValue) {}

  /** {@code ENV k=v …} or {@code ENV k v}; keys and values as written. */
  record Env(List<Pair> pairs, SourceLocation location) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }
  }

  /** One ENV key and its value, as written. */
  record Pair(String key, String value) {}

  /**
   * COPY or ADD.
   *
   * @param sources as written; a heredoc source is its marker word ({@code <<EOF})
   * @param heredocs the bodies of heredoc sources
   * @param from the {@code --from} value as written, or null
   */
  record Copy(
      boolean add, List<String> sources, String destination, String from, List<Heredoc> heredocs,
      SourceLocation location) implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
      heredocs = List.copyOf(heredocs);
    }
  }

  /**
   * RUN.
   *
   * @param command the exec-form argv, or a single element holding the shell-form text
   * @param shellForm true unless the arguments were a JSON array
   */
  record Run(List<String> command, boolean shellForm, List<Heredoc> heredocs, SourceLocation location)
      implements Instruction {
    public Run {
      command = List.copyOf(command);
      heredocs = List.copyOf(heredocs);
    }
  }

  /** HEALTHCHECK, already in the form the image config stores. */
  record Healthcheck(ImageRecipe.HealthcheckInstruction value, SourceLocation location) implements Instruction {}

  record Workdir(String path, SourceLocation location) implements Instruction {}

  record User(String user, SourceLocation location) implements Instruction {}

  record Shell(List<String> shell, SourceLocation location) implements Instruction {
    public Shell {
      shell = List.copyOf(shell);
    }
  }

  /** CMD, ENTRYPOINT, EXPOSE, LABEL, VOLUME, STOPSIGNAL, MAINTAINER, ONBUILD: no effect we model. */
  record Other(String keyword, SourceLocation location) implements Instruction {}
}
