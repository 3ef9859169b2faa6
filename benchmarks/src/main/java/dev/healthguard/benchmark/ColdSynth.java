package dev.healthguard.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What each policy costs a {@code cdk synth} of a large app, one cold process per synth.
 *
 * <p><b>Method</b> (issue 8, item 5). The app is {@link BenchApp}'s (N Fargate task definitions,
 * two containers each; 6,511 constructs at N=500), its build contexts written once. Every run is a
 * new {@code java} process ({@link SynthProcess}) that builds the app, adds one {@link Policy}
 * and calls {@code app.synth()} once on its main thread, as a {@code cdk.json} app does: nothing
 * is warm, every class loads and every JIT starts from zero. The processes run with the default
 * JVM flags except the two aspects, which need {@link Policy#ASPECT_STACK} (see {@link Policy}).
 * The wall time of each process, from {@code start()} to its exit, is the measure. R rounds run
 * the variants interleaved, the first variant rotating each round, so drift of a shared machine
 * spreads over all of them; the figures are medians of the R rounds divided by the median of the
 * no-policy baseline of the same run.
 *
 * <p>It prints the two targets of issue 8: the HealthGuard aspect's added time over the do-nothing
 * aspect's (at most 1.2), and the HealthGuard plugin's ratio against cdk-nag v3's (at most equal;
 * the aim is half of cdk-nag's added time). The same figures from the synth phase alone (timed
 * inside each process) follow, because construction is the same code in every variant but varies
 * by seconds on a shared machine. cdk-nag v3 runs only when it is on the classpath (the benchmarks'
 * {@code cdk-nag} profile); without it the plugin is compared with the issue's measured 1.36.
 *
 * <p>Run with {@code CDK_VALIDATION=false} (the children inherit the environment): otherwise the
 * CDK's built-in CloudFormation validation dominates every synth (cdk-java.md §6).
 *
 * <p>Arguments: {@code [N [R [distinct|shared [variant,...]]]]}: task definitions (default 500),
 * rounds (default 3), build contexts (default one per service), and the variants to run (default
 * all: {@code none,noop-aspect,aspect,plugin,cdk-nag}; {@code none} always runs).
 */
public final class ColdSynth {

  /** Issue 8: the aspect may add at most 1.2 times what a do-nothing Java aspect adds. */
  static final double ASPECT_TARGET = 1.2;

  private ColdSynth() {}

  /** What one process measured. */
  record Result(Policy policy, int round, double wall, Map<String, String> values, String check) {

    double construct() {
      return Double.parseDouble(values.getOrDefault("construct", "NaN"));
    }

    double synth() {
      return Double.parseDouble(values.getOrDefault("synth", "NaN"));
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean shared = SynthOverhead.sharedContext(args, 2);
    List<Policy> policies = new ArrayList<>();
    policies.add(Policy.NONE);
    for (String label : (args.length > 3 ? args[3] : "noop-aspect,aspect,plugin,cdk-nag").split(",")) {
      Policy policy = Policy.of(label);
      if (!policies.contains(policy)) {
        policies.add(policy);
      }
    }
    boolean nagAvailable = Policy.cdkNagAvailable();
    if (!nagAvailable && policies.remove(Policy.CDK_NAG)) {
      System.out.println("cdk-nag v3 (" + Policy.CDK_NAG_CLASS + ") is not on the classpath: build it with -Pcdk-nag"
          + " (io.github.cdklabs:cdknag from Maven Central). The plugin is compared with issue 8's cdk-nag v3 ratio, "
          + Policy.CDK_NAG_ISSUE_RATIO + ", measured on the same app.");
    }
    if (!"false".equalsIgnoreCase(System.getenv("CDK_VALIDATION"))) {
      System.out.println("WARNING: CDK_VALIDATION is not false; the CDK's built-in validation runs in every synth below.");
    }

    Path work = Files.createTempDirectory("healthguard-cold-");
    Path contexts = work.resolve("contexts");
    BenchApp.generate(n, shared, contexts);
    System.out.printf(Locale.ROOT, "HealthGuard cold synths, %s: N=%d task definitions (%d stack(s), %s), %d rounds,"
            + " one java process per synth; %d cores, Java %s, load average %.2f%n",
        LocalDate.now(), n, BenchApp.stacks(n), BenchApp.written(n, shared, contexts).shape(), rounds, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), loadAverage());
    System.out.printf(Locale.ROOT, "JVM flags: none, except %s for %s%n%n", Policy.ASPECT_STACK,
        String.join(" and ", policies.stream().filter(Policy::isAspect).map(Policy::label).toList()));
    System.out.printf(Locale.ROOT, "%-5s %-12s %7s %9s %11s %8s %8s %7s %13s %-16s %s%n",
        "round", "variant", "wall s", "startup s", "construct s", "synth s", "findings", "errors", "td/ctr/visits", "outcome", "check");

    List<Result> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (int k = 0; k < policies.size(); k++) {
        Policy policy = policies.get((round - 1 + k) % policies.size());
        Result result = run(policy, round, n, shared, contexts, work);
        results.add(result);
        System.out.println(line(result));
      }
    }
    System.out.println();
    System.out.print(summary(results, policies, n, nagAvailable));
    SynthOverhead.deleteRecursively(work);
    if (results.stream().anyMatch(r -> !r.check().equals("ok"))) {
      throw new IllegalStateException("a run's check failed (see the check column): its time does not measure the real work");
    }
  }

  /** Starts one cold process, waits for it, and reads its result line. */
  static Result run(Policy policy, int round, int n, boolean shared, Path contexts, Path work)
      throws IOException, InterruptedException {
    Path outdir = Files.createTempDirectory(work, "cdk.out-");
    Path log = work.resolve("process.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(policy.jvmFlags());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), SynthProcess.class.getName(),
        policy.label(), Integer.toString(n), shared ? "shared" : "distinct", contexts.toString(), outdir.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());

    long start = System.nanoTime();
    Process process = builder.start();
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;

    Map<String, String> values = new HashMap<>();
    List<String> output = Files.readAllLines(log);
    output.stream().filter(l -> l.startsWith("result ")).findFirst().ifPresent(l -> {
      for (String pair : l.substring("result ".length()).split(" ")) {
        int eq = pair.indexOf('=');
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    });
    SynthOverhead.deleteRecursively(outdir);
    String check = exit != 0 || values.isEmpty() ? "FAILED (exit " + exit + "): " + lastLines(output) : check(policy, n, values);
    return new Result(policy, round, wall, values, check);
  }

  /** Whether the process did its variant's real work on an app of {@code n} task definitions. */
  private static String check(Policy policy, int n, Map<String, String> values) {
    boolean failed = Boolean.parseBoolean(values.get("validationFailed"));
    int errors = Integer.parseInt(values.get("errors"));
    boolean guardComplete = Integer.parseInt(values.get("taskDefinitions")) == n
        && Integer.parseInt(values.get("containers")) == 2 * n && errors == BenchApp.brokenServices(n);
    boolean ok = switch (policy) {
      case NONE -> !failed;
      case NOOP_ASPECT -> !failed && Integer.parseInt(values.get("visitedTaskDefinitions")) == n;
      case ASPECT -> !failed && guardComplete;
      // Both plugins report errors, which makes app.synth() throw ValidationFailed after writing the assembly.
      case PLUGIN -> failed && guardComplete;
      case CDK_NAG -> failed;
    };
    return ok ? "ok" : "UNEXPECTED";
  }

  private static String lastLines(List<String> output) {
    return String.join(" | ", output.subList(Math.max(0, output.size() - 3), output.size()));
  }

  private static String line(Result r) {
    Map<String, String> v = r.values();
    return String.format(Locale.ROOT, "%-5d %-12s %7.2f %9s %11s %8s %8s %7s %13s %-16s %s",
        r.round(), r.policy().label(), r.wall(), v.getOrDefault("startup", "-"), v.getOrDefault("construct", "-"),
        v.getOrDefault("synth", "-"), v.getOrDefault("findings", "-"), v.getOrDefault("errors", "-"),
        r.policy() == Policy.NOOP_ASPECT ? "-/-/" + v.get("visits")
            : v.getOrDefault("taskDefinitions", "-") + "/" + v.getOrDefault("containers", "-") + "/-",
        Boolean.parseBoolean(v.get("validationFailed")) ? "ValidationFailed" : "ok", r.check());
  }

  /** The medians table and the two targets. */
  static String summary(List<Result> results, List<Policy> policies, int n, boolean nagAvailable) {
    StringBuilder out = new StringBuilder();
    long rounds = results.stream().filter(r -> r.policy() == Policy.NONE).count();
    out.append(String.format(Locale.ROOT, "Medians of %d rounds, N=%d, one cold process each%n", rounds, n));
    out.append(String.format(Locale.ROOT, "%-12s %19s %8s %8s %11s %8s %9s  %s%n",
        "variant", "wall s (range)", "x none", "wall +s", "construct s", "synth s", "synth +s", "what"));
    double baseWall = median(results, Policy.NONE, Result::wall);
    double baseSynth = median(results, Policy.NONE, Result::synth);
    for (Policy policy : policies) {
      double wall = median(results, policy, Result::wall);
      double synth = median(results, policy, Result::synth);
      out.append(String.format(Locale.ROOT, "%-12s %19s %7.2fx %+8.2f %11.2f %8.2f %+9.2f  %s%n", policy.label(),
          String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", wall, min(results, policy, Result::wall), max(results, policy, Result::wall)),
          wall / baseWall, wall - baseWall, median(results, policy, Result::construct), synth, synth - baseSynth,
          policy.description() + (policy.isAspect() ? ", " + Policy.ASPECT_STACK : "")));
    }
    out.append(String.format(Locale.ROOT, "%nTargets (issue 8, item 5), from wall time:%n"));
    out.append(targets(results, policies, nagAvailable, Result::wall, baseWall));
    out.append(String.format(Locale.ROOT, "The same from the synth phase alone (construction is the same code everywhere;"
        + " cdk-nag's 0.3-0.4 s of loading its jsii assembly happens in construction, so this understates cdk-nag):%n"));
    out.append(targets(results, policies, nagAvailable, Result::synth, baseSynth));
    return out.toString();
  }

  private static String targets(List<Result> results, List<Policy> policies, boolean nagAvailable,
      ToDoubleFunction<Result> measure, double base) {
    StringBuilder out = new StringBuilder();
    if (policies.contains(Policy.ASPECT) && policies.contains(Policy.NOOP_ASPECT)) {
      double aspect = median(results, Policy.ASPECT, measure) - base;
      double noop = median(results, Policy.NOOP_ASPECT, measure) - base;
      out.append(noop <= 0
          ? String.format(Locale.ROOT, "  aspect added / do-nothing aspect added: %+.2f s / %+.2f s: no ratio, the do-nothing"
              + " aspect's added time is within the noise of this run%n", aspect, noop)
          : String.format(Locale.ROOT, "  aspect added / do-nothing aspect added: %+.2f s / %+.2f s = %.2f (target <= %.1f: %s)%n",
              aspect, noop, aspect / noop, ASPECT_TARGET, aspect / noop <= ASPECT_TARGET ? "met" : "NOT met"));
    }
    if (policies.contains(Policy.PLUGIN)) {
      double plugin = median(results, Policy.PLUGIN, measure);
      if (nagAvailable && policies.contains(Policy.CDK_NAG)) {
        double nag = median(results, Policy.CDK_NAG, measure);
        out.append(String.format(Locale.ROOT, "  plugin x%.2f vs cdk-nag v3 x%.2f (target: at most cdk-nag's: %s);"
                + " added %+.2f s vs %+.2f s%s%n",
            plugin / base, nag / base, plugin <= nag ? "met" : "NOT met", plugin - base, nag - base,
            nag - base <= 0 ? " (cdk-nag's added time is within the noise of this run)"
                : String.format(Locale.ROOT, " = %.2f of cdk-nag's (aim <= 0.5)", (plugin - base) / (nag - base))));
      } else {
        out.append(String.format(Locale.ROOT, "  plugin x%.2f vs cdk-nag v3 x%.2f as measured in issue 8 (not run here): %s%n",
            plugin / base, Policy.CDK_NAG_ISSUE_RATIO, plugin / base <= Policy.CDK_NAG_ISSUE_RATIO ? "met" : "NOT met"));
      }
    }
    return out.toString();
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(List<Result> results, Policy policy, ToDoubleFunction<Result> value) {
    double[] sorted = results.stream().filter(r -> r.policy() == policy).mapToDouble(value).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double min(List<Result> results, Policy policy, ToDoubleFunction<Result> value) {
    return results.stream().filter(r -> r.policy() == policy).mapToDouble(value).min().orElse(Double.NaN);
  }

  private static double max(List<Result> results, Policy policy, ToDoubleFunction<Result> value) {
    return results.stream().filter(r -> r.policy() == policy).mapToDouble(value).max().orElse(Double.NaN);
  }
}
