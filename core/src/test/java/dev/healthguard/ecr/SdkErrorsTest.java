package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.KmsException;
import software.amazon.awssdk.services.ecr.model.UnsupportedImageTypeException;

/** Mapping of SDK exceptions that {@link FakeEcr} does not produce on its own. */
class SdkErrorsTest {

  static final ImageName REF = ImageName.ecr("123456789012", "eu-west-1", "team/api", "v1");

  private static LookupException map(SdkException e) {
    LookupException mapped = SdkErrors.map(e, REF, "BatchGetImage", LookupOptions.defaults(), "api.ecr.eu-west-1.amazonaws.com");
    Failures.assertMessageHygiene(mapped, REF);
    assertEquals(e, mapped.getCause());
    return mapped;
  }

  private static EcrException service(String code, int status) {
    return (EcrException)
        EcrException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("detail the user must not see").build())
            .message("detail the user must not see")
            .build();
  }

  @Test
  void modelledExceptions() {
    assertEquals(LookupException.Kind.IMAGE_NOT_FOUND, map(ImageNotFoundException.builder().message("x").build()).kind());
    assertEquals(LookupException.Kind.ACCESS_DENIED, map(KmsException.builder().message("x").build()).kind());
    assertEquals(LookupException.Kind.MALFORMED, map(UnsupportedImageTypeException.builder().message("x").build()).kind());
  }

  @Test
  void byErrorCodeAndStatus() {
    assertEquals(LookupException.Kind.ACCESS_DENIED, map(service("AccessDeniedException", 400)).kind());
    assertEquals(LookupException.Kind.ACCESS_DENIED, map(service("SomethingNew", 403)).kind());
    assertEquals(LookupException.Kind.ACCESS_DENIED, map(service("UnrecognizedClientException", 400)).kind());
    assertEquals(LookupException.Kind.THROTTLED, map(service("TooManyRequestsException", 400)).kind());
    assertEquals(LookupException.Kind.THROTTLED, map(service("SomethingNew", 429)).kind());
    assertEquals(LookupException.Kind.SERVICE_ERROR, map(service("InternalFailure", 503)).kind());
    LookupException other = map(service("InvalidParameterException", 400));
    assertEquals(LookupException.Kind.SERVICE_ERROR, other.kind());
    assertTrue(other.getMessage().contains("(InvalidParameterException, HTTP 400)"), other.getMessage());
    assertTrue(!other.getMessage().contains("detail the user must not see"), other.getMessage());
  }

  @Test
  void clientSide() {
    assertEquals(LookupException.Kind.TIMEOUT, map(ApiCallAttemptTimeoutException.create(250)).kind());
    assertEquals(
        LookupException.Kind.TIMEOUT,
        map(SdkClientException.builder().message("x").cause(new java.net.SocketTimeoutException("Read timed out")).build()).kind());
    LookupException net =
        map(SdkClientException.builder().message("x").cause(new java.net.UnknownHostException("api.ecr.eu-west-1.amazonaws.com")).build());
    assertEquals(LookupException.Kind.NETWORK, net.kind());
    assertTrue(net.getMessage().contains("(UnknownHostException)"), net.getMessage());
  }

  @Test
  void human_durations() {
    assertEquals("250 ms", LookupOptions.human(java.time.Duration.ofMillis(250)));
    assertEquals("10 s", LookupOptions.human(java.time.Duration.ofSeconds(10)));
    assertEquals("1.5 s", LookupOptions.human(java.time.Duration.ofMillis(1500)));
  }
}
