package dev.healthguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FargateSizeTest {

  @Test
  void theTableHoldsTheDocumentedCombinations() {
    // THEN: each row's ends and steps, from task-cpu-memory-error.html
    assertTrue(new FargateSize(256, 512).isValid());
    assertTrue(new FargateSize(256, 2048).isValid());
    assertFalse(new FargateSize(256, 1536).isValid(), "256 CPU units take 512, 1024 or 2048 only");
    assertFalse(new FargateSize(256, 3072).isValid());
    assertTrue(new FargateSize(512, 1024).isValid());
    assertTrue(new FargateSize(512, 4096).isValid());
    assertFalse(new FargateSize(512, 512).isValid());
    assertTrue(new FargateSize(1024, 8192).isValid());
    assertTrue(new FargateSize(2048, 16384).isValid());
    assertTrue(new FargateSize(4096, 30720).isValid());
    assertFalse(new FargateSize(4096, 31744).isValid());
    assertTrue(new FargateSize(8192, 20480).isValid());
    assertFalse(new FargateSize(8192, 18432).isValid(), "8192 CPU units step by 4 GB");
    assertTrue(new FargateSize(16384, 122880).isValid());
    assertFalse(new FargateSize(16384, 36864).isValid(), "16384 CPU units step by 8 GB");
    assertFalse(new FargateSize(300, 1024).isValid());
  }

  @Test
  void smallestHoldingKeepsTheCpuWhenItCan() {
    assertEquals(Optional.of(new FargateSize(256, 1024)), new FargateSize(256, 512).smallestHolding(528));
    assertEquals(Optional.of(new FargateSize(1024, 3072)), new FargateSize(1024, 2048).smallestHolding(2049));
    assertEquals(Optional.of(new FargateSize(8192, 20480)), new FargateSize(8192, 16384).smallestHolding(16400));
  }

  @Test
  void smallestHoldingRaisesTheCpuWhenTheMemoryRunsOut() {
    assertEquals(Optional.of(new FargateSize(512, 3072)), new FargateSize(256, 2048).smallestHolding(2064));
    assertEquals(Optional.of(new FargateSize(2048, 9216)), new FargateSize(1024, 8192).smallestHolding(8208));
    assertEquals(Optional.of(new FargateSize(8192, 32768)), new FargateSize(4096, 30720).smallestHolding(30736));
  }

  @Test
  void smallestHoldingNeverShrinks() {
    assertEquals(Optional.of(new FargateSize(2048, 8192)), new FargateSize(2048, 8192).smallestHolding(100));
  }

  @Test
  void smallestHoldingIsEmptyBeyondTheLargestSize() {
    assertEquals(Optional.empty(), new FargateSize(16384, 122880).smallestHolding(122896));
    assertEquals(122880, FargateSize.maxMemoryMiB());
    assertEquals(2048, FargateSize.maxMemoryMiB(256));
    assertEquals(0, FargateSize.maxMemoryMiB(300));
  }
}
