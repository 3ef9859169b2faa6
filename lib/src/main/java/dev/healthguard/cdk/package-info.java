/**
 * The library's one edge to the construct tree: {@link dev.healthguard.cdk.TreeReader} reads it
 * (every jsii read, resolve and container rendering, with the fix record applied) into plain
 * values, and {@link dev.healthguard.cdk.ChangeWriter} changes it (fix mode's health checks,
 * target groups and grace periods, and the probe). Everything between them, the rules and the fix
 * planning, lives in the core module and sees only plain values.
 *
 * <p>Not an API: the two are public only because the guard ({@code dev.healthguard}) and
 * {@code dev.healthguard.patterns} call them. This package imports nothing from either.
 */
package dev.healthguard.cdk;
