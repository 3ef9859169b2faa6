package dev.healthguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledProbeTest {

  @TempDir Path root;

  final BundledProbe bundle = BundledProbe.fromResources();

  @Test
  void theDirectoryIsNamedByTwelveHexDigitsOfTheContentHash() {
    assertTrue(bundle.hash().matches("[0-9a-f]{12}"), bundle.hash());
    assertEquals("healthguard-probe-" + bundle.hash(), bundle.directoryName());
  }

  @Test
  void materializeWritesExactlyTheThreeFiles() throws Exception {
    // GIVEN
    Path dir = bundle.materialize(root);
    // THEN
    assertEquals(root.resolve(bundle.directoryName()), dir);
    assertEquals(Set.of("Dockerfile", "go.mod", "main.go"), names(dir));
    for (String name : BundledProbe.FILES) {
      assertArrayEquals(bundle.file(name), Files.readAllBytes(dir.resolve(name)), name);
    }
    assertEquals(Set.of(bundle.directoryName()), names(root), "no staging directory is left behind");
  }

  @Test
  void materializeIsIdempotent() {
    Path first = bundle.materialize(root);
    Path second = bundle.materialize(root);
    assertEquals(first, second);
    assertEquals(Set.of(bundle.directoryName()), names(root));
  }

  @Test
  void racingWritersAllGetTheSameIntactDirectory() throws Exception {
    // GIVEN: eight writers released at once, as two JVMs (or threads) racing on a cold tmpdir
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        Callable<Path> task = () -> {
          start.await();
          return bundle.materialize(root);
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      // THEN
      Set<Path> dirs = new HashSet<>();
      for (Future<Path> result : results) {
        dirs.add(result.get());
      }
      assertEquals(Set.of(root.resolve(bundle.directoryName())), dirs);
      assertTrue(bundle.holdsExactly(root.resolve(bundle.directoryName()), null));
      assertEquals(Set.of(bundle.directoryName()), names(root), "the losers' staging directories are removed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTamperedDirectoryIsNotUsed() throws Exception {
    // GIVEN: the content-addressed name exists with other content (a damaged or planted directory)
    Path planted = Files.createDirectories(root.resolve(bundle.directoryName()));
    Files.writeString(planted.resolve("Dockerfile"), "FROM evil\n");
    Files.write(planted.resolve("go.mod"), bundle.file("go.mod"));
    Files.write(planted.resolve("main.go"), bundle.file("main.go"));
    // THEN: a private copy is written instead, and the planted one is left alone
    Path dir = bundle.materialize(root);
    assertNotEquals(planted, dir);
    assertTrue(bundle.holdsExactly(dir, null));
    assertEquals("FROM evil\n", Files.readString(planted.resolve("Dockerfile"), StandardCharsets.UTF_8));
  }

  @Test
  void anExtraFileDisqualifiesADirectory() throws Exception {
    // An extra file would enter the Docker build context and change the asset hash.
    Path dir = bundle.materialize(root);
    Files.writeString(dir.resolve("notes.txt"), "x");
    assertTrue(!bundle.holdsExactly(dir, null));
    Path other = bundle.materialize(root);
    assertNotEquals(dir, other);
    assertEquals(Set.of("Dockerfile", "go.mod", "main.go"), names(other));
  }

  @Test
  void directoryUsesTheJavaTempDirectoryAndIsStable() {
    Path first = bundle.directory();
    Path second = bundle.directory();
    assertEquals(first, second);
    assertEquals(Path.of(System.getProperty("java.io.tmpdir")).resolve(bundle.directoryName()), first);
  }

  static Set<String> names(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      Set<String> names = new HashSet<>();
      list.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
