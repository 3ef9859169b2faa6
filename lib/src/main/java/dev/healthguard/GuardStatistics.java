package dev.healthguard;

/**
 * Counters of one synth.
 *
 * @param taskDefinitions task definitions analysed
 * @param containers containers analysed
 * @param images distinct images profiled
 */
public record GuardStatistics(int taskDefinitions, int containers, int images) {}
