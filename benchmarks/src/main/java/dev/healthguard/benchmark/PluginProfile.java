package dev.healthguard.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthguard.GuardMode;
import dev.healthguard.fix.ProbeMode;
import dev.healthguard.HealthCheckGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyValidationStack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * Where the validation plugin's synth time goes. Not part of the benchmark; run it when
 * {@link SynthOverhead} shows the plugin above target.
 *
 * <p>Per round it synthesizes the same app as {@link SynthOverhead} three ways: without a plugin,
 * with an <b>empty plugin</b> (a Java plugin that returns success at once: what the CDK's plugin
 * machinery costs by itself), and with the <b>guard</b> wrapped in a plugin that times its
 * {@code validate} call. After the guard's synth, it runs the guard as a plugin ({@code validate}) again on the
 * written assembly with a context built in Java (no call to node) to time the guard's own Java
 * work alone. So, of the guard plugin's added synth time:
 *
 * <ul>
 *   <li>{@code empty - none} is the CDK's cost of having any plugin;
 *   <li>{@code validate} is the guard's call, of which {@code offline} is pure Java analysis;
 *   <li>the rest is the CDK handling the returned report (formatting, printing).
 * </ul>
 *
 * <p>The apps run in the CDK's app mode {@code process}, so a failing report is printed instead of
 * thrown and every synth completes; with the environment variable {@code CDK_PERF_COUNTERS_FILE}
 * set, each synth's own CDK counters (such as {@code validateTemplates}, in ms) are printed too.
 *
 * <p>Arguments: {@code [N [R [distinct|shared [warm|cold]]]]}: as for {@link SynthOverhead}, then
 * {@code cold} to warm up without the guard (two plugin-free synths of 50 task definitions), so
 * that round 1's guard runs with its classes not yet loaded or compiled, as in a {@code cdk synth},
 * which synthesizes once per JVM.
 */
public final class PluginProfile {

  private PluginProfile() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean shared = SynthOverhead.sharedContext(args, 2);
    boolean cold = args.length > 3 && args[3].equals("cold");
    Path work = Files.createTempDirectory("healthguard-profile-");
    BenchApp bench = BenchApp.generate(n, shared, work.resolve("contexts"));
    System.out.printf(Locale.ROOT, "Plugin profile: N=%d, %s, %d rounds%s%n", n, bench.shape(), rounds,
        cold ? ", the guard cold in round 1" : "");
    System.out.printf(Locale.ROOT, "%-7s %-7s %9s %8s %10s %10s %17s %9s %12s %8s%n",
        "round", "plugin", "construct", "synth s", "synth cpu", "validate s", "offline 1st/2nd s", "findings", "assembly", "files");
    if (cold) {
      // Two builds of the same app warm up node and the CDK's Java side without touching the guard.
      for (int i = 0; i < 2; i++) {
        Path outdir = Files.createTempDirectory(work, "cdk.out-");
        SynthOverhead.synthOnBigStack(bench.first(BenchApp.PER_STACK).build(outdir));
        SynthOverhead.deleteRecursively(outdir);
      }
    } else {
      profileRound(bench.first(BenchApp.PER_STACK), 0, work);
    }
    for (int round = 1; round <= rounds; round++) {
      profileRound(bench, round, work);
    }
    SynthOverhead.deleteRecursively(work);
  }

  private static void profileRound(BenchApp bench, int round, Path work) throws Exception {
    String[] order = {"none", "empty", "guard"};
    for (int k = 0; k < order.length; k++) {
      String plugin = order[(Math.max(round, 1) - 1 + k) % order.length];
      Path outdir = Files.createTempDirectory(work, "cdk.out-");
      long start = System.nanoTime();
      // With CDK_PERF_COUNTERS_FILE set, a threshold of 0 makes every synth write the CDK's own
      // counters; app mode `process` prints a failing report instead of throwing, so that the
      // guard's synth gets as far as writing them.
      App app = bench.build(outdir, Map.of("@aws-cdk/core.slowSynthThreshold", 0, "@aws-cdk/core:appMode", "process"));
      HealthCheckGuard guard = new HealthCheckGuard();
      TimedPlugin timed = new TimedPlugin(guard);
      if (plugin.equals("empty")) {
        Validations.of(app).addPlugins(new EmptyPlugin());
      } else if (plugin.equals("guard")) {
        Validations.of(app).addPlugins(timed);
      }
      long constructed = System.nanoTime();
      long cpu = Cpu.nanos();
      SynthOverhead.synthOnBigStack(app);
      long synthesized = System.nanoTime();
      cpu = Cpu.nanos() - cpu;
      String offline = timed.stacks == null ? "-" : offlineValidate(app, timed.stacks);
      long[] files = filesAndBytes(outdir);
      System.out.printf(Locale.ROOT, "%-7s %-7s %9.2f %8.2f %10.2f %10.2f %17s %9d %8d KiB %8d%n",
          round == 0 ? "warm-up" : String.valueOf(round), plugin, (constructed - start) / 1e9, (synthesized - constructed) / 1e9,
          cpu / 1e9, timed.nanos / 1e9, offline, guard.findings().size(), files[1] >> 10, files[0]);
      printCdkCounters();
      SynthOverhead.deleteRecursively(outdir);
    }
  }

  /** The guard's Java work on the written assembly, with a context made in Java: two runs, each with a new check. */
  private static String offlineValidate(App app, List<PolicyValidationStack> stacks) {
    IPolicyValidationContext context = new IPolicyValidationContext() {
      @Override
      public IConstruct getAppConstruct() {
        return app;
      }

      @Override
      public List<PolicyValidationStack> getStackTemplates() {
        return stacks;
      }

      @Override
      public List<String> getTemplatePaths() {
        return stacks.stream().map(PolicyValidationStack::getTemplatePath).toList();
      }
    };
    double[] seconds = new double[2];
    for (int i = 0; i < seconds.length; i++) {
      long start = System.nanoTime();
      HealthCheckGuard.builder().mode(GuardMode.ENFORCE).lookups(false).probeMode(ProbeMode.SHARED_VOLUME).build().validate(context);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    return String.format(Locale.ROOT, "%.2f/%.2f", seconds[0], seconds[1]);
  }

  /** The CDK's per-synth counters (ms), biggest first, when {@code CDK_PERF_COUNTERS_FILE} names a file. */
  private static void printCdkCounters() throws IOException {
    String file = System.getenv("CDK_PERF_COUNTERS_FILE");
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      return;
    }
    Map<?, ?> counters = (Map<?, ?>) new ObjectMapper().readValue(Path.of(file).toFile(), Map.class).get("counters");
    StringBuilder line = new StringBuilder("        cdk ms:");
    counters.entrySet().stream()
        .filter(e -> !String.valueOf(e.getKey()).endsWith("(cnt)") && e.getValue() instanceof Number n && n.intValue() >= 20)
        .sorted((x, y) -> Integer.compare(((Number) y.getValue()).intValue(), ((Number) x.getValue()).intValue()))
        .forEach(e -> line.append(' ').append(e.getKey()).append('=').append(e.getValue())
            .append('/').append(counters.get(e.getKey() + "(cnt)")));
    System.out.println(line);
    Files.delete(Path.of(file));
  }

  private static long[] filesAndBytes(Path outdir) throws IOException {
    try (Stream<Path> paths = Files.walk(outdir)) {
      long[] totals = new long[2];
      paths.filter(Files::isRegularFile).forEach(path -> {
        totals[0]++;
        totals[1] += path.toFile().length();
      });
      return totals;
    }
  }

  /** Delegates to a plugin and times its {@code validate}; keeps the stacks it was given, copied to Java. */
  static final class TimedPlugin implements IPolicyValidationPlugin {
    private final IPolicyValidationPlugin delegate;
    long nanos;
    List<PolicyValidationStack> stacks;

    TimedPlugin(IPolicyValidationPlugin delegate) {
      this.delegate = delegate;
    }

    @Override
    public String getName() {
      return delegate.getName();
    }

    @Override
    public List<String> getRuleIds() {
      return delegate.getRuleIds();
    }

    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
      long start = System.nanoTime();
      PolicyValidationPluginReport report = delegate.validate(context);
      nanos = System.nanoTime() - start;
      List<PolicyValidationStack> copy = new ArrayList<>();
      for (PolicyValidationStack stack : context.getStackTemplates()) {
        copy.add(PolicyValidationStack.builder()
            .stackConstructPath(stack.getStackConstructPath()).templatePath(stack.getTemplatePath()).build());
      }
      stacks = copy;
      return report;
    }
  }

  /** A plugin that finds nothing and reads nothing. */
  static final class EmptyPlugin implements IPolicyValidationPlugin {
    @Override
    public String getName() {
      return "Empty";
    }

    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
      return PolicyValidationPluginReport.builder().success(true).violations(List.of()).build();
    }
  }
}
