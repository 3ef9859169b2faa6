package dev.healthguard.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM (every thread, GC and JIT included) and its jsii node
 * processes. On a shared machine wall time also counts the waits for a core; CPU time does not,
 * so it shows what the work itself costs.
 */
final class Cpu {

  /** Linux reports /proc/PID/stat times in USER_HZ, which is 100 on every architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private Cpu() {}

  /** Nanoseconds of CPU used by the JVM and its node processes since they started. */
  static long nanos() {
    long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    for (Long pid : Memory.nodeProcesses()) {
      nanos += ticks(pid) * NANOS_PER_TICK;
    }
    return nanos;
  }

  /** utime + stime of one process, fields 14 and 15 of /proc/PID/stat (the name in field 2 may hold spaces). */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
