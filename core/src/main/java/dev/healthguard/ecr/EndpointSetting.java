package dev.healthguard.ecr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where ECR API calls go when not to AWS: an explicit override, else the service-specific settings
 * the SDK itself reads, system property {@code aws.endpointUrlEcr} before environment variable
 * {@code AWS_ENDPOINT_URL_ECR} (ecr-oci.md §1.2; the names are those in the ecr 2.51.3 client
 * builder, the order that of its {@code AwsClientEndpointProvider}). Reading them here, through
 * injectable lookups, makes the choice testable without touching the process environment;
 * the global {@code AWS_ENDPOINT_URL} and the profile's {@code endpoint_url} stay with the SDK.
 */
final class EndpointSetting {

  static final String SYSTEM_PROPERTY = "aws.endpointUrlEcr";
  static final String ENVIRONMENT_VARIABLE = "AWS_ENDPOINT_URL_ECR";

  /**
   * @param explicit the builder's override, or null
   * @param systemProperties e.g. {@code System::getProperty}
   * @param environment e.g. {@code System::getenv}
   * @throws IllegalArgumentException naming the setting when its value is not an http(s) URL
   */
  static Optional<URI> resolve(URI explicit, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
    if (explicit != null) {
      return Optional.of(check(explicit.toString(), "endpointOverride"));
    }
    String property = systemProperties.apply(SYSTEM_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Optional.of(check(property.trim(), "system property " + SYSTEM_PROPERTY));
    }
    String variable = environment.apply(ENVIRONMENT_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Optional.of(check(variable.trim(), "environment variable " + ENVIRONMENT_VARIABLE));
    }
    return Optional.empty();
  }

  private static URI check(String value, String source) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("ECR endpoint from " + source + " is not a valid URL: '" + value + "'", e);
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "ECR endpoint from " + source + " must be an http or https URL with a host, got: '" + value + "'");
    }
    return uri;
  }

  private EndpointSetting() {}
}
