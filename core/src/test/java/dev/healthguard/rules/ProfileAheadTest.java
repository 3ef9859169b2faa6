package dev.healthguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.ImageRef;
import dev.healthguard.task.HealthCheck;
import dev.healthguard.task.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiling an assembly's images ahead, on two threads, finds what checking them one by one finds. */
class ProfileAheadTest {

  @TempDir Path apps;

  @Test
  void everyImageIsProfiledAheadAndTheFindingsAreTheSame() throws IOException {
    List<Target> targets = targets(TargetChecker.AHEAD_MINIMUM + 8);
    TargetChecker ahead = new TargetChecker(new ImageProfiler(Catalog.builtIn()));

    ahead.profileAhead(targets);
    assertEquals(targets.size(), ahead.imagesProfiled());

    TargetChecker oneByOne = new TargetChecker(new ImageProfiler(Catalog.builtIn()));
    for (Target target : targets) {
      List<Finding> found = ahead.check(target);
      assertEquals(oneByOne.check(target), found);
      // python:3.12-slim has no curl; every other image installs it
      assertEquals(target.container().equals("app0") ? List.of("HG002") : List.of(),
          found.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::ruleId).toList());
    }
    assertEquals(targets.size(), ahead.imagesProfiled());
  }

  @Test
  void nothingIsProfiledAheadWhenAProfileMayAskARegistry() throws IOException {
    ImageProfiler looksUp = new ImageProfiler(Catalog.builtIn(), true, apps.resolve("no-cache.json"), () -> {
      throw new AssertionError("no registry is asked ahead");
    });
    TargetChecker checker = new TargetChecker(looksUp);
    checker.profileAhead(targets(TargetChecker.AHEAD_MINIMUM + 8));
    assertEquals(0, checker.imagesProfiled());
  }

  @Test
  void aFewImagesAreLeftToTheCheck() throws IOException {
    TargetChecker checker = new TargetChecker(new ImageProfiler(Catalog.builtIn()));
    checker.profileAhead(targets(TargetChecker.AHEAD_MINIMUM - 1));
    assertEquals(0, checker.imagesProfiled());
  }

  private List<Target> targets(int count) throws IOException {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path context = Files.createDirectories(apps.resolve("app" + i + "-" + count));
      Files.writeString(context.resolve("Dockerfile"), i == 0
          ? "FROM python:3.12-slim\nCOPY . /app\n"
          : "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nCOPY . /app" + i + "\n");
      targets.add(new Target("Stack/Task" + i, "app" + i,
          new HealthCheck(List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"), null, null, null, null),
          new ImageRef.Asset(context, "Dockerfile", null, Map.of(), true, "hash" + i),
          List.of(8080), true, "X86_64", "awsvpc", List.of(8080), List.of()));
    }
    return targets;
  }
}
