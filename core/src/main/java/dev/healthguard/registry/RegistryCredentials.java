package dev.healthguard.registry;

import java.util.Optional;

/**
 * The login to use for a registry, if any. {@link #ANONYMOUS} is the default everywhere; {@link
 * DockerConfig} reads what {@code docker login} stored.
 */
@FunctionalInterface
public interface RegistryCredentials {

  /** No login for any registry: public images only, at anonymous pull limits. */
  RegistryCredentials ANONYMOUS = registry -> Optional.empty();

  /**
   * @param registry the registry as images name it: {@code docker.io}, {@code ghcr.io}, {@code
   *     registry.example.com:5000}
   * @throws CredentialsException when a login is configured for it but cannot be read
   */
  Optional<Login> forRegistry(String registry);

  /** A configured login that could not be read; the message names the file or helper, never a secret. */
  final class CredentialsException extends RuntimeException {
    public CredentialsException(String message) {
      super(message);
    }
  }
}
