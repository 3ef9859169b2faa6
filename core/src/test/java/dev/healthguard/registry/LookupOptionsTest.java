package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LookupOptionsTest {

  @Test
  void defaults_areTheDocumentedOnes() {
    LookupOptions o = LookupOptions.defaults();

    assertEquals(Duration.ofSeconds(30), o.apiCallTimeout());
    assertEquals(Duration.ofSeconds(10), o.apiCallAttemptTimeout());
    assertEquals(Duration.ofSeconds(5), o.connectTimeout());
    assertEquals(Duration.ofSeconds(30), o.blobTimeout());
    assertEquals(4, o.maxAttempts());
    assertEquals(3, o.blobMaxAttempts());
    assertEquals(Duration.ofMillis(100), o.retryBaseDelay());
    assertEquals(Duration.ofMillis(500), o.throttlingBaseDelay());
    assertEquals(Duration.ofSeconds(5), o.retryMaxDelay());
    assertEquals(4 * 1024 * 1024, o.maxManifestBytes());
    assertEquals(8 * 1024 * 1024, o.maxConfigBytes());
    assertEquals(128, o.maxLayers());
  }

  @Test
  void toBuilder_keepsEveryValue() {
    LookupOptions o = Fast.OPTIONS.toBuilder().maxLayers(7).build();

    assertEquals(Fast.OPTIONS.toString().replace("maxLayers=128", "maxLayers=7"), o.toString());
  }

  @Test
  void badValues_areRefused_withNameBoundAndValue() {
    assertEquals(
        "maxAttempts must be between 1 and 10, got: 0",
        assertThrows(IllegalArgumentException.class, () -> LookupOptions.builder().maxAttempts(0)).getMessage());
    assertEquals(
        "blobTimeout must be positive, got: PT0S",
        assertThrows(IllegalArgumentException.class, () -> LookupOptions.builder().blobTimeout(Duration.ZERO)).getMessage());
    assertEquals(
        "maxConfigBytes must be at least 1, got: -1",
        assertThrows(IllegalArgumentException.class, () -> LookupOptions.builder().maxConfigBytes(-1)).getMessage());
    assertEquals(
        "apiCallAttemptTimeout (PT1M) must not exceed apiCallTimeout (PT30S)",
        assertThrows(IllegalArgumentException.class, () -> LookupOptions.builder().apiCallAttemptTimeout(Duration.ofMinutes(1)).build())
            .getMessage());
  }
}
