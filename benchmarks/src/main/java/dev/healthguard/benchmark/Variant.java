package dev.healthguard.benchmark;

import dev.healthguard.HealthCheckGuard;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Validations;

/** How the guard is turned on in a run, if at all. */
enum Variant {
  /** No guard: the baseline. */
  NONE,
  /** {@code Aspects.of(app).add(guard)}: one JS-to-Java callback per construct. */
  ASPECT,
  /** {@code Validations.of(app).addPlugins(guard)}: one callback per synth. */
  PLUGIN;

  /** Registers a new guard on {@code app} and returns it; {@code null} for {@link #NONE}. */
  HealthCheckGuard register(App app) {
    HealthCheckGuard guard = newGuard();
    register(app, guard);
    return guard;
  }

  /** A guard for this variant, not yet registered; {@code null} for {@link #NONE}. */
  HealthCheckGuard newGuard() {
    return this == NONE ? null : new HealthCheckGuard();
  }

  /** Registers {@code guard} on {@code app} the way this variant does. */
  void register(App app, HealthCheckGuard guard) {
    if (this == ASPECT) {
      Aspects.of(app).add(guard);
    } else if (this == PLUGIN) {
      Validations.of(app).addPlugins(guard);
    }
  }

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
