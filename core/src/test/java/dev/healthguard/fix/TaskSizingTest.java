package dev.healthguard.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.fix.TaskSize.ContainerMemory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskSizingTest {

  static TaskSize task(boolean fargate, Integer cpu, Integer memory, ContainerMemory... containers) {
    return new TaskSize("S/Task", fargate, cpu, memory, List.of(containers));
  }

  static ContainerMemory hard(int mib) {
    return new ContainerMemory(mib, null);
  }

  static ContainerMemory soft(int mib) {
    return new ContainerMemory(null, mib);
  }

  @Test
  void aFargateTaskFullOfHardLimitsGrowsToTheNextValidSize() {
    // GIVEN
    TaskSize facts = task(true, 256, 512, hard(512));
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
    TaskSize facts = task(true, 256, 512, new ContainerMemory(512, 256));
    assertEquals(Optional.empty(), TaskSizing.forAddedContainer(facts, 16, "probe"));
  }

  @Test
  void softReservationsThatFillTheTaskAlsoGrowIt() {
    TaskSize facts = task(true, 512, 1024, soft(1024));
    assertEquals(2048, TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow().toMemoryMiB());
  }

  @Test
  void containersWithoutMemorySettingsNeverGrowTheTask() {
    TaskSize facts = task(true, 256, 512, new ContainerMemory(null, null));
    assertEquals(Optional.empty(), TaskSizing.forAddedContainer(facts, 16, "probe"));
  }

  @Test
  void theCpuGrowsWhenItsMemoryRangeIsExhausted() {
    TaskSize facts = task(true, 256, 2048, hard(2048));
    TaskSizing.Growth growth = TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow();
    assertEquals(512, growth.toCpu());
    assertEquals(3072, growth.toMemoryMiB());
    assertTrue(growth.description().startsWith("grew the task from 256 CPU units / 2048 MiB to 512 CPU units / 3072 MiB"),
        growth.description());
  }

  @Test
  void anEc2TaskGrowsToExactlyWhatItNeeds() {
    TaskSize facts = task(false, null, 600, hard(600));
    TaskSizing.Growth growth = TaskSizing.forAddedContainer(facts, 16, "probe").orElseThrow();
    assertEquals(616, growth.toMemoryMiB());
    assertEquals(null, growth.toCpu());
  }

  @Test
  void anEc2TaskWithoutTaskMemoryHasNothingToGrow() {
    assertEquals(Optional.empty(), TaskSizing.forAddedContainer(task(false, null, null, hard(4096)), 16, "p"));
  }

  @Test
  void throwsWhenEvenTheLargestFargateSizeIsTooSmall() {
    TaskSize facts = task(true, 16384, 122880, hard(122880));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskSizing.forAddedContainer(facts, 16, "probe"));
    assertTrue(e.getMessage().contains("122896 MiB in all, more than the largest Fargate task memory (122880 MiB)"),
        e.getMessage());
  }

  @Test
  void throwsWhenTheFargateCpuIsNotOneFargateOffers() {
    TaskSize facts = task(true, 300, 512, hard(512));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskSizing.forAddedContainer(facts, 16, "probe"));
    assertTrue(e.getMessage().contains("its cpu is 300, not one of Fargate's values"), e.getMessage());
  }
}
