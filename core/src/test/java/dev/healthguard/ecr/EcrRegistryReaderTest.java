package dev.healthguard.ecr;

import dev.healthguard.registry.RegistryClient;
import dev.healthguard.registry.Fast;
import dev.healthguard.registry.TestImages;
import dev.healthguard.registry.LookupOptions;
import dev.healthguard.registry.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageProfile;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.SourceReader;
import dev.healthguard.image.ImageRef;
import dev.healthguard.layers.Limits;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.RuleRunner;
import dev.healthguard.rules.Rules;
import dev.healthguard.rules.Subject;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * From a registry to a finding: the real SDK client against the loopback ECR, the layer listing,
 * the profile and the rules. Every fault ends in an HG010 finding that names the image and the
 * cause; nothing is thrown.
 */
class EcrRegistryReaderTest {

  static final List<String> CURL = List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1");
  static final Limits SMALL_LAYERS = Limits.DEFAULTS.withRatioCheckAfterBytes(1 << 20).withMaxCompressionRatio(100);

  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  static TestImages.Image bomb() {
    // 8 MiB of zeros gzip to a few KB: a ratio far above 100:1.
    TestImages.Blob layer = TestImages.layer(TestImages.OCI_LAYER_GZIP, TestImages.executable("bin/zeros", "\0".repeat(8 << 20)));
    TestImages.Blob config = TestImages.config(Platform.LINUX_AMD64).build(TestImages.OCI_CONFIG, List.of(layer));
    return TestImages.ociImage(config, List.of(layer), Map.of());
  }

  ImageProfile profile(FakeEcr ecr, String repository, String tag, LookupOptions options) {
    ImageProfiler profiler = new ImageProfiler(Catalog.builtIn(), true, dir.resolve("cache.json"),
        () -> new SourceReader(new RegistryRouter(ecr.endpoint(), options, RegistryClient.builder().options(options).build()), SMALL_LAYERS));
    return profiler.profile(new ImageRef.Ecr(FakeEcr.ACCOUNT, FakeEcr.REGION, repository, tag), "linux/amd64");
  }

  static List<Finding> findings(ImageProfile image) {
    Target target = new Target("Stack/Task", "app", new HealthCheck(CURL, null, null, null, null),
        new ImageRef.Registry(ImageName.parse("alpine")), List.of(8080), true, "X86_64", "awsvpc", List.of(8080), List.of());
    return new RuleRunner(Rules.all()).run(new Subject(target, image, CommandAnalyzer.analyze(CURL)));
  }

  @Test
  void aKoImageIsListedExactly() {
    try (FakeEcr ecr = FakeEcr.start()) {
      ecr.push("payments/api", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
      ImageProfile image = profile(ecr, "payments/api", "v1", Fast.OPTIONS);
      assertTrue(image.shell().isCertainlyAbsent(), image.toString());
      assertEquals("/ko-app/server", image.executable("server").path());
      assertEquals(List.of("HG001"), findings(image).stream().map(Finding::ruleId).toList());
    }
  }

  @Test
  void throttlingThenSuccessIsRetriedAndKnown() {
    try (FakeEcr ecr = FakeEcr.start()) {
      ecr.push("payments/api", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
      ecr.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.throttle(2));
      ImageProfile image = profile(ecr, "payments/api", "v1", Fast.OPTIONS);
      assertTrue(image.isKnown(), image.unknownReason());
      assertTrue(ecr.count(FakeEcr.Op.BATCH_GET_IMAGE) >= 3);
    }
  }

  static Stream<Arguments> faults() {
    TestImages.Image ko = TestImages.koStatic(Platform.LINUX_AMD64);
    String appLayer = ko.layers().get(1).digest();
    LookupOptions slow = Fast.OPTIONS.toBuilder().apiCallAttemptTimeout(Duration.ofMillis(300))
        .apiCallTimeout(Duration.ofMillis(900)).build();
    return Stream.of(
        fault("access denied", ecr -> ecr.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.accessDenied()), "payments/api", "v1", Fast.OPTIONS, "denied"),
        fault("repository not found", ecr -> { }, "payments/missing", "v1", Fast.OPTIONS, "no repository"),
        fault("tag not found", ecr -> { }, "payments/api", "v9", Fast.OPTIONS, "no image"),
        fault("throttled after retries", ecr -> ecr.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.throttle(50)), "payments/api", "v1", Fast.OPTIONS, "thrott"),
        fault("5xx after retries", ecr -> ecr.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.serverError(50)), "payments/api", "v1", Fast.OPTIONS, "500"),
        fault("truncated layer", ecr -> ecr.faultBlob(appLayer, FakeEcr.Fault.truncate(50)), "payments/api", "v1", Fast.OPTIONS, "broke off"),
        fault("layer digest mismatch", ecr -> ecr.faultBlob(appLayer, FakeEcr.Fault.corrupt(50)), "payments/api", "v1", Fast.OPTIONS, "digest"),
        fault("oversized manifest", ecr -> ecr.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.oversize(5 << 20)), "payments/api", "v1", Fast.OPTIONS, "over the limit"),
        fault("server slower than the timeout", ecr -> ecr.fault(FakeEcr.Op.BATCH_GET_IMAGE, FakeEcr.Fault.delay(Duration.ofSeconds(3), 50)), "payments/api", "v1", slow, "time"),
        fault("decompression bomb", ecr -> ecr.push("payments/bomb", "v1", bomb()), "payments/bomb", "v1", Fast.OPTIONS, "ratio"));
  }

  static Arguments fault(String name, Consumer<FakeEcr> setUp, String repository, String tag, LookupOptions options, String cause) {
    return Arguments.of(name, setUp, repository, tag, options, cause);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void everyFaultEndsInAFindingNamingTheImageAndTheCause(
      String name, Consumer<FakeEcr> setUp, String repository, String tag, LookupOptions options, String cause) {
    try (FakeEcr ecr = FakeEcr.start()) {
      ecr.push("payments/api", "v1", TestImages.koStatic(Platform.LINUX_AMD64));
      setUp.accept(ecr);
      ImageProfile image = profile(ecr, repository, tag, options);
      assertTrue(image.readFailed(), name + ": " + image);
      String reason = image.unknownReason();
      assertTrue(reason.contains(repository), name + ": " + reason);
      assertTrue(reason.toLowerCase().contains(cause), name + ": " + reason);
      assertFalse(reason.contains("X-Amz-Signature") || reason.contains("/blobs/"), name + ": " + reason);
      List<Finding> findings = findings(image);
      assertEquals(List.of("HG010"), findings.stream().map(Finding::ruleId).toList(), name);
    }
  }
}
