package dev.healthguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.SymlinkFollowMode;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;

/**
 * One app with a stack per hostile input of issue 10, plus one ordinary stack: the synth
 * completes, each hostile stack gets its own clear finding, the ordinary stack's finding is
 * untouched, and nothing read from outside a build context reaches {@code cdk.out}.
 *
 * <p>The symbolic links use {@code followSymlinks: NEVER}. Under the CDK's default ({@code
 * EXTERNAL}) the CDK itself copies a link's outside target into the staged asset in {@code
 * cdk.out} while the construct is built (aws-cdk-lib {@code core/lib/fs/copy.js}), and refuses
 * to fingerprint a link to a device; the guard runs later and cannot undo either.
 */
class HostileAppTest {

  static final String CURL = "curl -f http://localhost:8080/ || exit 1";
  static final String SECRET = "hunter2-7f3a9c-never-in-cdk-out";
  static final String FOREIGN_LINE = "SECRET_TOKEN=" + SECRET;

  @TempDir static Path dir;
  static Path out;
  static CloudAssembly assembly;
  static boolean fifo;
  /**
   * Elements of the huge CMD: past the 64 KiB command bound. Not a million here: a million strings
   * take minutes through jsii alone (the CDK renders the list, the guard resolves it), before any
   * HealthGuard code runs; the core's RulesTest takes the million-element case.
   */
  static final int HUGE_CMD = 40_000;
  static final Map<String, Stack> STACKS = new java.util.HashMap<>();

  @BeforeAll
  static void synthesize() throws IOException {
    out = dir.resolve("cdk.out");
    App app = App.Builder.create()
        .context(Map.of("aws:cdk:enable-asset-metadata", true))
        .outdir(out.toString())
        .build();
    Path foreign = Files.createDirectories(dir.resolve("elsewhere"));
    Path secret = Files.writeString(foreign.resolve("Dockerfile"), FOREIGN_LINE + "\nFROM alpine:3.20\n");

    asset(app, "ArgDoubling", dockerfile(doubling("ARG", 40)));
    asset(app, "EnvPathDoubling", dockerfile("FROM alpine:3.20\nENV PATH=/x\n" + "ENV PATH=$PATH:$PATH\n".repeat(40)));
    asset(app, "BacktrackingPattern", dockerfile("FROM alpine:3.20\nARG a=" + "a".repeat(60) + "\nARG b=${a##"
        + "*a".repeat(30) + "b}\nWORKDIR /$b\n"));
    StringBuilder stages = new StringBuilder("FROM alpine:3.20 AS s0\n");
    for (int i = 1; i < 45_000; i++) {
      stages.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n');
    }
    asset(app, "HugeStageChain", dockerfile(stages.toString()));
    asset(app, "HugeInterval", dockerfile("FROM alpine:3.20\nHEALTHCHECK --interval=" + "9".repeat(200_000) + "s CMD true\n"));

    Path pipe = context("fifo");
    fifo = mkfifo(pipe.resolve("Dockerfile"));
    if (fifo) {
      asset(app, "FifoDockerfile", pipe);
    }
    Path zero = context("zero");
    Files.writeString(zero.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Files.createSymbolicLink(zero.resolve("Dockerfile.zero"), Path.of("/dev/zero"));
    asset(app, "DevZeroLink", zero, AssetImageProps.builder().file("Dockerfile.zero").followSymlinks(SymlinkFollowMode.NEVER).build());
    Path outside = context("outside");
    Files.writeString(outside.resolve("Dockerfile"), "FROM alpine:3.20\n");
    asset(app, "OutsideContext", outside, AssetImageProps.builder()
        .file(outside.relativize(secret).toString()).build());
    Path linked = context("linked");
    Files.createSymbolicLink(linked.resolve("Dockerfile"), secret);
    asset(app, "SymlinkedSecret", linked, AssetImageProps.builder().followSymlinks(SymlinkFollowMode.NEVER).build());
    Path latin1 = context("latin1");
    Files.write(latin1.resolve("Dockerfile"),
        "# caf\u00e9 cr\u00e8me\nFROM alpine:3.20\n".getBytes(StandardCharsets.ISO_8859_1));
    asset(app, "Latin1Comment", latin1);

    Stack token = stack(app, "TokenInCommand");
    CfnParameter port = CfnParameter.Builder.create(token, "Port").type("Number").defaultValue(8080).build();
    container(token, ContainerImage.fromRegistry("alpine:3.20"),
        List.of("curl -f http://localhost:" + port.getValueAsString() + "/ || exit 1"));
    container(stack(app, "OversizedScript"), ContainerImage.fromRegistry("alpine:3.20"),
        List.of(CURL + "; " + "true; ".repeat(12_000)));
    List<String> huge = new ArrayList<>(List.of("CMD", "curl"));
    huge.addAll(Collections.nCopies(HUGE_CMD, "-f"));
    container(stack(app, "HugeCmd"), ContainerImage.fromRegistry("alpine:3.20"), huge);
    container(stack(app, "HugeImageName"), ContainerImage.fromRegistry("a".repeat(200_000)), List.of(CURL));

    container(stack(app, "Ordinary"), ContainerImage.fromRegistry("cgr.dev/chainguard/static:latest"), List.of(CURL));

    // Escape hatches that write nonsense into a container whose check is fine (busybox wget on alpine).
    for (Map.Entry<String, Object> override : HOSTILE_OVERRIDES.entrySet()) {
      Stack stack = stack(app, "Override" + override.getKey().replaceAll("[^A-Za-z0-9]", ""));
      container(stack, ContainerImage.fromRegistry("alpine:3.20"), List.of("wget -q -O /dev/null http://localhost:8080/ || exit 1"));
      ((CfnResource) stack.getNode().findChild("Task").getNode().getDefaultChild())
          .addPropertyOverride(override.getKey(), override.getValue());
    }

    Aspects.of(app).add(new HealthCheckGuard());
    assembly = app.synth();
  }

  static String doubling(String keyword, int times) {
    StringBuilder text = new StringBuilder("FROM alpine:3.20\n" + keyword + " a0=abcdefgh\n");
    for (int i = 1; i <= times; i++) {
      text.append(keyword).append(" a").append(i).append("=$a").append(i - 1).append("$a").append(i - 1).append('\n');
    }
    return text.append("RUN apk add curl\n").toString();
  }

  static Path context(String name) throws IOException {
    return Files.createDirectories(dir.resolve("app").resolve(name));
  }

  static Path dockerfile(String text) throws IOException {
    Path context = context("d" + Integer.toHexString(text.hashCode()));
    Files.writeString(context.resolve("Dockerfile"), text);
    return context;
  }

  static void asset(App app, String name, Path context) {
    asset(app, name, context, AssetImageProps.builder().build());
  }

  static void asset(App app, String name, Path context, AssetImageProps props) {
    container(stack(app, name), ContainerImage.fromAsset(context.toString(), props), List.of(CURL));
  }

  static void container(Stack stack, ContainerImage image, List<String> command) {
    FargateTaskDefinition.Builder.create(stack, "Task").build().addContainer("app", ContainerDefinitionOptions.builder()
        .image(image)
        .healthCheck(HealthCheck.builder().command(command).build())
        .build());
  }

  static boolean mkfifo(Path path) {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The stack's one HealthGuard finding under this rule, checked to be short and free of traces. */
  static String finding(String stack, String severity, String rule) {
    List<String> found = messages(stack, severity).stream().filter(m -> m.startsWith("[" + rule + "]")).toList();
    assertEquals(1, found.size(), stack + ": " + messages(stack, "*"));
    String message = found.get(0);
    assertTrue(message.length() < 2_000, stack + ": " + message.length() + " characters");
    assertFalse(message.contains("\tat ") || message.contains("Exception"), stack + ": " + message);
    return message;
  }

  static List<String> messages(String stack, String severity) {
    Annotations annotations = Annotations.fromStack(stackOf(stack));
    List<software.amazon.awscdk.cxapi.SynthesisMessage> all = switch (severity) {
      case "error" -> annotations.findError("*", Match.anyValue());
      case "warning" -> annotations.findWarning("*", Match.anyValue());
      case "info" -> annotations.findInfo("*", Match.anyValue());
      default -> Stream.of(annotations.findError("*", Match.anyValue()), annotations.findWarning("*", Match.anyValue()),
          annotations.findInfo("*", Match.anyValue())).flatMap(List::stream).toList();
    };
    return all.stream().map(m -> String.valueOf(m.getEntry().getData())).toList();
  }

  static Stack stackOf(String name) {
    return STACKS.get(name);
  }

  static Stack stack(App app, String name) {
    Stack stack = new Stack(app, name);
    STACKS.put(name, stack);
    return stack;
  }

  @Test
  void expansionBudgetsAreWarningsNamingTheLimit() {
    assertTrue(finding("ArgDoubling", "warning", "HG010").contains("longer than 262144"));
    assertTrue(finding("EnvPathDoubling", "warning", "HG010").contains("longer than 262144"));
    assertTrue(finding("HugeStageChain", "warning", "HG010").contains("more than 1000 stages"));
    assertTrue(finding("HugeInterval", "warning", "HG010").contains("invalid duration"));
  }

  @Test
  void aBacktrackingPatternIsEvaluatedAndTheImageJudged() {
    assertTrue(finding("BacktrackingPattern", "error", "HG002").contains("runs curl, which the image does not have"));
  }

  @Test
  void aLatin1CommentIsReadAsDockerReadsIt() {
    assertTrue(finding("Latin1Comment", "error", "HG002").contains("runs curl, which the image does not have"));
    assertTrue(messages("Latin1Comment", "warning").isEmpty(), messages("Latin1Comment", "warning").toString());
  }

  @Test
  void specialFilesAreNeverOpened() {
    assumeTrue(fifo, "mkfifo is not available");
    assertTrue(finding("FifoDockerfile", "warning", "HG010").contains("is a special file (a pipe, socket or device)"));
  }

  @Test
  void dockerfilesOutsideTheContextAreRefusedByName() {
    assertTrue(finding("DevZeroLink", "warning", "HG010").contains("Dockerfile.zero is a symbolic link that leads outside"));
    String outside = finding("OutsideContext", "warning", "HG010");
    assertTrue(outside.contains("elsewhere/Dockerfile is outside the build context"), outside);
    assertTrue(finding("SymlinkedSecret", "warning", "HG010").contains("is a symbolic link that leads outside"));
  }

  @Test
  void commandsTheGuardCannotReadSaySo() {
    assertTrue(finding("TokenInCommand", "info", "HG012").contains("only known at deploy time"));
    String oversized = finding("OversizedScript", "warning", "HG012");
    assertTrue(oversized.contains("scripts over 65536 characters are not analysed"), oversized);
    assertTrue(oversized.contains("healthCheck.command [\"CMD-SHELL\", \"curl -f"), oversized);
    assertTrue(finding("HugeCmd", "warning", "HG012").contains("commands over 65536 characters are not analysed"));
  }

  @Test
  void aHugeImageNameIsShownAsAnExcerpt() {
    String message = finding("HugeImageName", "info", "HG008");
    assertTrue(message.contains("more characters)"), message);
  }

  /** L1 overrides whose values are not what CloudFormation takes there. */
  static final Map<String, Object> HOSTILE_OVERRIDES = Map.of(
      "ContainerDefinitions", "not a list",
      "ContainerDefinitions.0.HealthCheck.Command", 42,
      "ContainerDefinitions.0.HealthCheck", List.of("CMD", "true"),
      "ContainerDefinitions.0.Image", Map.of("Fn::Join", List.of(7, Map.of())),
      "ContainerDefinitions.0.PortMappings", Map.of("ContainerPort", "x"));

  @Test
  void nonsenseOverridesNeverFailTheSynthNorMakeAnError() {
    for (String key : HOSTILE_OVERRIDES.keySet()) {
      String stack = "Override" + key.replaceAll("[^A-Za-z0-9]", "");
      List<String> messages = messages(stack, "*");
      assertTrue(messages(stack, "error").isEmpty(), stack + ": " + messages);
      for (String message : messages) {
        assertTrue(message.length() < 2_000, stack + ": " + message.length() + " characters");
        assertFalse(message.contains("\tat ") || message.contains("Exception"), stack + ": " + message);
      }
    }
  }

  @Test
  void theOrdinaryStackKeepsItsFinding() {
    String message = finding("Ordinary", "error", "HG001");
    assertTrue(message.startsWith("[HG001] container 'app' of Ordinary/Task, image cgr.dev/chainguard/static:latest: "
        + "the health check is CMD-SHELL, which Docker runs with /bin/sh -c, but the image has no /bin/sh"), message);
  }

  @Test
  void nothingFromOutsideABuildContextIsInCdkOut() throws IOException {
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) { // links are listed, never followed
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    assertFalse(files.isEmpty());
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      assertFalse(contains(bytes, secret), file + " holds the foreign file's secret");
      assertFalse(contains(bytes, "SECRET_TOKEN".getBytes(StandardCharsets.UTF_8)), file + " holds the foreign line");
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
