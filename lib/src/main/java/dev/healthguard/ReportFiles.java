package dev.healthguard;

import dev.healthguard.report.JsonReportWriter;
import dev.healthguard.report.Report;
import dev.healthguard.report.SarifWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code healthguard.sarif} and {@code healthguard.json} in the cloud assembly directory, beside
 * the CDK's own {@code validation-report.json}.
 *
 * <p>The CDK hashes every file of the assembly before it calls validation plugins and fails the
 * synth with {@code IllegalPluginOperation} if a plugin changed or deleted one (aws-cdk-lib 2.263
 * {@code core/lib/private/synthesis-validation.js}, {@code hasModifiedPreExistingFiles}); new files
 * are allowed. The CLI reuses {@code cdk.out} from run to run, so reports from the previous synth
 * are deleted before synthesis starts ({@link #deleteStale}), and the plugin only ever creates them.
 */
final class ReportFiles {

  static final String SARIF = "healthguard.sarif";
  static final String JSON = "healthguard.json";

  private ReportFiles() {}

  /**
   * Writes both files into {@code outdir}; paths in them are relative to the working directory,
   * which is the CDK app's root under the CLI (it runs the app in cdk.json's directory).
   *
   * @return a short reason when they could not be written
   */
  static Optional<String> write(Report report, Path outdir) {
    try {
      String sarif = SarifWriter.toJson(report, Path.of(""));
      Files.createDirectories(outdir);
      Files.writeString(outdir.resolve(SARIF), sarif, StandardCharsets.UTF_8);
      JsonReportWriter.write(report, outdir.resolve(JSON));
      WRITTEN.put(key(outdir), sarif);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(Causes.brief(e));
    }
  }

  /** What this JVM last wrote into each assembly directory, to tell this synth's reports from an earlier one's. */
  private static final Map<Path, String> WRITTEN = new ConcurrentHashMap<>();

  /** Whether a report from an earlier synth is still there, which a plugin may not replace. */
  static boolean stale(Path outdir) {
    return Files.exists(outdir.resolve(SARIF)) || Files.exists(outdir.resolve(JSON));
  }

  /**
   * Whether the reports in {@code outdir} are the ones this JVM last wrote there: an aspect on the
   * same app wrote them earlier in this synth (before the CDK took its snapshot).
   */
  static boolean writtenHere(Path outdir) {
    String mine = WRITTEN.get(key(outdir));
    try {
      return mine != null && mine.equals(Files.readString(outdir.resolve(SARIF), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }

  private static Path key(Path outdir) {
    return outdir.toAbsolutePath().normalize();
  }

  /**
   * Deletes the reports of an earlier synth from the assembly directory the CDK CLI passes in
   * {@code CDK_OUTDIR}; called when the guard is created, which is before any synth.
   */
  public static void deleteStale() {
    String outdir = System.getenv("CDK_OUTDIR");
    if (outdir != null && !outdir.isBlank()) {
      deleteStale(Path.of(outdir));
    }
  }

  static void deleteStale(Path outdir) {
    try {
      Files.deleteIfExists(outdir.resolve(SARIF));
      Files.deleteIfExists(outdir.resolve(JSON));
    } catch (IOException e) {
      // unwritable: the plugin will say that the old files are still there
    }
  }
}
