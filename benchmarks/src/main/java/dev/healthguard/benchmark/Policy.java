package dev.healthguard.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link ColdSynth} puts on the app in one cold process, if anything.
 *
 * <p>Only the two aspects run with a bigger thread stack: jsii handles every JS-to-Java callback
 * recursively, so any Java aspect overflows the default 1 MiB stack on this app after about 1,600
 * visits (perf-baselines.md §4, aws/jsii#4656). The project's {@code .mvn/jvm.config} sets the
 * same {@code -Xss16m} for {@code cdk.json} apps run through Maven. The others run with the
 * default flags, as {@code cdk synth} runs an app.
 */
enum Policy {
  /** Nothing: the baseline every ratio divides by. */
  NONE("none", "no policy"),
  /** A Java {@code IAspect} doing one {@code instanceof} per node: the floor of any Java aspect. */
  NOOP_ASPECT("noop-aspect", "a do-nothing Java IAspect (one instanceof per node)"),
  /** {@code Aspects.of(app).add(new HealthCheckGuard())}. */
  ASPECT("aspect", "HealthGuard as an aspect"),
  /** {@code Validations.of(app).addPlugins(new HealthCheckGuard())}. */
  PLUGIN("plugin", "HealthGuard as a validation plugin"),
  /** {@code Validations.of(app).addPlugins(new AwsSolutionsChecks(app))}, cdk-nag 3.x. */
  CDK_NAG("cdk-nag", "cdk-nag v3 AwsSolutionsChecks (Validations.of(app).addPlugins)");

  /** The thread stack the aspect variants need on this app, and a README user sets in .mvn/jvm.config. */
  static final String ASPECT_STACK = "-Xss16m";

  /** cdk-nag v3's class; on the classpath only with the benchmarks' {@code cdk-nag} profile. */
  static final String CDK_NAG_CLASS = "io.github.cdklabs.cdknag.AwsSolutionsChecks";

  /** cdk-nag v3's wall ratio on this app in issue 8, used when cdk-nag is not on the classpath. */
  static final double CDK_NAG_ISSUE_RATIO = 1.36;

  private final String label;
  private final String description;

  Policy(String label, String description) {
    this.label = label;
    this.description = description;
  }

  String label() {
    return label;
  }

  String description() {
    return description;
  }

  boolean isAspect() {
    return this == NOOP_ASPECT || this == ASPECT;
  }

  /** The JVM flags of this variant's process: none but the aspects' stack. */
  List<String> jvmFlags() {
    return isAspect() ? List.of(ASPECT_STACK) : List.of();
  }

  static Policy of(String label) {
    return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no variant " + label + "; one of none, noop-aspect, aspect, plugin, cdk-nag"));
  }

  /** Whether cdk-nag v3 can be loaded in this JVM (the classpath of the {@code cdk-nag} profile). */
  static boolean cdkNagAvailable() {
    try {
      Class.forName(CDK_NAG_CLASS, false, Policy.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
