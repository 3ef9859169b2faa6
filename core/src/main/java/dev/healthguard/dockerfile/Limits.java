package dev.healthguard.dockerfile;

/**
 * The budgets one Dockerfile evaluation works within (issue 10). Real Dockerfiles stay far below
 * each; hostile ones hit a bound and get a message naming it instead of exhausting memory, the
 * stack or the synth's time. BuildKit itself sets none of these: Go grows its stacks to a
 * gigabyte and a build may take hours, while a synth must stay cheap.
 */
final class Limits {
  /** Characters one expanded word may have ({@code ARG a1=$a0$a0} doubling stops here). */
  static final int MAX_WORD_CHARS = 256 * 1024;

  /**
   * Characters all expansions of one evaluation may produce together: a long {@code ENV
   * PATH=$PATH:/x} chain copies an ever longer value and would otherwise take quadratic time.
   */
  static final long MAX_EXPANDED_CHARS = 16L * 1024 * 1024;

  /** How deeply {@code ${A:-${B:-…}}} may nest: the expander recurses once per level. */
  static final int MAX_NESTING = 100;

  /** Stages in one Dockerfile. */
  static final int MAX_STAGES = 1_000;

  /** RUN instructions whose shell script is analysed; later ones are kept as opaque text. */
  static final int MAX_RUN_ANALYSES = 1_000;

  /** Characters of one RUN script that is analysed; a longer one is kept as opaque text. */
  static final int MAX_RUN_CHARS = 64 * 1024;

  private Limits() {}
}
