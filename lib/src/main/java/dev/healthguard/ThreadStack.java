package dev.healthguard;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where the calling thread's stack is, as far as the system tells. On Linux exactly: the kernel
 * reports the stack pointer of a thread that reads its own {@code /proc/thread-self/syscall} (it is
 * inside that read), and {@code /proc/self/maps} gives the mapping around it, whose low end sits
 * just above HotSpot's guard pages. That holds for any thread, one created with an explicit stack
 * size included, which no Java API reports. Elsewhere only the JVM's default thread stack size is
 * known ({@code -Xss}, the {@code ThreadStackSize} flag).
 */
final class ThreadStack {

  private ThreadStack() {}

  /** The calling thread's stack pointer, or empty where the system does not say. */
  static OptionalLong pointer() {
    try {
      // "<syscall number> <6 arguments> <stack pointer> <program counter>", all in hex but the first.
      String[] fields = Files.readString(Path.of("/proc/thread-self/syscall")).trim().split(" ");
      return fields.length == 9 ? OptionalLong.of(Long.decode(fields[7])) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The lowest usable address of the stack that holds {@code pointer}, or empty if not found. */
  static OptionalLong lowEnd(long pointer) {
    try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
      return lines.map(line -> line.substring(0, line.indexOf(' ')).split("-"))
          .filter(range -> Long.compareUnsigned(Long.parseUnsignedLong(range[0], 16), pointer) <= 0
              && Long.compareUnsigned(pointer, Long.parseUnsignedLong(range[1], 16)) < 0)
          .mapToLong(range -> Long.parseUnsignedLong(range[0], 16))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The stack size of threads created without an explicit one (the main thread included), in bytes. */
  static OptionalLong defaultSize() {
    try {
      var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      long kib = Long.parseLong(vm.getVMOption("ThreadStackSize").getValue());
      return kib > 0 ? OptionalLong.of(kib << 10) : OptionalLong.empty();
    } catch (RuntimeException | LinkageError e) {
      return OptionalLong.empty();
    }
  }
}
