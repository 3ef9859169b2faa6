package dev.healthguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe's Go unit tests ({@code main_test.go}) and {@code go vet}, run from the Maven build so
 * that CI's log shows them; skipped, with the reason printed, where Go is missing.
 */
class ProbeGoTest {

  @Test
  void goVetFindsNothing() {
    GoToolchain.Result vet = GoToolchain.require().go("vet", "./...");

    System.out.println("go vet ./... (exit " + vet.exit() + ")\n" + vet.output());
    assertEquals(0, vet.exit(), vet.output());
  }

  @Test
  void theGoUnitTestsPass() {
    GoToolchain.Result test = GoToolchain.require().go("test", "-count=1", "-v", "./...");

    System.out.println("go test -v ./... (exit " + test.exit() + ")\n" + test.output());
    assertEquals(0, test.exit(), test.output());
    assertFalse(test.output().contains("--- FAIL"), test.output());
    // Each behaviour the probe promises ran, not only "some tests".
    for (String name : List.of("TestHTTPHealthyIsZero", "TestHTTPServerErrorIsUnhealthy", "TestHTTPNotFoundIsUnhealthy",
        "TestHTTPConnectionRefusedIsUnhealthy", "TestHTTPNoAnswerWithinTheTimeoutIsUnhealthy",
        "TestHTTPRedirectsAreFollowedAndTheFinalStatusCounts", "TestHTTPStatusRanges", "TestTCPOpenPortIsHealthy",
        "TestTCPClosedPortIsUnhealthy", "TestInstallCopiesThisProgramWithMode0555",
        "TestUsageErrorsExitTwoWithTheUsageText", "TestSleepEndsOnSIGTERM")) {
      assertTrue(test.output().contains("--- PASS: " + name + " "), name + " did not pass:\n" + test.output());
    }
  }

  @Test
  void theGoTestsStayOutOfTheJarAndTheImageAsset() {
    // GIVEN the test file beside main.go in the sources
    assertTrue(Files.isRegularFile(GoToolchain.SOURCES.resolve("main_test.go")));

    // THEN lib's resources leave it out of the jar, and the asset holds only the build context
    assertNull(BundledProbe.class.getResource("main_test.go"), "main_test.go is on the class path");
    assertEquals(List.of("Dockerfile", "go.mod", "main.go"), List.of(BundledProbe.FILES));
  }
}
