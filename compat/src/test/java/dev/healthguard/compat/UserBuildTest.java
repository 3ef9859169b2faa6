package dev.healthguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's CDK app on another aws-cdk-lib than HealthGuard's, resolved by Maven itself: {@code mvn
 * dependency:tree} on a {@code cdk init}-style pom that imports the BOM and depends on HealthGuard.
 * The user's CDK must win, and everything HealthGuard brings must be at the version HealthGuard's
 * own build resolves (this module's tree, written before the tests run).
 *
 * <p>Offline: the user's Maven reads from a {@link LoopbackMavenRepository} in front of the local
 * repository this build filled, into a local repository of its own.
 */
class UserBuildTest {

  static final Set<String> CDK_GROUPS = Set.of("software.amazon.awscdk", "software.constructs", "software.amazon.jsii");
  /** {@code group:artifact:type[:classifier]:version:scope}, after the tree's drawing characters. */
  static final Pattern NODE = Pattern.compile("^([|+\\\\\\- ]*)(\\()?([^:\\s(]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+):(\\w+)");

  @TempDir Path work;

  /**
   * One line of the verbose tree; {@code omitted} for a dependency a declaration asked for and
   * Maven left out ({@code (… - omitted for conflict with …)}), which shows what a pom declares.
   */
  record Node(int depth, String group, String artifact, String version, String scope, boolean omitted) {
    String key() {
      return group + ":" + artifact;
    }
  }

  @Test
  void theUsersCdkWinsAndHealthGuardBringsTheVersionsItWasTestedWith() throws Exception {
    String version = System.getProperty("healthguard.version");
    String userCdk = System.getProperty("healthguard.cdk.expected");
    String builtCdk = Poms.properties(Poms.read(Poms.ROOT.resolve("pom.xml"))).get("aws-cdk-lib.version");
    assertNotEquals(builtCdk, userCdk, "the user's app must use another aws-cdk-lib than HealthGuard's build");
    Path maven = maven();

    Path app = work.resolve("newapp");
    Files.createDirectories(app);
    try (InputStream template = UserBuildTest.class.getResourceAsStream("/user-app/pom.xml")) {
      Files.writeString(app.resolve("pom.xml"), new String(template.readAllBytes(), StandardCharsets.UTF_8)
          .replace("@CDK_VERSION@", userCdk).replace("@HEALTHGUARD_VERSION@", version));
    }
    List<Node> tree;
    try (LoopbackMavenRepository repository = new LoopbackMavenRepository(
        Poms.ROOT, Path.of(System.getProperty("healthguard.m2")), version)) {
      Path settings = work.resolve("settings.xml");
      Files.writeString(settings, """
          <settings>
            <localRepository>%s</localRepository>
            <mirrors>
              <mirror><id>loopback</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
            </mirrors>
          </settings>
          """.formatted(work.resolve("m2"), repository.uri()));
      Path out = work.resolve("tree.txt");
      List<String> command = List.of(maven.toString(), "-B", "-q", "-s", settings.toString(), "-f", app.resolve("pom.xml").toString(),
          "-Dstyle.color=never", "org.apache.maven.plugins:maven-dependency-plugin:"
              + System.getProperty("healthguard.dependencyPlugin") + ":tree",
          "-Dverbose=true", "-DoutputFile=" + out);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve("mvn.log").toFile()).start();
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "mvn dependency:tree did not finish in 5 minutes");
      assertEquals(0, process.exitValue(), () -> "mvn dependency:tree failed:\n" + tail(work.resolve("mvn.log"))
          + "\nserved: " + repository.served());
      tree = parse(Files.readAllLines(out, StandardCharsets.UTF_8));
      // Kept for a look after the run: compat/target/user-app-tree.txt.
      Files.copy(out, Path.of(System.getProperty("healthguard.ownTree")).resolveSibling("user-app-tree.txt"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      // The tree needs the app's poms only (the plugin's own jars do come): aws-cdk-lib's 100 MB jar
      // does not cross the loopback, so the check stays fast.
      assertTrue(repository.served().stream().noneMatch(p -> p.endsWith(".jar")
              && (p.startsWith("software/amazon/awscdk/") || p.startsWith("dev/healthguard/"))),
          () -> repository.served().toString());
    }

    // The user's CDK, once, where the user put it; nothing of the CDK below HealthGuard, not even
    // left out for a conflict: HealthGuard's pom does not ask for one.
    Node cdk = only(tree.stream().filter(n -> !n.omitted()).toList(), "software.amazon.awscdk:aws-cdk-lib");
    assertEquals(userCdk, cdk.version());
    assertEquals(1, cdk.depth());
    Node healthGuard = only(tree.stream().filter(n -> !n.omitted()).toList(), "dev.healthguard:healthguard");
    assertEquals(version, healthGuard.version());
    for (Node node : subtree(tree, healthGuard)) {
      assertFalse(CDK_GROUPS.contains(node.group()), node + " comes in through HealthGuard");
    }

    // Everything else at the version HealthGuard's own build uses (jackson, the AWS SDK, …).
    Map<String, String> tested = new LinkedHashMap<>();
    parse(Files.readAllLines(Path.of(System.getProperty("healthguard.ownTree")), StandardCharsets.UTF_8))
        .stream().filter(n -> !n.omitted()).forEach(n -> tested.putIfAbsent(n.key(), n.version()));
    int compared = 0;
    for (Node node : tree) {
      if (!node.omitted() && !CDK_GROUPS.contains(node.group()) && tested.containsKey(node.key()) && node.depth() > 0) {
        assertEquals(tested.get(node.key()), node.version(), node.key() + " in the user's build");
        compared++;
      }
    }
    assertTrue(tree.stream().anyMatch(n -> n.key().equals("com.fasterxml.jackson.core:jackson-core")), tree.toString());
    assertTrue(tree.stream().anyMatch(n -> n.key().equals("software.amazon.awssdk:url-connection-client")), tree.toString());
    assertTrue(compared > 20, "only " + compared + " artifacts compared");
  }

  static List<Node> parse(List<String> lines) {
    List<Node> nodes = new ArrayList<>();
    for (String line : lines) {
      Matcher m = NODE.matcher(line);
      if (m.find()) {
        nodes.add(new Node(m.group(1).length() / 3, m.group(3), m.group(4), m.group(7), m.group(8), m.group(2) != null));
      } else if (!line.isBlank() && nodes.isEmpty()) {
        // the first line is the project itself: group:artifact:packaging:version
        String[] parts = line.trim().split(":");
        nodes.add(new Node(0, parts[0], parts[1], parts[parts.length - 1], "", false));
      }
    }
    return nodes;
  }

  private static Node only(List<Node> tree, String key) {
    List<Node> found = tree.stream().filter(n -> n.key().equals(key)).toList();
    assertEquals(1, found.size(), key + " in " + tree);
    return found.get(0);
  }

  private static List<Node> subtree(List<Node> tree, Node top) {
    int start = tree.indexOf(top);
    List<Node> below = new ArrayList<>();
    for (int i = start + 1; i < tree.size() && tree.get(i).depth() > top.depth(); i++) {
      below.add(tree.get(i));
    }
    return below;
  }

  /** The Maven running this build, else {@code mvn} on the PATH; the test is skipped without one. */
  private static Path maven() {
    String home = System.getProperty("healthguard.mavenHome");
    if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
      return Path.of(home, "bin", "mvn");
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
        return Path.of(dir, "mvn");
      }
    }
    String reason = "UserBuildTest skipped: no Maven (neither maven.home nor mvn on the PATH) to resolve a user's app with";
    System.out.println(reason);
    Assumptions.abort(reason);
    return null;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
