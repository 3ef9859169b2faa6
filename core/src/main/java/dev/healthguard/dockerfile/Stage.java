package dev.healthguard.dockerfile;

import java.util.List;

/**
 * One build stage: a FROM and the instructions up to the next FROM (BuildKit
 * instructions/commands.go {@code Stage}).
 *
 * @param index 0-based position, which {@code COPY --from=<n>} refers to
 * @param name the lower-cased {@code AS} name, or null
 */
record Stage(int index, String name, Instruction.From from, List<Instruction> body) {
  Stage {
    body = List.copyOf(body);
  }

  /** The name, or the index for an unnamed stage: how ImageRecipe and messages refer to it. */
  String label() {
    return name != null ? name : Integer.toString(index);
  }
}
