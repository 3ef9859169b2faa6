package dev.healthguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.probe.TaskFacts.ContainerFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskSizingTest {

  static TaskFacts task(boolean fargate, Integer cpu, Integer memory, ContainerFacts... containers) {
    return new TaskFacts("S/Task", fargate, fargate ? "awsvpc" : null, cpu, memory, null, null, List.of(), List.of(containers));
  }

  static ContainerFacts hard(String name, int mib) {
    return new ContainerFacts(name, mib, null, List.of());
  }

  static ContainerFacts soft(String name, int mib) {
    return new ContainerFacts(name, null, mib, List.of());
  }

  @Test
  void aFargateTaskFullOfHardLimitsGrowsToTheNextValidSize() {
    // GIVEN
    TaskFacts facts = task(true, 256, 512, hard("app", 512));
    // THEN
    TaskSizing.Growth growth = TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow();
    assertEquals(256, growth.toCpu());
    assertEquals(1024, growth.toMemoryMiB());
    assertTrue(growth.description().startsWith(
        "grew the task memory from 512 to 1024 MiB (the next valid Fargate size for 256 CPU units"), growth.description());
  }

  @Test
  void aReservationCountsInsteadOfTheHardLimit() {
    // ECS counts memoryReservation when set, else memory.
    TaskFacts facts = task(true, 256, 512, new ContainerFacts("app", 512, 256, List.of()));
    assertEquals(Optional.empty(), TaskSizing.forAddedContainer(facts, 16, "probe"));
  }

  @Test
  void softReservationsThatFillTheTaskAlsoGrowIt() {
    TaskFacts facts = task(true, 512, 1024, soft("app", 1024));
    assertEquals(2048, TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow().toMemoryMiB());
  }

  @Test
  void containersWithoutMemorySettingsNeverGrowTheTask() {
    TaskFacts facts = task(true, 256, 512, new ContainerFacts("app", null, null, List.of()));
    assertEquals(Optional.empty(), TaskSizing.forAddedContainer(facts, 16, "probe"));
  }

  @Test
  void theCpuGrowsWhenItsMemoryRangeIsExhausted() {
    TaskFacts facts = task(true, 256, 2048, hard("app", 2048));
    TaskSizing.Growth growth = TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow();
    assertEquals(512, growth.toCpu());
    assertEquals(3072, growth.toMemoryMiB());
    assertTrue(growth.description().startsWith("grew the task from 256 CPU units / 2048 MiB to 512 CPU units / 3072 MiB"),
        growth.description());
  }

  @Test
  void anEc2TaskGrowsToExactlyWhatItNeeds() {
    TaskFacts facts = task(false, null, 600, hard("app", 600));
    TaskSizing.Growth growth = TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow();
    assertEquals(616, growth.toMemoryMiB());
    assertEquals(null, growth.toCpu());
  }

  @Test
  void anEc2TaskWithoutTaskMemoryHasNothingToGrow() {
    assertEquals(Optional.empty(), TaskSizing.forAddedContainer(task(false, null, null, hard("app", 4096)), 16, "p"));
  }

  @Test
  void throwsWhenEvenTheLargestFargateSizeIsTooSmall() {
    TaskFacts facts = task(true, 16384, 122880, hard("app", 122880));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskSizing.forAddedContainer(facts, 16, "probe"));
    assertTrue(e.getMessage().contains("122896 MiB in all, more than the largest Fargate task memory (122880 MiB)"),
        e.getMessage());
  }

  @Test
  void throwsWhenTheFargateCpuIsNotOneFargateOffers() {
    TaskFacts facts = task(true, 300, 512, hard("app", 512));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskSizing.forAddedContainer(facts, 16, "probe"));
    assertTrue(e.getMessage().contains("its cpu is 300, not one of Fargate's values"), e.getMessage());
  }

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
