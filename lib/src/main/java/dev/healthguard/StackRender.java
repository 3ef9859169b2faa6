package dev.healthguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awscdk.ISynthesisSession;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssemblyBuilder;

/**
 * One stack's template and asset manifest as the synth will write them, rendered into a scratch
 * directory by the stack's own synthesizer: one call to node for the whole stack, where reading
 * the tree costs calls per construct, and the template is the deployed truth, escape-hatch
 * overrides ({@code addPropertyOverride}, an L1 property set after the L2) included.
 *
 * <p>It must run after every aspect: an L2 task definition renders its container list through a
 * cached {@code Lazy}, so the first render freezes it. The aspect renders from a validation on the
 * root, which the CDK runs after all aspects and before it writes the assembly (so annotations
 * added then still reach the manifest).
 *
 * <p>Rendering calls the synthesizer's {@code synthesize} with a session whose assembly is the
 * scratch directory. For the default synthesizers its only lasting effects are the ones the real
 * synth makes a moment later with the same values: the bootstrap-version rule (added once) and the
 * template's file asset (keyed by the template's hash, which is the same).
 *
 * @param template the rendered template
 * @param assetManifest the rendered asset manifest, or null when the synthesizer writes none (a
 *     nested stack: its assets are in its parent's)
 */
record StackRender(Path template, Path assetManifest) {

  /** Renders {@code stack} into a new directory under {@code scratch}. */
  static StackRender of(Stack stack, Path scratch) {
    try {
      Path outdir = Files.createTempDirectory(scratch, "stack");
      Session session = new Session(new CloudAssemblyBuilder(outdir.toString()), outdir.toString());
      stack.getSynthesizer().synthesize(session);
      List<Path> files;
      try (Stream<Path> listed = Files.list(outdir)) {
        files = listed.toList();
      }
      Path template = files.stream().filter(f -> f.getFileName().toString().endsWith(".template.json")).findFirst()
          .orElseThrow(() -> new IllegalStateException("the synthesizer wrote no template"));
      Path assets = files.stream().filter(f -> f.getFileName().toString().endsWith(".assets.json")).findFirst().orElse(null);
      return new StackRender(template, assets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The session the synthesizer writes through: node reads its two properties back from Java. */
  private static final class Session implements ISynthesisSession {
    private CloudAssemblyBuilder assembly;
    private String outdir;

    Session(CloudAssemblyBuilder assembly, String outdir) {
      this.assembly = assembly;
      this.outdir = outdir;
    }

    @Override
    public CloudAssemblyBuilder getAssembly() {
      return assembly;
    }

    @Override
    public void setAssembly(CloudAssemblyBuilder assembly) {
      this.assembly = assembly;
    }

    @Override
    public String getOutdir() {
      return outdir;
    }

    @Override
    public void setOutdir(String outdir) {
      this.outdir = outdir;
    }
  }
}
