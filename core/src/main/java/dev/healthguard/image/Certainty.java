package dev.healthguard.image;

/**
 * How sure a fact is. Only {@link #CERTAIN} facts may turn into errors (DESIGN.md, principle 1).
 *
 * <p>A layer listing of a digest, the final stage of a Dockerfile evaluated with its real build
 * parameters, and a catalog row backed by a cited source are certain. A catalog row the research
 * marks as unconfirmed, or a Dockerfile read without knowing its target and build args, is likely.
 */
public enum Certainty {
  CERTAIN,
  LIKELY;

  public Certainty and(Certainty other) {
    return this == CERTAIN && other == CERTAIN ? CERTAIN : LIKELY;
  }
}
