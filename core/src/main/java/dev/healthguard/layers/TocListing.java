package dev.healthguard.layers;

import dev.healthguard.registry.LayerDescriptor;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A layer's listing read from the table of contents its manifest annotations name, instead of
 * streaming the whole blob (issue 9 item 5; registry-options.md §3.3, ecr-oci.md §3):
 *
 * <ul>
 *   <li><b>zstd:chunked</b>: {@code io.github.containers.zstd-chunked.manifest-position} gives
 *       the compressed TOC's offset and length, one closed range; {@code …manifest-checksum} is
 *       the sha256 of those bytes.
 *   <li><b>eStargz</b>: {@code containerd.io/snapshot/stargz/toc.digest} marks the layer; the
 *       51-byte footer at its end gives the TOC's offset, a second closed range reads the TOC
 *       member; the annotation is the sha256 of the TOC JSON.
 * </ul>
 *
 * <p>Both annotations sit in the manifest, whose own digest was checked, so a TOC that hashes to
 * its annotation is as certain as the layer digest. Any problem at all — a missing or odd
 * annotation, a failed or short range read, a digest that differs, a TOC that does not parse, an
 * unknown entry type — gives an empty result, and the caller streams the layer: a TOC that cannot
 * be read must never turn into "not in the image" (registry-options.md §3.3). Only closed byte
 * ranges are asked for, computed from the descriptor's size and the annotation's offsets.
 */
public final class TocListing {

  /**
   * The most bytes a TOC may take, compressed or not; a bigger one is not read and the layer is
   * streamed. Real TOCs are far smaller ("a 320 MB layer costs a 584 KB read",
   * registry-options.md §3.3).
   */
  public static final int MAX_TOC_BYTES = 64 << 20;

  private TocListing() {}

  /** Reads bytes {@code first} to {@code last} (inclusive) of the layer blob. */
  @FunctionalInterface
  public interface Ranges {
    byte[] read(long first, long last) throws IOException;
  }

  /**
   * @param listing the layer's entries, whiteouts and opaque directories, as the tar would give them
   *     (less the eStargz TOC file {@code stargz.index.json} itself, which no program runs)
   * @param bytesRead bytes fetched to read it
   */
  public record Result(LayerListing listing, long bytesRead) {}

  /** Whether the descriptor's annotations name a table of contents this class can read. */
  public static boolean annotated(Map<String, String> annotations) {
    return ZstdChunkedToc.annotated(annotations) || EstargzToc.annotated(annotations);
  }

  /**
   * The listing from the layer's table of contents; empty when there is none or it cannot be
   * read, and the layer should be streamed instead.
   */
  public static Optional<Result> read(LayerDescriptor layer, Ranges ranges, Limits limits) {
    CountingRanges counted = new CountingRanges(ranges);
    try {
      byte[] json;
      if (ZstdChunkedToc.annotated(layer.annotations())) {
        json = ZstdChunkedToc.read(layer, counted);
      } else if (EstargzToc.annotated(layer.annotations())) {
        json = EstargzToc.read(layer, counted);
      } else {
        return Optional.empty();
      }
      LayerListing listing = TocEntries.listing(json, layer, limits);
      return Optional.of(new Result(listing, counted.bytes));
    } catch (IOException | RuntimeException e) {
      // RuntimeException too: a registry failure (LookupException) or malformed JSON is a reason
      // to stream, never a verdict about the layer.
      return Optional.empty();
    }
  }

  /** Counts the bytes the range reads return, for the layer benchmark and the tests. */
  private static final class CountingRanges implements Ranges {
    private final Ranges ranges;
    private long bytes;

    CountingRanges(Ranges ranges) {
      this.ranges = ranges;
    }

    @Override
    public byte[] read(long first, long last) throws IOException {
      byte[] got = ranges.read(first, last);
      bytes += got.length;
      if (got.length != last - first + 1) {
        throw new TocException("range " + first + "-" + last + " returned " + got.length + " bytes");
      }
      return got;
    }
  }
}
