package dev.healthguard.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory of one run: the Java heap, and the resident set of the jsii node processes (where
 * most of the CDK's work, and its memory, is).
 */
final class Memory {

  private static final long MIB = 1L << 20;

  private Memory() {}

  /** Collects garbage and resets the peaks, so the next reading is this run's alone. */
  static void reset() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    // Writing 5 to clear_refs resets VmHWM (Linux >= 4.0); where it fails, the peak is since start.
    nodeProcesses().forEach(pid -> write(Path.of("/proc", pid.toString(), "clear_refs"), "5"));
  }

  /**
   * Peak Java heap in MiB since {@link #reset}: the sum of each heap pool's peak, which can
   * overstate the true peak a little because pools peak at different times.
   */
  static long peakHeapMib() {
    return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / MIB;
  }

  /** Peak resident set of all node descendants in MiB since {@link #reset}, or -1 if unreadable. */
  static long peakNodeMib() {
    long kib = 0;
    for (Long pid : nodeProcesses()) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
          if (line.startsWith("VmHWM:")) {
            kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return kib == 0 ? -1 : kib / 1024;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
        .toList();
  }

  /** The jsii node processes: every node descendant of this JVM. */
  static List<Long> nodeProcesses() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/node") || c.equals("node")).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException | RuntimeException e) {
      // not resettable here: the reading is the peak since the process started
    }
  }
}
