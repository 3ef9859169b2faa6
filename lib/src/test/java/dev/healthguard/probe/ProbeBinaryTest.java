package dev.healthguard.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe binary as the image ships it: built from {@code main.go} with {@code CGO_ENABLED=0},
 * then run against real HTTP and TCP servers on the loopback interface. Its exit codes are Docker's
 * health-check contract (0 healthy, 1 unhealthy, 2 usage), which the usage text promises.
 */
class ProbeBinaryTest {
  static final int PT_INTERP = 3;

  static Path binary;
  static HttpServer http;
  static ExecutorService handlers;
  static final CountDownLatch release = new CountDownLatch(1);
  static String base;

  @TempDir Path dir;

  @BeforeAll
  static void buildTheProbeAndStartTheServers() throws IOException {
    GoToolchain go = GoToolchain.require();
    binary = GoToolchain.WORK.resolve("bin").resolve("probe");
    // The link flags of the probe's Dockerfile. Without its -trimpath the packages compiled for the
    // Go unit tests are reused; -buildvcs=false since a worktree's .git is not Go's business.
    GoToolchain.Result build = go.go("build", "-buildvcs=false", "-ldflags=-s -w -buildid=",
        "-o", binary.toString(), ".");
    assertEquals(0, build.exit(), "go build failed:\n" + build.output());

    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    http.setExecutor(handlers);
    http.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    http.createContext("/broken", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    http.createContext("/slow", exchange -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @AfterAll
  static void stopTheServers() {
    release.countDown();
    if (http != null) {
      http.stop(0);
      handlers.shutdownNow();
    }
  }

  static GoToolchain.Result probe(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    return GoToolchain.run(new ProcessBuilder(command), "probe " + String.join(" ", args));
  }

  static void assertExit(int expected, GoToolchain.Result result) {
    assertEquals(expected, result.exit(), result.output());
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void httpAnswersZeroForAHealthyEndpoint() {
    GoToolchain.Result result = probe("http", base + "/health");

    assertExit(0, result);
    assertTrue(result.output().contains("status 200"), result.output());
  }

  @Test
  void httpAnswersOneForAnErrorStatusARefusedConnectionAndATimeout() throws IOException {
    assertExit(1, probe("http", base + "/broken"));
    assertExit(1, probe("http", base + "/nowhere"));
    assertExit(1, probe("http", "http://127.0.0.1:" + closedPort() + "/health"));
    GoToolchain.Result slow = probe("http", base + "/slow", "-timeout", "300ms");
    assertExit(1, slow);
    assertTrue(slow.output().contains("no response within 300ms"), slow.output());
  }

  @Test
  void httpStatusRangeDecides() {
    assertExit(0, probe("http", base + "/broken", "-status", "500"));
    assertExit(1, probe("http", base + "/health", "-status", "201-299"));
  }

  @Test
  void tcpAnswersZeroForAnOpenPortAndOneForAClosedOne() throws IOException {
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertExit(0, probe("tcp", "127.0.0.1:" + open.getLocalPort()));
    }
    assertExit(1, probe("tcp", "127.0.0.1:" + closedPort()));
  }

  @Test
  void usageErrorsAnswerTwoWithTheUsageText() {
    for (String[] args : new String[][] {{}, {"ping"}, {"http"}, {"http", "localhost:8080"}, {"tcp", "localhost"},
        {"http", base + "/health", "-status", "600"}}) {
      GoToolchain.Result result = probe(args);
      assertExit(2, result);
      assertTrue(result.output().contains("usage:"), result.output());
    }
  }

  @Test
  void theUsageTextStatesTheSubcommands() {
    GoToolchain.Result help = probe("help");

    assertExit(0, help);
    for (String line : List.of("probe install <dest>", "probe http <url>", "probe tcp <host:port>", "probe sleep")) {
      assertTrue(help.output().contains(line), help.output());
    }
  }

  @Test
  void installCopiesTheBinaryWhichThenRuns() throws IOException {
    Path dest = dir.resolve("volume").resolve("probe");

    assertExit(0, probe("install", dest.toString()));

    assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
    assertArrayEquals(Files.readAllBytes(binary), Files.readAllBytes(dest));
    GoToolchain.Result copy = GoToolchain.run(new ProcessBuilder(dest.toString(), "http", base + "/health"), "copy");
    assertExit(0, copy);
  }

  @Test
  void theBinaryIsStaticallyLinked() throws IOException {
    List<Integer> types = programHeaderTypes(binary);

    assertFalse(types.isEmpty(), "no program headers read");
    assertFalse(types.contains(PT_INTERP), "the probe names an ELF interpreter, so scratch cannot run it: " + types);
  }

  @Test
  void theElfReaderFindsTheInterpreterOfADynamicallyLinkedProgram() throws IOException {
    // The JVM's launcher is dynamically linked: the check above could fail.
    Path java = Path.of(ProcessHandle.current().info().command().orElse("/nonexistent"));
    assumeTrue(Files.isRegularFile(java) && isElf(java), "the JVM's launcher is not an ELF file here");

    assertTrue(programHeaderTypes(java).contains(PT_INTERP));
  }

  static boolean isElf(Path file) throws IOException {
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(file)) {
      return in.read(head) == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }
  }

  /** The {@code p_type} of each ELF program header (System V ABI: the ELF header, then e_phnum entries). */
  static List<Integer> programHeaderTypes(Path file) throws IOException {
    ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(file));
    assertTrue(isElf(file), file + " is not an ELF file");
    boolean wide = elf.get(4) == 2; // EI_CLASS: 1 = 32-bit, 2 = 64-bit
    elf.order(elf.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN); // EI_DATA
    long phoff = wide ? elf.getLong(0x20) : Integer.toUnsignedLong(elf.getInt(0x1C));
    int phentsize = Short.toUnsignedInt(elf.getShort(wide ? 0x36 : 0x2A));
    int phnum = Short.toUnsignedInt(elf.getShort(wide ? 0x38 : 0x2C));
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      types.add(elf.getInt(Math.toIntExact(phoff + (long) i * phentsize)));
    }
    return types;
  }
}
