package dev.healthguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.healthguard.layers.ImageFileSystem;
import dev.healthguard.layers.LayerException;
import dev.healthguard.layers.LayerListing;
import dev.healthguard.layers.LayerReader;
import dev.healthguard.layers.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Layer blobs as a registry might serve them, under their own digest so that the reader goes to
 * the end: gzip, zstd or plain tar, sniffed from the bytes. A listing merges into a filesystem
 * that answers lookups; anything else is a {@link LayerException} with a short message (for the
 * walk budget, wrapped in an {@link UncheckedIOException}). The limits
 * are the defaults with 64 MiB of tar, so that a bomb costs a fuzzing run less than a second.
 */
class LayerFuzzTest {
  private static final Limits LIMITS = Limits.DEFAULTS.withMaxUncompressedBytes(64L << 20)
      .withRatioCheckAfterBytes(8L << 20);

  @FuzzTest(maxDuration = "20s", maxExecutions = 40000)
  void read(byte[] blob) throws Exception {
    Invariants.withinTime(() -> check(blob));
  }

  /** The target: one input, checked. */
  static void check(byte[] blob) throws IOException {
    LayerListing listing;
    try {
      listing = LayerReader.read(new ByteArrayInputStream(blob), null, sha256(blob), LIMITS);
    } catch (LayerException e) {
      Invariants.boundedMessage("a layer failure", e.getMessage());
      return;
    }
    try {
      ImageFileSystem fs = ImageFileSystem.of(List.of(listing, listing));
      fs.shell();
      fs.findOnPath(List.of("curl", "wget", "sh"), List.of("/usr/local/bin", "/usr/bin", "/bin"));
      // Every entry looked up, as the registry reader does to find the executables.
      for (LayerListing.Entry entry : listing.entries()) {
        fs.resolve(entry.path());
      }
    } catch (UncheckedIOException e) {
      // The walk budget, the one refusal merging and lookups have.
      if (!(e.getCause() instanceof LayerException layer) || layer.kind() != LayerException.Kind.LIMIT_EXCEEDED) {
        throw e;
      }
      Invariants.boundedMessage("a walk budget failure", e.getMessage());
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
