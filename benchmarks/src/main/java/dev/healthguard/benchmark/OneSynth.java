package dev.healthguard.benchmark;

import dev.healthguard.HealthCheckGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;

/**
 * One synth in a fresh JVM, as {@code cdk synth} runs an app: nothing is warm, so the guard pays
 * its class loading and JIT warm-up. {@link SynthOverhead} measures a warm JVM; run this a few
 * times per variant, alternating, to see the cold cost.
 *
 * <p>Arguments: {@code none|empty|aspect|plugin [N [distinct|shared [late|early]]]}, where
 * {@code empty} registers a plugin that finds nothing (the CDK's own cost of any plugin). {@code late} (the
 * default) creates the guard after the stacks, as the project README shows; {@code early} creates
 * it before {@code new App()}, which gives its background warm-up the whole construction phase.
 * Prints one line: construct seconds (including {@code new App()}, which starts node), synth
 * seconds, for the plugin the seconds of its {@code validate} call (timed by a thin delegating
 * plugin), and whether {@code app.synth()} threw the expected {@code ValidationFailed}.
 */
public final class OneSynth {

  private OneSynth() {}

  public static void main(String[] args) throws Exception {
    boolean empty = args[0].equals("empty");
    Variant variant = empty ? Variant.NONE : Variant.valueOf(args[0].toUpperCase(Locale.ROOT));
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    boolean shared = SynthOverhead.sharedContext(args, 2);
    Path work = Files.createTempDirectory("healthguard-one-synth-");
    BenchApp bench = BenchApp.generate(n, shared, work.resolve("contexts"));

    boolean early = args.length > 3 && args[3].equals("early");
    long start = System.nanoTime();
    HealthCheckGuard guard = early ? variant.newGuard() : null;
    App app = bench.build(work.resolve("cdk.out"));
    if (!early) {
      guard = variant.newGuard();
    }
    PluginProfile.TimedPlugin timed = null;
    if (empty) {
      Validations.of(app).addPlugins(new PluginProfile.EmptyPlugin());
    } else if (variant == Variant.PLUGIN) {
      timed = new PluginProfile.TimedPlugin(guard);
      Validations.of(app).addPlugins(timed);
    } else {
      variant.register(app, guard);
    }
    long constructed = System.nanoTime();
    boolean validationFailed = SynthOverhead.synthOnBigStack(app);
    long synthesized = System.nanoTime();

    System.out.printf(Locale.ROOT, "%s%s N=%d: construct %.2f s, synth %.2f s%s%s%n", args[0],
        early ? " (guard created early)" : "", n, (constructed - start) / 1e9, (synthesized - constructed) / 1e9,
        timed == null ? "" : String.format(Locale.ROOT, " (validate %.2f s)", timed.nanos / 1e9),
        validationFailed ? ", ValidationFailed" : "");
    SynthOverhead.deleteRecursively(work);
  }
}
