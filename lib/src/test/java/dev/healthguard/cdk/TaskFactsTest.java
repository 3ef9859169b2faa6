package dev.healthguard.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskFactsTest {

  @Test
  void parsesCloudFormationSizes() {
    assertEquals(1024, TaskFacts.parseMemory("1024", "T"));
    assertEquals(1024, TaskFacts.parseMemory("1GB", "T"));
    assertEquals(2048, TaskFacts.parseMemory("2 gb", "T"));
    assertEquals(512, TaskFacts.parseMemory("0.5 GB", "T"));
    assertEquals(256, TaskFacts.parseCpu(".25 vCPU", "T"));
    assertEquals(1024, TaskFacts.parseCpu("1 vCPU", "T"));
    assertEquals(512, TaskFacts.parseCpu(512, "T"));
    assertEquals(null, TaskFacts.parseCpu(null, "T"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskFacts.parseMemory(java.util.Map.of("Ref", "Size"), "S/Task"));
    assertTrue(e.getMessage().startsWith("Cannot read the task memory of task definition S/Task"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TaskFacts.parseMemory("1.3 GB", "T"));
    assertThrows(IllegalArgumentException.class, () -> TaskFacts.parseCpu("2 cores", "T"));
  }
}
