/**
 * The fuzz suite of issue 10: Jazzer targets for the Dockerfile parser and evaluator ({@code
 * DockerfileFuzzTest}), health-check command analysis ({@code CommandFuzzTest}), image names
 * ({@code ImageNameFuzzTest}) and the layer reader with the merged filesystem ({@code
 * LayerFuzzTest}). Every input must finish in 10 s of processor time, throw nothing but the
 * target's own refusal, and give output and messages that do not grow with hostile input
 * ({@code Invariants}).
 *
 * <ul>
 *   <li>Every {@code mvn test} replays the seeds ({@code <Target>FuzzTestInputs/<method>/}, inputs
 *       of up to 4 KB that libFuzzer can mutate) and {@code HostileCorpusTest} replays the large
 *       hostile inputs ({@code hostile/<Target>/}).
 *   <li>A plain {@code mvn test}, as CI runs it, also fuzzes each target for 15 to 20 s, 75 s in
 *       all (core's {@code fuzz} profile, one JVM per target, since Jazzer fuzzes one test per
 *       JVM); the profile is off whenever {@code -Dtest} is given. One target by hand: {@code JAZZER_FUZZ=1 mvn -o test
 *       -pl core -Dtest=LayerFuzzTest}. libFuzzer prints its seed ({@code INFO: Seed:}) at the
 *       start, and writes a failing input as {@code crash-<sha1>} into the seed directory: keep it
 *       there, under a name that says what it is, once the bug is fixed.
 * </ul>
 */
package dev.healthguard.fuzz;
