package dev.healthguard.benchmark;

import dev.healthguard.GuardStatistics;
import dev.healthguard.HealthCheckGuard;
import dev.healthguard.rules.Severity;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecs.CfnTaskDefinition;
import software.constructs.IConstruct;

/**
 * One process of {@link ColdSynth}: builds the app with one policy and synthesizes it once, on
 * the main thread, as a {@code cdk.json} app does. Prints one {@code result} line of
 * {@code key=value} pairs for the parent: the seconds from JVM start to {@code main}, of
 * construction (including {@code new App()}, which starts node) and of {@code app.synth()}, and
 * what the policy saw, so the parent can tell a run that did the real work.
 *
 * <p>Arguments: {@code policy N distinct|shared contexts-dir outdir}.
 */
public final class SynthProcess {

  private SynthProcess() {}

  /** The do-nothing aspect: one {@code instanceof} per node, and a count to prove it ran. */
  static final class NoopAspect implements IAspect {
    int visits;
    int taskDefinitions;

    @Override
    public void visit(IConstruct node) {
      visits++;
      if (node instanceof CfnTaskDefinition) {
        taskDefinitions++;
      }
    }
  }

  public static void main(String[] args) throws Exception {
    long main = System.currentTimeMillis();
    Policy policy = Policy.of(args[0]);
    int n = Integer.parseInt(args[1]);
    boolean shared = SynthOverhead.sharedContext(args, 2);
    BenchApp bench = BenchApp.written(n, shared, Path.of(args[3]));
    Path outdir = Path.of(args[4]);

    long start = System.nanoTime();
    App app = bench.build(outdir);
    // As the README shows: the policy is added after the stacks.
    HealthCheckGuard guard = null;
    NoopAspect noop = null;
    switch (policy) {
      case NONE -> { }
      case NOOP_ASPECT -> Aspects.of(app).add(noop = new NoopAspect());
      case ASPECT -> Aspects.of(app).add(guard = new HealthCheckGuard());
      case PLUGIN -> Validations.of(app).addPlugins(guard = new HealthCheckGuard());
      case CDK_NAG -> Validations.of(app).addPlugins(cdkNag(app));
    }
    long constructed = System.nanoTime();
    boolean validationFailed = false;
    try {
      app.synth();
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("ValidationFailed") && !message.contains("Validation failed")) {
        throw e;
      }
      validationFailed = true; // a plugin reported errors; the assembly is written
    }
    long synthesized = System.nanoTime();

    GuardStatistics statistics = guard == null ? new GuardStatistics(0, 0, 0) : guard.statistics();
    long errors = guard == null ? 0 : guard.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    System.out.printf(Locale.ROOT,
        "result startup=%.3f construct=%.3f synth=%.3f validationFailed=%b findings=%d errors=%d taskDefinitions=%d"
            + " containers=%d visits=%d visitedTaskDefinitions=%d%n",
        (main - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3, (constructed - start) / 1e9,
        (synthesized - constructed) / 1e9, validationFailed, guard == null ? 0 : guard.findings().size(), errors,
        statistics.taskDefinitions(), statistics.containers(), noop == null ? 0 : noop.visits,
        noop == null ? 0 : noop.taskDefinitions);
  }

  /** cdk-nag v3's AWS Solutions pack, loaded by name: it is on the classpath only with the {@code cdk-nag} profile. */
  private static IPolicyValidationPlugin cdkNag(App app) throws ReflectiveOperationException {
    Class<?> checks = Class.forName(Policy.CDK_NAG_CLASS);
    return (IPolicyValidationPlugin) checks.getConstructor(IConstruct.class).newInstance(app);
  }
}
