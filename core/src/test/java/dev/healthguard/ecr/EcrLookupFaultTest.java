package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;
import dev.healthguard.registry.Fast;
import dev.healthguard.registry.TestImages;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupOptions;
import dev.healthguard.registry.LookupResult;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RemoteImage;
import static dev.healthguard.ecr.Failures.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Every way a lookup fails, injected into {@link FakeEcr} and seen through the real SDK client:
 * the kind, the retry count, and a message that names the image and no presigned URL.
 */
class EcrLookupFaultTest {

  static final ImageName API_V1 = FakeEcr.ref("team/api", "v1");

  FakeEcr fake;
  TestImages.Image image;

  @BeforeEach
  void start() {
    fake = FakeEcr.start();
    image = TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST);
    fake.push("team/api", "v1", image);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private LookupResult resolve() {
    return resolve(Fast.OPTIONS);
  }

  private LookupResult resolve(LookupOptions options) {
    try (EcrLookup lookup = fake.lookupBuilder().options(options).build()) {
      return lookup.resolve(API_V1);
    }
  }

  // ---- ECR API ----

  @Test
  void throttledTwice_thenSucceeds_afterThreeAttempts() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.throttle(2));

    RemoteImage read = resolve().orElseThrow();

    assertEquals(image.manifest().digest(), read.manifestDigest());
    assertEquals(3, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
  }

  @Test
  void throttledThroughout_isThrottled_afterMaxAttempts() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.throttle(Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.THROTTLED, API_V1, this::resolve);

    assertEquals(4, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
    assertTrue(e.getMessage().contains("ThrottlingException"), e.getMessage());
  }

  @Test
  void accessDenied_saysWhichPermissions_withoutRetrying() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.accessDenied());

    LookupException e = assertFailure(LookupException.Kind.ACCESS_DENIED, API_V1, this::resolve);

    assertEquals(
        "ECR denied access to 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1 (AccessDeniedException):"
            + " check the synth role's ecr:BatchGetImage and ecr:GetDownloadUrlForLayer permissions",
        e.getMessage());
    assertEquals(1, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
  }

  @Test
  void accessDeniedOnDownloadUrl_isAccessDenied() {
    fake.fault(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER, FakeEcr.Fault.accessDenied());

    assertFailure(LookupException.Kind.ACCESS_DENIED, API_V1, this::resolve);
  }

  @Test
  void expiredCredentials_areAccessDenied_withTheirOwnFix() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.error(400, "ExpiredTokenException", Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.ACCESS_DENIED, API_V1, this::resolve);

    assertTrue(e.getMessage().contains("refresh the synth process's credentials"), e.getMessage());
  }

  @Test
  void noCredentials_isAccessDenied_withoutCallingEcr() {
    LookupException e;
    try (EcrLookup lookup =
        fake.lookupBuilder()
            .options(Fast.OPTIONS)
            .credentialsProvider(() -> {
              throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
            })
            .build()) {
      e = assertFailure(LookupException.Kind.ACCESS_DENIED, API_V1, () -> lookup.resolve(API_V1));
    }

    assertTrue(e.getMessage().startsWith("No AWS credentials to read "), e.getMessage());
    assertEquals(0, fake.total());
  }

  @Test
  void repositoryNotFound() {
    ImageName missing = FakeEcr.ref("team/nope", "v1");

    LookupException e;
    try (EcrLookup lookup = fake.lookupBuilder().options(Fast.OPTIONS).build()) {
      e = assertFailure(LookupException.Kind.REPOSITORY_NOT_FOUND, missing, () -> lookup.resolve(missing));
    }

    assertTrue(e.getMessage().contains("check the repository name, account and region"), e.getMessage());
    assertEquals(1, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
  }

  @Test
  void tagNotFound_isImageNotFound() {
    ImageName missing = FakeEcr.ref("team/api", "v9");

    LookupException e;
    try (EcrLookup lookup = fake.lookupBuilder().options(Fast.OPTIONS).build()) {
      e = assertFailure(LookupException.Kind.IMAGE_NOT_FOUND, missing, () -> lookup.resolve(missing));
    }

    assertEquals(
        "ECR has no image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v9 (ImageNotFound): push it before synth,"
            + " or check the tag or digest",
        e.getMessage());
  }

  @Test
  void tagAndDigestThatDisagree_isImageNotFound() {
    TestImages.Image other = TestImages.koStatic(Platform.LINUX_AMD64);
    fake.push("team/api", "v2", other);
    ImageName both = new ImageName(ImageName.ecrHost(FakeEcr.ACCOUNT, FakeEcr.REGION), "team/api", "v1", other.manifest().digest());

    LookupException e;
    try (EcrLookup lookup = fake.lookupBuilder().options(Fast.OPTIONS).build()) {
      e = assertFailure(LookupException.Kind.IMAGE_NOT_FOUND, both, () -> lookup.resolve(both));
    }

    assertTrue(e.getMessage().contains("(ImageTagDoesNotMatchDigest)"), e.getMessage());
  }

  @Test
  void blobMissingFromRepository_isImageNotFound() {
    TestImages.Image orphan = TestImages.koStatic(Platform.LINUX_AMD64);
    fake.pushManifest("team/api", "v1", orphan.manifest()); // manifest without its blobs

    LookupException e = assertFailure(LookupException.Kind.IMAGE_NOT_FOUND, API_V1, this::resolve);

    assertTrue(e.getMessage().contains("LayersNotFoundException"), e.getMessage());
  }

  @Test
  void serverErrorsTwice_thenSucceeds() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.serverError(2));

    resolve().orElseThrow();

    assertEquals(3, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
  }

  @Test
  void serverErrorsThroughout_isServiceError_afterMaxAttempts() {
    fake.fault(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER, FakeEcr.Fault.serverError(Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.SERVICE_ERROR, API_V1, this::resolve);

    assertEquals(4, fake.count(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  @Test
  void maxAttemptsOption_boundsRetries() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.serverError(Integer.MAX_VALUE));

    assertFailure(LookupException.Kind.SERVICE_ERROR, API_V1, () -> resolve(Fast.OPTIONS.toBuilder().maxAttempts(2).build()));

    assertEquals(2, fake.count(FakeEcr.Op.BATCH_GET_IMAGE));
  }

  @Test
  void apiSlowerThanTimeout_isTimeout() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.delay(Duration.ofSeconds(3), Integer.MAX_VALUE));
    LookupOptions options =
        Fast.OPTIONS.toBuilder().apiCallTimeout(Duration.ofMillis(600)).apiCallAttemptTimeout(Duration.ofMillis(250)).build();

    long start = System.nanoTime();
    LookupException e = assertFailure(LookupException.Kind.TIMEOUT, API_V1, () -> resolve(options));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(2500)) < 0, "bounded by the call timeout");
    assertTrue(e.getMessage().contains("BatchGetImage"), e.getMessage());
  }

  @Test
  void unreachableEndpoint_isNetwork() {
    FakeEcr closed = FakeEcr.start();
    var builder = closed.lookupBuilder();
    closed.close(); // nothing listens on its port any more

    LookupException e;
    try (EcrLookup lookup = builder.options(Fast.OPTIONS.toBuilder().maxAttempts(1).build()).build()) {
      e = assertFailure(LookupException.Kind.NETWORK, API_V1, () -> lookup.resolve(API_V1));
    }

    assertTrue(e.getMessage().contains("check network access"), e.getMessage());
  }

  // ---- manifests ----

  @Test
  void manifestBytesNotMatchingTheirDigest_isDigestMismatch() {
    fake.faultManifest(image.manifest().digest(), FakeEcr.Fault.corrupt(Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.DIGEST_MISMATCH, API_V1, this::resolve);

    assertTrue(e.getMessage().contains("but ECR reports " + image.manifest().digest()), e.getMessage());
  }

  @Test
  void platformManifestNotMatchingTheIndex_isDigestMismatch() {
    TestImages.Index index = TestImages.koMultiArch();
    fake.push("team/api", "v1", index);
    fake.faultManifest(index.image("amd64").manifest().digest(), FakeEcr.Fault.corrupt(Integer.MAX_VALUE));

    assertFailure(LookupException.Kind.DIGEST_MISMATCH, API_V1, this::resolve);
  }

  @Test
  void manifestOverTheLimit_isTooLarge() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.oversize(70_000));

    LookupException e =
        assertFailure(LookupException.Kind.TOO_LARGE, API_V1, () -> resolve(Fast.OPTIONS.toBuilder().maxManifestBytes(64 << 10).build()));

    assertTrue(e.getMessage().contains("70000 bytes, over the limit of 65536 (LookupOptions.maxManifestBytes)"), e.getMessage());
  }

  @Test
  void manifestOverTheDefault4MiB_isTooLarge() {
    fake.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.oversize((4 << 20) + 1));

    assertFailure(LookupException.Kind.TOO_LARGE, API_V1, () -> resolve(Fast.OPTIONS.toBuilder().maxManifestBytes(4 << 20).build()));
  }

  @Test
  void tooManyLayers_isTooLarge() {
    LookupException e = assertFailure(LookupException.Kind.TOO_LARGE, API_V1, () -> resolve(Fast.OPTIONS.toBuilder().maxLayers(1).build()));

    assertTrue(e.getMessage().contains("lists 2 layers, over the limit of 1"), e.getMessage());
  }

  @Test
  void badManifestJson_isMalformed() {
    fake.pushManifest("team/api", "v1", new TestImages.Blob(TestImages.OCI_MANIFEST, "{\"schemaVersion\": 2, \"config\": ".getBytes()));

    LookupException e = assertFailure(LookupException.Kind.MALFORMED, API_V1, this::resolve);

    assertTrue(e.getMessage().contains("not valid JSON at line 1"), e.getMessage());
  }

  @Test
  void artifactInsteadOfImage_isMalformed() {
    TestImages.Blob chartConfig = new TestImages.Blob("application/vnd.cncf.helm.config.v1+json", "{}".getBytes());
    TestImages.Image chart = TestImages.ociImage(chartConfig, List.of(), Map.of());
    fake.push("team/api", "v1", chart);

    LookupException e = assertFailure(LookupException.Kind.MALFORMED, API_V1, this::resolve);

    assertTrue(e.getMessage().contains("is an artifact, not a container image"), e.getMessage());
  }

  // ---- the config blob ----

  @Test
  void configDownloadFailingTwice_thenSucceeds_afterThreeGets() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.error(503, "SlowDown", 2));

    resolve().orElseThrow();

    assertEquals(3, fake.count(FakeEcr.Op.BLOB));
    assertEquals(1, fake.count(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER));
  }

  @Test
  void configDownloadFailingThroughout_isServiceError() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.serverError(Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.SERVICE_ERROR, API_V1, this::resolve);

    assertEquals(3, fake.count(FakeEcr.Op.BLOB));
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  @Test
  void configDownloadThrottled_isThrottled() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.throttle(Integer.MAX_VALUE));

    assertFailure(LookupException.Kind.THROTTLED, API_V1, this::resolve);
  }

  @Test
  void configDownloadRefused_isAccessDenied_withoutRetrying() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.accessDenied());

    LookupException e = assertFailure(LookupException.Kind.ACCESS_DENIED, API_V1, this::resolve);

    assertEquals(1, fake.count(FakeEcr.Op.BLOB));
    assertTrue(e.getMessage().contains("presigned download URL may also have expired"), e.getMessage());
  }

  @Test
  void configTruncatedThroughout_isTruncated_afterRetries() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.truncate(Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.TRUNCATED, API_V1, this::resolve);

    assertEquals(3, fake.count(FakeEcr.Op.BLOB));
    assertTrue(e.getMessage().contains("config blob " + image.config().digest()), e.getMessage());
  }

  @Test
  void configTruncatedOnce_isRetried() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.truncate(1));

    resolve().orElseThrow();

    assertEquals(2, fake.count(FakeEcr.Op.BLOB));
  }

  @Test
  void configWithWrongBytes_isDigestMismatch_withoutRetrying() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.corrupt(Integer.MAX_VALUE));

    LookupException e = assertFailure(LookupException.Kind.DIGEST_MISMATCH, API_V1, this::resolve);

    assertEquals(1, fake.count(FakeEcr.Op.BLOB));
    assertTrue(e.getMessage().contains("but its descriptor says " + image.config().digest()), e.getMessage());
  }

  @Test
  void configOverTheLimit_isTooLarge_beforeDownloading() {
    LookupException e =
        assertFailure(LookupException.Kind.TOO_LARGE, API_V1, () -> resolve(Fast.OPTIONS.toBuilder().maxConfigBytes(100).build()));

    assertEquals(0, fake.count(FakeEcr.Op.BLOB));
    assertTrue(e.getMessage().contains("(LookupOptions.maxConfigBytes)"), e.getMessage());
  }

  @Test
  void configHostSlowerThanTimeout_isTimeout() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.delay(Duration.ofSeconds(2), Integer.MAX_VALUE));
    LookupOptions options = Fast.OPTIONS.toBuilder().blobTimeout(Duration.ofMillis(200)).blobMaxAttempts(2).build();

    LookupException e = assertFailure(LookupException.Kind.TIMEOUT, API_V1, () -> resolve(options));

    assertEquals(2, fake.count(FakeEcr.Op.BLOB));
    assertTrue(e.getMessage().contains("did not answer within 200 ms"), e.getMessage());
  }

  @Test
  void configBodyStalling_isTimeout() {
    fake.faultBlob(image.config().digest(), FakeEcr.Fault.stallBody(Duration.ofSeconds(3), Integer.MAX_VALUE));
    LookupOptions options = Fast.OPTIONS.toBuilder().blobTimeout(Duration.ofMillis(200)).blobMaxAttempts(1).build();

    long start = System.nanoTime();
    LookupException e = assertFailure(LookupException.Kind.TIMEOUT, API_V1, () -> resolve(options));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(2500)) < 0, "the watchdog cut it");
    assertTrue(e.getMessage().contains("stalled after"), e.getMessage());
  }

  @Test
  void badConfigJson_isMalformed() {
    TestImages.Blob layer = TestImages.layer(TestImages.OCI_LAYER_GZIP, TestImages.file("a", "a"));
    TestImages.Blob config = TestImages.config(Platform.LINUX_AMD64).raw("Env", "PATH=/bin").build(TestImages.OCI_CONFIG, List.of(layer));
    fake.push("team/api", "v1", TestImages.ociImage(config, List.of(layer), Map.of()));

    LookupException e = assertFailure(LookupException.Kind.MALFORMED, API_V1, this::resolve);

    assertTrue(e.getMessage().contains("config.Env must be a list, got string"), e.getMessage());
  }

  // ---- the presigned GET ----

  @Test
  void presignedGet_sendsNoCredentials() {
    resolve().orElseThrow();

    List<FakeEcr.Request> gets = fake.requests(FakeEcr.Op.BLOB);
    assertEquals(1, gets.size());
    FakeEcr.Request get = gets.get(0);
    for (String header : List.of("Authorization", "X-Amz-Security-Token", "X-Amz-Date", "X-Amz-Content-Sha256", "Cookie")) {
      assertTrue(!get.hasHeader(header), header + " must not be sent: " + get.headers());
    }
    assertTrue(get.query().contains("X-Amz-Signature="), "the URL's own signature is what authorizes it");
    // the API calls, by contrast, are signed by the SDK
    assertTrue(fake.requests(FakeEcr.Op.BATCH_GET_IMAGE).get(0).hasHeader("Authorization"));
  }
}
