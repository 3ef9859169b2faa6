package dev.healthguard.cli;

import dev.healthguard.ecr.RegistryRouter;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.LookupCache;
import dev.healthguard.image.RegistryReader;
import dev.healthguard.image.SourceReader;
import dev.healthguard.layers.Limits;
import dev.healthguard.report.JsonReportWriter;
import dev.healthguard.report.SarifWriter;
import dev.healthguard.rules.RuleSettings;
import dev.healthguard.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code healthguard [options] INPUT...}: the command line, parsed by picocli. */
@Command(
    name = "healthguard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    // picocli's usage errors exit 2 already; an unexpected exception exits 2 as well, never 0 or 1.
    exitCodeOnExecutionException = Main.INPUT_PROBLEM,
    description = {
      "Proves that each ECS container health check can run inside its image (no /bin/sh, no curl, ...).",
      "INPUT is an ECS task definition JSON (register-task-definition input or describe-task-definition output),"
          + " a CloudFormation template (JSON or YAML), a cdk.out directory, a Terraform plan"
          + " (terraform show -json plan.out), or - for standard input."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No finding at or above --fail-on.",
      "1:A finding at or above --fail-on (an error, by default).",
      "2:A usage or input problem: nothing was proven about that input."
    })
public final class Main implements Callable<Integer> {

  static final int CLEAN = 0;
  static final int FAILED = 1;
  static final int INPUT_PROBLEM = 2;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "The files or cdk.out directories to check.")
  List<String> inputs;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
      description = "The lowest severity that fails the run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Severity failOn;

  /** What {@code --format} can be. */
  enum Format { TEXT, JSON, SARIF }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "The report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON and SARIF go to --output, "
          + "or to standard output instead of the text.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where the --format report goes; the text still goes to standard output.")
  Path output;

  @Option(names = "--rule", paramLabel = "RULE=LEVEL",
      description = "Turn a rule off or set its level, as the library's healthguard:rules does: "
          + "--rule HG005=off, --rule HG006=error.")
  Map<String, String> rules = new LinkedHashMap<>();

  @Option(names = "--lookups",
      description = "Look ECR images missing from the cache file up (credentials that may call ecr:BatchGetImage and "
          + "ecr:GetDownloadUrlForLayer) and write what is learnt there, as the library's healthguard:lookups does.")
  boolean lookups;

  @Option(names = "--cache-file", paramLabel = "FILE", defaultValue = LookupCache.DEFAULT_FILE,
      description = "The lookup cache shared with the library (default: ${DEFAULT-VALUE}).")
  Path cacheFile;

  @Option(names = "--ecr-endpoint", paramLabel = "URL",
      description = "An ECR endpoint override (default: the SDK's, which honours AWS_ENDPOINT_URL_ECR).")
  URI ecrEndpoint;

  @Option(names = "--account", paramLabel = "ID",
      description = "The account of ECR images a template names by $${AWS::AccountId}.")
  String account;

  @Option(names = "--region", paramLabel = "REGION",
      description = "The region of ECR images a template names by $${AWS::Region}.")
  String region;

  @Option(names = "--dockerfile", paramLabel = "CONTAINER=PATH",
      description = "Judge the container's image by this Dockerfile (its directory is the build context).")
  Map<String, Path> dockerfiles = new LinkedHashMap<>();

  @Option(names = "--target", paramLabel = "CONTAINER=STAGE", description = "The build target of a mapped Dockerfile.")
  Map<String, String> targets = new LinkedHashMap<>();

  @Option(names = "--build-arg", paramLabel = "[CONTAINER:]NAME=VALUE",
      description = "A build arg of one mapped Dockerfile, or of all of them without CONTAINER:.")
  Map<String, String> buildArgs = new LinkedHashMap<>();

  private InputStream stdin = System.in;
  private PrintWriter out;
  private PrintWriter err;

  public static void main(String[] args) {
    System.exit(run(args, System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs one command line; what {@link #main} exits with. */
  static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    main.stdin = stdin;
    main.out = out;
    main.err = err;
    CommandLine line = new CommandLine(main)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(out)
        .setErr(err);
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    RuleSettings.Parsed settings = RuleSettings.parse(rules.isEmpty() ? null : rules);
    if (!settings.problems().isEmpty()) {
      settings.problems().forEach(p -> err.println("healthguard: --rule" + p.substring(RuleSettings.CONTEXT_KEY.length())));
      return INPUT_PROBLEM;
    }
    ImageProfiler profiler = new ImageProfiler(Catalog.builtIn(), lookups, cacheFile,
        this::registryReader);
    Check check = new Check(profiler, settings.settings(), new DockerfileMap(dockerfiles, targets, buildArgs),
        account, region);
    Check.Result result = check.run(inputs, stdin);
    result.problems().forEach(problem -> err.println("healthguard: " + problem));
    try {
      report(result);
    } catch (IOException e) {
      err.println("healthguard: " + output + ": cannot be written (" + e.getMessage() + ")");
      return INPUT_PROBLEM;
    }
    if (!result.problems().isEmpty()) {
      return INPUT_PROBLEM;
    }
    return result.fails(failOn) ? FAILED : CLEAN;
  }

  /** ECR through the ECR API, any other registry through the OCI API with the Docker config's logins. */
  private RegistryReader registryReader() {
    return new SourceReader(RegistryRouter.withDockerLogins(ecrEndpoint, Set.of()), Limits.DEFAULTS);
  }

  /** The text to standard output unless a JSON or SARIF report takes its place there. */
  private void report(Check.Result result) throws IOException {
    String document = switch (format) {
      case TEXT -> null;
      case JSON -> JsonReportWriter.toJson(result.report());
      // Relative to the working directory: run from the repository root for code scanning.
      case SARIF -> SarifWriter.toJson(result.report(), Path.of(""));
    };
    if (document == null && output != null) {
      StringWriter text = new StringWriter();
      TextReport.print(result, lookups, new PrintWriter(text));
      document = text.toString();
    }
    if (output != null) {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, document, StandardCharsets.UTF_8);
    }
    if (output != null || document == null) {
      TextReport.print(result, lookups, out);
    } else {
      out.print(document);
      out.println();
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"healthguard " + (version == null ? "(development build)" : version)};
    }
  }
}
