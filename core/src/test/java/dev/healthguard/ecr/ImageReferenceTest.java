package dev.healthguard.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void of_tag() {
    ImageReference ref = ImageReference.of("123456789012", "eu-west-1", "team/api", "v1");

    assertEquals("v1", ref.tag());
    assertEquals("v1", ref.reference());
    assertFalse(ref.isByDigest());
    assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com", ref.registry());
    assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1", ref.display());
  }

  @Test
  void of_digest() {
    ImageReference ref = ImageReference.of("123456789012", "eu-west-1", "team/api", DIGEST);

    assertTrue(ref.isByDigest());
    assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@" + DIGEST, ref.display());
  }

  @Test
  void tagAndDigest_bothShow_andTheDigestIsTheReference() {
    ImageReference ref = new ImageReference("123456789012", "eu-west-1", "team/api", "v1", DIGEST);

    assertEquals(DIGEST, ref.reference());
    assertTrue(ref.display().endsWith("/team/api:v1@" + DIGEST));
  }

  @Test
  void registry_inChina_usesItsDomain() {
    assertEquals("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", ImageReference.of("123456789012", "cn-north-1", "app", "v1").registry());
  }

  @ParameterizedTest(name = "[{index}] {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "12345        | eu-west-1 | team/api | v1     | Invalid ECR account id '12345': expected 12 digits",
        "123456789012 | Europe    | team/api | v1     | Invalid AWS region 'Europe'",
        "123456789012 | eu-west-1 | Team/API | v1     | Invalid ECR repository name 'Team/API'",
        "123456789012 | eu-west-1 | a        | v1     | Invalid ECR repository name 'a'",
        "123456789012 | eu-west-1 | team/api | -bad   | Invalid image tag '-bad'",
        "123456789012 | eu-west-1 | team/api | sha256:xyz | Invalid image digest 'sha256:xyz'",
      })
  void invalidComponents_areNamed(String account, String region, String repository, String tagOrDigest, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.of(account, region, repository, tagOrDigest));

    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void neitherTagNorDigest_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ImageReference("123456789012", "eu-west-1", "team/api", null, null));
  }
}
