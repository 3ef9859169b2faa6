package dev.healthguard.ecr;

import dev.healthguard.registry.Fast;
import dev.healthguard.registry.TestImages;
import dev.healthguard.registry.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Where API calls go: explicit override, {@code aws.endpointUrlEcr}, {@code AWS_ENDPOINT_URL_ECR}. */
class EndpointSettingTest {

  static final URI EXPLICIT = URI.create("http://127.0.0.1:1");
  static final Map<String, String> NONE = Map.of();

  @Test
  void explicitOverride_winsOverEverySetting() {
    Map<String, String> props = Map.of(EndpointSetting.SYSTEM_PROPERTY, "http://127.0.0.1:2");
    Map<String, String> env = Map.of(EndpointSetting.ENVIRONMENT_VARIABLE, "http://127.0.0.1:3");

    assertEquals(Optional.of(EXPLICIT), EndpointSetting.resolve(EXPLICIT, props::get, env::get));
  }

  @Test
  void systemProperty_winsOverEnvironment_asInTheSdk() {
    Map<String, String> props = Map.of(EndpointSetting.SYSTEM_PROPERTY, "http://127.0.0.1:2");
    Map<String, String> env = Map.of(EndpointSetting.ENVIRONMENT_VARIABLE, "http://127.0.0.1:3");

    assertEquals(Optional.of(URI.create("http://127.0.0.1:2")), EndpointSetting.resolve(null, props::get, env::get));
  }

  @Test
  void environmentVariable_isRead() {
    Map<String, String> env = Map.of(EndpointSetting.ENVIRONMENT_VARIABLE, " https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com ");

    assertEquals(
        Optional.of(URI.create("https://vpce-1.api.ecr.eu-west-1.vpce.amazonaws.com")), EndpointSetting.resolve(null, NONE::get, env::get));
  }

  @Test
  void nothingSet_leavesItToTheSdk() {
    assertEquals(Optional.empty(), EndpointSetting.resolve(null, NONE::get, NONE::get));
  }

  @Test
  void badValue_namesTheSetting() {
    Map<String, String> env = Map.of(EndpointSetting.ENVIRONMENT_VARIABLE, "localhost:4566");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EndpointSetting.resolve(null, NONE::get, env::get));

    assertTrue(e.getMessage().startsWith("ECR endpoint from environment variable AWS_ENDPOINT_URL_ECR must be an http or https URL"), e.getMessage());
  }

  @Test
  void lookup_followsAwsEndpointUrlEcr_fromItsEnvironment() {
    try (FakeEcr fake = FakeEcr.start()) {
      fake.push("team/api", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
      Map<String, String> env = Map.of("AWS_ENDPOINT_URL_ECR", fake.endpoint().toString());

      try (EcrLookup lookup =
          EcrLookup.builder()
              .region(FakeEcr.REGION)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
              .options(Fast.OPTIONS)
              .settings(NONE::get, env::get)
              .build()) {
        lookup.resolve(FakeEcr.ref("team/api", "v1")).orElseThrow();

        assertEquals(fake.endpoint(), lookup.endpointOverride());
      }
      assertEquals(1, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
    }
  }

  @Test
  void lookup_withoutSettings_hasNoOverride() {
    try (EcrLookup lookup = EcrLookup.builder().region("eu-west-1").settings(NONE::get, NONE::get).build()) {
      assertNull(lookup.endpointOverride());
    }
  }

  // What EndpointSetting mirrors: the SDK's own client reads aws.endpointUrlEcr (and, the same
  // way, AWS_ENDPOINT_URL_ECR, which a test cannot set without changing the process).
  @Test
  void sdkClient_itselfFollowsTheServiceEndpointSystemProperty() {
    try (FakeEcr fake = FakeEcr.start()) {
      String before = System.getProperty(EndpointSetting.SYSTEM_PROPERTY);
      System.setProperty(EndpointSetting.SYSTEM_PROPERTY, fake.endpoint().toString());
      try (EcrClient ecr =
          EcrClient.builder()
              .region(Region.EU_WEST_1)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThrows(
            software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException.class,
            () -> ecr.batchGetImage(b -> b.repositoryName("nope").imageIds(i -> i.imageTag("v1"))));
      } finally {
        if (before == null) {
          System.clearProperty(EndpointSetting.SYSTEM_PROPERTY);
        } else {
          System.setProperty(EndpointSetting.SYSTEM_PROPERTY, before);
        }
      }
      assertEquals(1, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
    }
  }

  @Test
  void builder_withoutRegion_saysSo() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EcrLookup.builder().build());

    assertTrue(e.getMessage().contains("region"), e.getMessage());
  }
}
