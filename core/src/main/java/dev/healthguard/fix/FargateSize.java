package dev.healthguard.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task size Fargate accepts: CPU units and memory in MiB, and the table of all of them.
 *
 * <p>The table is the one in "Troubleshoot Amazon ECS task definition invalid CPU or memory
 * errors", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
 * (the same values are in the RegisterTaskDefinition {@code memory} reference): 256 CPU units take
 * 512, 1024 or 2048 MiB; 512 take 1–4 GB, 1024 take 2–8 GB, 2048 take 4–16 GB and 4096 take 8–30 GB,
 * all in 1 GB steps; 8192 take 16–60 GB in 4 GB steps and 16384 take 32–120 GB in 8 GB steps (both
 * need Linux platform version 1.4.0).
 *
 * @param cpu CPU units (1024 = 1 vCPU)
 * @param memoryMiB memory in MiB
 */
record FargateSize(int cpu, int memoryMiB) {

  private static final int GB = 1024;

  /** One row per CPU value, memory ascending; encoded once, here. */
  private static final List<Row> TABLE = List.of(
      new Row(256, List.of(512, GB, 2 * GB)),
      Row.stepped(512, GB, 4 * GB, GB),
      Row.stepped(1024, 2 * GB, 8 * GB, GB),
      Row.stepped(2048, 4 * GB, 16 * GB, GB),
      Row.stepped(4096, 8 * GB, 30 * GB, GB),
      Row.stepped(8192, 16 * GB, 60 * GB, 4 * GB),
      Row.stepped(16384, 32 * GB, 120 * GB, 8 * GB));

  private record Row(int cpu, List<Integer> memoryMiB) {
    static Row stepped(int cpu, int from, int to, int step) {
      List<Integer> values = new ArrayList<>();
      for (int m = from; m <= to; m += step) {
        values.add(m);
      }
      return new Row(cpu, List.copyOf(values));
    }
  }

  /** Whether Fargate accepts this CPU value at all. */
  static boolean isFargateCpu(int cpu) {
    return TABLE.stream().anyMatch(row -> row.cpu() == cpu);
  }

  /** Whether Fargate accepts this combination. */
  boolean isValid() {
    return TABLE.stream().anyMatch(row -> row.cpu() == cpu && row.memoryMiB().contains(memoryMiB));
  }

  /**
   * The smallest size, no smaller than this one in CPU or memory, with at least {@code requiredMiB}
   * of memory: first the same CPU with more memory, else the next CPU values in turn (a task never
   * shrinks, and more CPU costs more than more memory).
   *
   * @return empty when even the largest Fargate size is too small
   */
  Optional<FargateSize> smallestHolding(int requiredMiB) {
    int wantMemory = Math.max(requiredMiB, memoryMiB);
    for (Row row : TABLE) {
      if (row.cpu() < cpu) {
        continue;
      }
      for (int m : row.memoryMiB()) {
        if (m >= wantMemory) {
          return Optional.of(new FargateSize(row.cpu(), m));
        }
      }
    }
    return Optional.empty();
  }

  /** The largest memory Fargate offers at all, for messages. */
  static int maxMemoryMiB() {
    return maxMemoryMiB(TABLE.get(TABLE.size() - 1).cpu());
  }

  /** The largest memory Fargate offers with this CPU value, or 0 when the CPU value is not Fargate's. */
  static int maxMemoryMiB(int cpu) {
    return TABLE.stream()
        .filter(row -> row.cpu() == cpu)
        .mapToInt(row -> row.memoryMiB().get(row.memoryMiB().size() - 1))
        .findFirst()
        .orElse(0);
  }
}
