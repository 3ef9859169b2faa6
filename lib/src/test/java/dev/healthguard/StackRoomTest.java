package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
 * an app twice the size. The thread here is made small on purpose; the app stays well inside it.
 */
class StackRoomTest {

  /** 512 KiB hold about 800 visits (about 480 bytes each), less HotSpot's shadow zone. */
  static final long SMALL_STACK = 512 << 10;
  static final int CONSTRUCTS = 560;

  @Test
  void aSynthOnASmallStackWarnsBeforeItRunsOut() throws Exception {
    assumeTrue(ThreadStack.pointer().isPresent(), "needs /proc/thread-self/syscall (Linux)");
    // GIVEN
    App app = new App();
    Stack stack = app(app);

    // WHEN
    synthOn(app, SMALL_STACK);

    // THEN
    Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp(
        "^\\[HG000\\] HealthGuard: thread 'synth' is running out of Java stack for this synth: after \\d+ constructs it "
            + "has room for about \\d+ more\\. .*aws/jsii#4656.*Fix: run the app with a larger stack, -Xss16m "
            + "\\(in \\.mvn/jvm\\.config for a cdk\\.json app .*Validations\\.of\\(app\\)\\.addPlugins\\(new HealthCheckGuard\\(\\)\\).*"));
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

  private static void synthOn(App app, long stackSize) throws Exception {
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
    assertEquals(null, failed.get());
  }
}
