/**
 * Constructs that are guarded by design: {@link dev.healthguard.patterns.GuardedFargateService}
 * derives its container check, target-group check and grace period from one
 * {@link dev.healthguard.patterns.HealthEndpoint} and picks a check its image can run.
 */
package dev.healthguard.patterns;
