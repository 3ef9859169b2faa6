package dev.healthguard;

import java.util.Locale;
import java.util.OptionalLong;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;

/**
 * Says when a synth is about to run out of Java stack, before it does. jsii serves each callback
 * from node inside the one before it (aws/jsii#4656, aws/aws-cdk#2154), so every construct a Java
 * aspect visits leaves about half a KiB on the stack of the thread that called {@code app.synth()}
 * until the synth ends: with the default 1 MiB, 1,304 visits passed and 1,955 overflowed
 * (cdk-java.md §6), with a do-nothing aspect as with the guard.
 *
 * <p>It watches the stack as the visits go rather than counting the constructs first: counting
 * costs a round trip per construct ({@code findAll()} of 2,006 constructs took 0.8–2.0 s, as long
 * as visiting them). Every {@value #CHECK_EVERY} visits it compares the room left with the room the
 * visits so far have taken, and warns once when what is left would not hold as many again: the
 * app is past half of what this thread can synthesize.
 */
final class StackRoom {

  static final int CHECK_EVERY = 64;

  /** Where the stack pointer cannot be read: 1 MiB over 1,955 visits, rounded down (cdk-java.md §6). */
  static final long BYTES_PER_VISIT = 512;

  /**
   * Kept free of visits: HotSpot's shadow zone below the stack pointer (20 pages on x86-64 Linux)
   * and the guard's own deepest work within a visit.
   */
  static final long RESERVED = 192 << 10;

  private Thread thread;
  private long visits;
  private long firstPointer;
  private long lowEnd;
  private boolean warned;

  /** Counts a visit; at the root of a synth, starts over. */
  void visited(IConstruct node) {
    if (node instanceof Stage) {
      start();
    }
    visits++;
    if (visits % CHECK_EVERY != 0 || warned || Thread.currentThread() != thread) {
      return;
    }
    Room room = measure();
    if (room != null && room.bytesLeft() / room.bytesPerVisit() < visits) {
      warned = true;
      warn(node, room);
    }
  }

  private void start() {
    thread = Thread.currentThread();
    visits = 0;
    warned = false;
    OptionalLong pointer = ThreadStack.pointer();
    OptionalLong low = pointer.isPresent() ? ThreadStack.lowEnd(pointer.getAsLong()) : OptionalLong.empty();
    firstPointer = low.isPresent() ? pointer.getAsLong() : 0;
    lowEnd = low.orElse(0);
  }

  /** What is left and what a visit costs, or null when neither the system nor the JVM says. */
  private Room measure() {
    OptionalLong pointer = firstPointer != 0 ? ThreadStack.pointer() : OptionalLong.empty();
    if (pointer.isPresent()) {
      long perVisit = Math.max(1, (firstPointer - pointer.getAsLong()) / (visits - 1));
      return new Room(pointer.getAsLong() - lowEnd - RESERVED, perVisit, true);
    }
    OptionalLong size = ThreadStack.defaultSize();
    return size.isPresent() ? new Room(size.getAsLong() - visits * BYTES_PER_VISIT - RESERVED, BYTES_PER_VISIT, false) : null;
  }

  /**
   * @param bytesLeft the stack left for visits
   * @param bytesPerVisit what one visit keeps on the stack
   * @param measured whether both come from this thread's stack pointer, or from the JVM's default size
   */
  private record Room(long bytesLeft, long bytesPerVisit, boolean measured) {}

  private void warn(IConstruct node, Room room) {
    String message = message(room);
    System.err.println(message); // now: a StackOverflowError would lose the annotation
    try {
      Annotations.of(Stack.of(node)).addWarningV2("Annotation::HG000", message);
    } catch (RuntimeException notInAStack) {
      // printed above; an annotation needs a stack to land in
    }
  }

  private String message(Room room) {
    long more = Math.max(0, room.bytesLeft() / room.bytesPerVisit());
    return String.format(Locale.ROOT, "[HG000] HealthGuard: thread '%s' is running out of Java stack for this synth: "
            + "after %,d constructs it has room for about %,d more%s. Each construct a Java aspect visits keeps about "
            + "%,d bytes of stack until the synth ends (aws/jsii#4656), so an app about twice this size can end in a StackOverflowError. "
            + "Fix: run the app with a larger stack, -Xss16m (in .mvn/jvm.config for a cdk.json app run by mvn exec:java, "
            + "in surefire's <argLine> for tests, on the java command line otherwise, or as the stack size of the "
            + "thread that calls app.synth()); or check with Validations.of(app).addPlugins(new HealthCheckGuard()), "
            + "which node calls once per synth.",
        thread.getName(), visits, more, room.measured() ? "" : " (by the JVM's default stack size)", room.bytesPerVisit());
  }
}
