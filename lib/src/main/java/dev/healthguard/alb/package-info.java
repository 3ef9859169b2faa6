/**
 * Application load balancer alignment: compares a target group's health check and a service's
 * grace period with the container's own health check ({@code HG011}) and fixes them through the
 * L2 API. {@link dev.healthguard.alb.AlbAlignment} is the entry point.
 */
package dev.healthguard.alb;
