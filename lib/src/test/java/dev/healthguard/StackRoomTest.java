package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.constructs.Construct;

/**
 * The guard warns while a synth still has stack left, when the thread that runs it would not hold
 * an app twice the size. The small thread runs in a JVM of its own: how much stack a visit keeps
 * depends on what the JIT has compiled (about 600 bytes in a fresh JVM), and a fresh JVM is how
 * {@code cdk synth} runs an app.
 */
class StackRoomTest {

  /** A fresh JVM's visits keep about 600 bytes each: 570 of them take 340 KiB of these 512. */
  static final long SMALL_STACK = 512 << 10;
  static final int CONSTRUCTS = 560;

  static final Pattern WARNING = Pattern.compile(
      "\\[HG000\\] HealthGuard: thread 'synth' is running out of Java stack for this synth: after \\d+ constructs it "
          + "has room for about \\d+ more\\. .*aws/jsii#4656.*Fix: run the app with a larger stack, -Xss16m "
          + "\\(in \\.mvn/jvm\\.config for a cdk\\.json app .*Validations\\.of\\(app\\)\\.addPlugins\\(new HealthCheckGuard\\(\\)\\).*");

  /** The app on a thread with a small stack, in a JVM of its own; it prints its HG000 annotations. */
  public static final class SmallStackApp {
    public static void main(String[] args) throws Exception {
      App app = new App();
      Stack stack = app(app);
      synthOn(app, SMALL_STACK);
      Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("^\\[HG000\\].*"))
          .forEach(message -> System.out.println("annotation: " + message.getEntry().getData()));
    }
  }

  @Test
  void aSynthOnASmallStackWarnsBeforeItRunsOut() throws Exception {
    assumeTrue(ThreadStack.pointer().isPresent(), "needs /proc/thread-self/syscall (Linux)");
    // GIVEN
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SmallStackApp.class.getName())
        .redirectErrorStream(true).start();

    // WHEN
    String output = read(child);

    // THEN it finished, printed the warning at once, and left it on the stack
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.lines().anyMatch(line -> WARNING.matcher(line).matches()), output);
    assertTrue(output.lines().anyMatch(line -> line.startsWith("annotation: ") && WARNING.matcher(line.substring(12)).matches()),
        output);
  }

  @Test
  void theSameAppOnTheTestsStackSaysNothing() throws Exception {
    // GIVEN surefire's -Xss16m (the parent pom's argLine)
    App app = new App();
    Stack stack = app(app);

    // WHEN
    synthOn(app, 0); // 0: the JVM's default stack size

    // THEN
    Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp("^\\[HG000\\].*"));
  }

  private static Stack app(App app) {
    Stack stack = new Stack(app, "Wide");
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(ContainerImage.fromRegistry("cgr.dev/chainguard/static:latest"))
        .healthCheck(HealthCheck.builder().command(List.of("CMD", "/ko-app/api", "-health")).build())
        .build());
    Construct many = new Construct(stack, "Many");
    for (int i = 0; i < CONSTRUCTS; i++) {
      new Construct(many, "C" + i);
    }
    Aspects.of(app).add(new HealthCheckGuard());
    return stack;
  }

  private static void synthOn(App app, long stackSize) throws InterruptedException {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread synth = new Thread(null, () -> {
      try {
        app.synth();
      } catch (Throwable e) {
        failed.set(e);
      }
    }, "synth", stackSize);
    synth.start();
    synth.join();
    if (failed.get() != null) {
      throw new AssertionError("the synth failed", failed.get());
    }
  }

  private static String read(Process child) throws IOException, InterruptedException {
    byte[] bytes = child.getInputStream().readAllBytes();
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
