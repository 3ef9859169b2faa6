package dev.healthguard.ecr;

import dev.healthguard.registry.LookupOptions;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Builds the SDK's ECR client from {@link LookupOptions}. */
final class EcrClientFactory {

  /**
   * @param endpoint the override, or null for the SDK's own resolution
   * @param credentials the provider (the default chain unless the caller gave one)
   */
  static EcrClient create(Region region, URI endpoint, AwsCredentialsProvider credentials, LookupOptions options) {
    var builder =
        EcrClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            // url-connection-client: the light HTTP client, no Apache or Netty (ecr-oci.md §1.2).
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(options.connectTimeout())
                    .socketTimeout(options.apiCallAttemptTimeout())
                    .build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(options.apiCallTimeout())
                    .apiCallAttemptTimeout(options.apiCallAttemptTimeout())
                    .retryStrategy(retryStrategy(options))
                    .build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  // The SDK's standard strategy keeps its retry conditions (throttling, 5xx, I/O errors; never
  // other 4xx, ecr-oci.md §1.1); only the attempts and the backoff come from the options.
  static RetryStrategy retryStrategy(LookupOptions options) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(options.maxAttempts())
        .backoffStrategy(BackoffStrategy.exponentialDelay(options.retryBaseDelay(), options.retryMaxDelay()))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(options.throttlingBaseDelay(), options.retryMaxDelay()))
        .build();
  }

  private EcrClientFactory() {}
}
