package dev.healthguard.cli;

import java.nio.file.Path;

/** The committed example inputs under {@code examples/cli/}. */
final class Examples {

  static final Path DIR = Path.of("..", "examples", "cli");
  /** The first story's task definition as it was registered. */
  static final Path STORY = DIR.resolve("myapp-task-definition.json");
  static final Path CACHE = DIR.resolve("healthguard.context.json");

  private Examples() {}
}
