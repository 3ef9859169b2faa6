package dev.healthguard.benchmark;

import dev.healthguard.GuardStatistics;
import dev.healthguard.HealthCheckGuard;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import software.amazon.awscdk.App;

/**
 * What does the guard add to the synth of a large app?
 *
 * <p><b>Method.</b> One JVM generates the app of {@code shared/research/perf-baselines.md} §2
 * ({@link BenchApp}: N Fargate task definitions, 50 per stack, each with an image-asset server that
 * has a {@code curl} health check and an alpine sidecar with a {@code wget} check) and synthesizes
 * it once per variant and round:
 *
 * <ul>
 *   <li>{@code none}: no guard, the baseline;
 *   <li>{@code aspect}: {@code Aspects.of(app).add(new HealthCheckGuard())};
 *   <li>{@code plugin}: {@code Validations.of(app).addPlugins(new HealthCheckGuard())}.
 * </ul>
 *
 * <p>A warm-up round at up to 50 task definitions runs every variant once first and is not
 * counted: it absorbs the start of the jsii node process, class loading and most of the JIT. Then R rounds
 * run the three variants interleaved, the starting variant rotating each round, so drift of the
 * shared machine spreads over all variants. Every run builds a new {@code App} with the context
 * {@code aws:cdk:enable-asset-metadata} and {@code aws:cdk:enable-path-metadata} (as the CDK CLI sets them) into a fresh temporary outdir.
 * {@code app.synth()} runs on a thread with a 512 MiB stack, because every aspect callback nests
 * the Java stack (aws/aws-cdk#2154).
 *
 * <p>Per run it measures, with {@link System#nanoTime}: <b>construct</b> ({@code new App()},
 * every stack, task definition and container, registering the guard) and <b>synth</b>
 * ({@code app.synth()}, which includes aspects and validation plugins); the CPU time the JVM and
 * node used during synth (less sensitive than wall time to other load on a shared machine); and
 * the peak Java heap and peak resident set of the jsii node processes. The guard's findings and
 * statistics prove it did the work: every task definition and container analysed, one error per
 * stack (the first service of each stack runs a slim image without curl), nothing else. A plugin
 * reporting errors makes {@code app.synth()} throw {@code ValidationFailed} after the assembly is
 * written; that is the expected outcome and is counted, not treated as a failure.
 *
 * <p><b>Reading the output.</b> One line per run (a {@code check} other than {@code ok} means a
 * guard did not analyse everything or found other than the expected errors), then medians per
 * variant with the ratios to {@code none}: (a) construct + synth, what a user waits for inside the
 * app; (b) synth alone, the only phase the guard runs in, with the seconds it adds; (c) synth CPU.
 * Construct times differ between variants only by noise and by drift (the jsii kernel keeps every
 * object, so node grows from run to run), yet they are twice the synth time, so the last line
 * recomputes (a) with the construct phase pooled over all runs and compares it with the target:
 * cdk-nag v3's ×1.07 on the same app (perf-baselines.md §3; there a whole-process ratio including
 * about 2 s of JVM and node start, so ours is slightly stricter). The numbers are for a warm JVM;
 * a {@code cdk synth} runs one synth per JVM, where the guard's first run also pays class loading
 * and JIT warm-up ({@link OneSynth}, and {@link PluginProfile} with {@code cold}, measure that).
 *
 * <p><b>Environment.</b> Run with {@code CDK_VALIDATION=false}: otherwise the CDK's built-in
 * CloudFormation validation runs on every synth and dominates the numbers (cdk-java.md §6).
 *
 * <p>Arguments: {@code [N [R [distinct|shared]]]}: the number of task definitions (default 500),
 * of rounds (default 3), and whether every service has its own build context (default) or all
 * share one.
 */
public final class SynthOverhead {

  /** cdk-nag v3's whole-process ratio at N=500 (perf-baselines.md §3). */
  static final double TARGET = 1.07;

  private static final int WARM_UP_SIZE = BenchApp.PER_STACK;
  private static final long SYNTH_STACK_BYTES = 512L << 20;

  private SynthOverhead() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean shared = sharedContext(args, 2);
    boolean validationOff = checkEnvironment();

    Path work = Files.createTempDirectory("healthguard-bench-");
    BenchApp bench = BenchApp.generate(n, shared, work.resolve("contexts"));
    System.out.printf(Locale.ROOT, "HealthGuard synth overhead, %s: N=%d task definitions (%d stack(s), %d containers, %s), %d rounds;"
            + " %d cores, Java %s, max heap %d MiB%n%n",
        LocalDate.now(), n, BenchApp.stacks(n), 2 * n, bench.shape(), rounds,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

    System.out.println(header());
    BenchApp warmUp = bench.first(WARM_UP_SIZE);
    for (Variant variant : Variant.values()) {
      System.out.println(line(measure(variant, 0, warmUp, work), warmUp.size()));
    }
    List<Run> runs = new ArrayList<>();
    Variant[] variants = Variant.values();
    for (int round = 1; round <= rounds; round++) {
      for (int k = 0; k < variants.length; k++) {
        Run run = measure(variants[(round - 1 + k) % variants.length], round, bench, work);
        runs.add(run);
        System.out.println(line(run, n));
      }
    }
    boolean allChecked = runs.stream().allMatch(run -> run.didRealWork(n));
    System.out.println();
    System.out.print(summary(runs, n));
    if (!validationOff) {
      System.out.println("WARNING: CDK_VALIDATION was not false; the built-in validation is in every number above.");
    }
    deleteRecursively(work);
    if (!allChecked) {
      throw new IllegalStateException("a run's check failed (see the check column): its numbers do not measure the guard's real work");
    }
  }

  /** Whether {@code args[index]} asks for one shared build context; absent means one per service. */
  static boolean sharedContext(String[] args, int index) {
    String shape = args.length > index ? args[index] : "distinct";
    if (!shape.equals("distinct") && !shape.equals("shared")) {
      throw new IllegalArgumentException("the build-context argument is distinct or shared, not " + shape);
    }
    return shape.equals("shared");
  }

  /** Builds and synthesizes one app, and says what it took. */
  static Run measure(Variant variant, int round, BenchApp bench, Path work) throws IOException, InterruptedException {
    Path outdir = Files.createTempDirectory(work, "cdk.out-");
    Memory.reset();

    long start = System.nanoTime();
    App app = bench.build(outdir);
    HealthCheckGuard guard = variant.register(app);
    long constructed = System.nanoTime();
    long cpuBefore = Cpu.nanos();
    boolean validationFailed = synthOnBigStack(app);
    long synthesized = System.nanoTime();
    long synthCpu = Cpu.nanos() - cpuBefore;

    long peakHeap = Memory.peakHeapMib();
    long peakNode = Memory.peakNodeMib();
    deleteRecursively(outdir);
    int findings = guard == null ? 0 : guard.findings().size();
    int errors = guard == null ? 0 : (int) guard.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    GuardStatistics statistics = guard == null ? new GuardStatistics(0, 0, 0) : guard.statistics();
    return new Run(variant, round, constructed - start, synthesized - constructed, synthCpu, findings, errors, statistics,
        validationFailed, peakHeap, peakNode);
  }

  /**
   * Runs {@code app.synth()} on a thread with a big stack and waits for it.
   *
   * @return whether it threw {@code ValidationFailed} (a plugin reported errors); any other
   *     failure is rethrown
   */
  static boolean synthOnBigStack(App app) throws InterruptedException {
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        app.synth();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "synth", SYNTH_STACK_BYTES);
    thread.start();
    thread.join();
    if (failure[0] == null) {
      return false;
    }
    String message = String.valueOf(failure[0].getMessage());
    if (failure[0] instanceof RuntimeException && (message.contains("ValidationFailed") || message.contains("Validation failed"))) {
      return true;
    }
    throw new IllegalStateException("app.synth() failed", failure[0]);
  }

  /** Warns loudly unless {@code CDK_VALIDATION=false}, which only the environment can set. */
  private static boolean checkEnvironment() {
    if ("false".equalsIgnoreCase(System.getenv("CDK_VALIDATION"))) {
      return true;
    }
    String bar = "!".repeat(100);
    System.err.println(bar);
    System.err.println("!! CDK_VALIDATION is not set to false. The CDK's built-in CloudFormation validation will run on");
    System.err.println("!! every synth and dominate the timings. Rerun as:  CDK_VALIDATION=false mvn ... exec:java");
    System.err.println(bar);
    return false;
  }

  private static String header() {
    return String.format(Locale.ROOT, "%-7s %-7s %11s %8s %8s %10s %9s %7s %18s %-17s %8s %8s  %s",
        "round", "variant", "construct s", "synth s", "total s", "synth cpu", "findings", "errors", "td/ctr/images", "synth outcome",
        "heap MiB", "node MiB", "check");
  }

  private static String line(Run run, int n) {
    return String.format(Locale.ROOT, "%-7s %-7s %11.2f %8.2f %8.2f %10.2f %9d %7d %18s %-17s %8d %8d  %s",
        run.round() == 0 ? "warm-up" : String.valueOf(run.round()), run.variant().label(),
        run.constructSeconds(), run.synthSeconds(), run.totalSeconds(), run.synthCpuSeconds(), run.findings(), run.errors(),
        run.statistics().taskDefinitions() + "/" + run.statistics().containers() + "/" + run.statistics().images(),
        run.validationFailed() ? "ValidationFailed" : "ok", run.peakHeapMib(), run.peakNodeMib(),
        run.didRealWork(n) ? "ok" : "UNEXPECTED");
  }

  /** The medians table, the ratios to {@code none} and the one-line verdict. */
  static String summary(List<Run> runs, int n) {
    StringBuilder out = new StringBuilder();
    long rounds = runs.stream().filter(run -> run.variant() == Variant.NONE).count();
    out.append(String.format(Locale.ROOT, "Medians of %d rounds, N=%d%n", rounds, n));
    out.append(String.format(Locale.ROOT, "%-7s %11s %18s %14s %10s %10s %8s %13s %10s %8s %8s %8s%n",
        "variant", "construct s", "synth s (range)", "constr+synth s", "(a) x none", "(b) x none", "synth +s",
        "synth cpu s", "(c) x none", "findings", "heap MiB", "node MiB"));
    double baseTotal = median(runs, Variant.NONE, Run::totalSeconds);
    double baseSynth = median(runs, Variant.NONE, Run::synthSeconds);
    double baseCpu = median(runs, Variant.NONE, Run::synthCpuSeconds);
    // The guard does nothing during construction, so every run's construct time is a sample of the same thing.
    double pooledConstruct = median(runs, null, Run::constructSeconds);
    StringBuilder verdict = new StringBuilder();
    for (Variant variant : Variant.values()) {
      double total = median(runs, variant, Run::totalSeconds);
      double synth = median(runs, variant, Run::synthSeconds);
      double cpu = median(runs, variant, Run::synthCpuSeconds);
      out.append(String.format(Locale.ROOT, "%-7s %11.2f %18s %14.2f %9.2fx %9.2fx %+8.2f %13.2f %9.2fx %8.0f %8.0f %8.0f%n",
          variant.label(), median(runs, variant, Run::constructSeconds),
          String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", synth, min(runs, variant, Run::synthSeconds), max(runs, variant, Run::synthSeconds)),
          total, total / baseTotal, synth / baseSynth, synth - baseSynth, cpu, cpu / baseCpu,
          median(runs, variant, run -> run.findings()), median(runs, variant, run -> run.peakHeapMib()),
          median(runs, variant, run -> run.peakNodeMib())));
      if (variant != Variant.NONE) {
        verdict.append(String.format(Locale.ROOT, "%s: %.2fx  ", variant.label(),
            (pooledConstruct + synth) / (pooledConstruct + baseSynth)));
      }
    }
    out.append(String.format(Locale.ROOT, "%nConstruct+synth with the construct phase pooled over all %d runs (median %.2f s; the guard"
        + " does not run in it, so its spread between variants is noise):%n", runs.size(), pooledConstruct));
    out.append(String.format(Locale.ROOT, "%s(target: <= %.2fx, cdk-nag v3's on the same app)%n", verdict, TARGET));
    return out.toString();
  }

  private static double median(List<Run> runs, Variant variant, ToDoubleFunction<Run> value) {
    double[] sorted = values(runs, variant, value).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double min(List<Run> runs, Variant variant, ToDoubleFunction<Run> value) {
    return values(runs, variant, value).min().orElse(Double.NaN);
  }

  private static double max(List<Run> runs, Variant variant, ToDoubleFunction<Run> value) {
    return values(runs, variant, value).max().orElse(Double.NaN);
  }

  /** The values of one variant's runs, or of all runs for a {@code null} variant. */
  private static java.util.stream.DoubleStream values(List<Run> runs, Variant variant, ToDoubleFunction<Run> value) {
    return runs.stream().filter(run -> variant == null || run.variant() == variant).mapToDouble(value);
  }

  static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
