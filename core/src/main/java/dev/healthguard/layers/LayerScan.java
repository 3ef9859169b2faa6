package dev.healthguard.layers;

import dev.healthguard.layers.LayerException.Kind;
import dev.healthguard.layers.LayerListing.Compression;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * One pass over a layer blob: sniff the compression, decompress, read tar headers, drain the rest
 * so the digest covers every byte, then compare digests. Problems found in the bytes take
 * precedence over the digest comparison (a truncated stream never hashes right, and "truncated"
 * says more).
 */
final class LayerScan {
  private static final int GZIP_BUFFER = 64 * 1024;

  private final String mediaType;
  private final String digest;
  private final Limits limits;
  private final ChunkSource source;
  private final ChunkStream blob;
  private final ListingCollector collector;
  private final boolean jdkGzip;
  private Compression compression = Compression.NONE;
  private UncompressedCounter tarBytes;
  private HeaderOnlyTarStream tar;

  private LayerScan(ChunkSource source, String mediaType, String digest, Limits limits, boolean jdkGzip) {
    this.source = source;
    this.mediaType = mediaType;
    this.digest = digest;
    this.limits = limits;
    this.blob = new ChunkStream(source);
    this.collector = new ListingCollector(digest, limits);
    this.jdkGzip = jdkGzip;
  }

  static LayerListing scan(InputStream in, String mediaType, String digest, Limits limits,
      ScanOptions options) throws IOException {
    ChunkSource source = options.pipelined()
        ? new PipelinedHashingSource(in, digest, limits, options.chunkSize(), options.depth())
        : new InlineHashingSource(in, digest, limits, options.chunkSize());
    return new LayerScan(source, mediaType, digest, limits, options.jdkGzip()).run();
  }

  private LayerListing run() throws IOException {
    try {
      compression = MediaTypes.sniff(blob.peek(4));
      InputStream decompressed = decompress();
      tarBytes = new UncompressedCounter(decompressed, blob, digest, limits);
      tar = new HeaderOnlyTarStream(tarBytes, digest, limits);
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        collector.add(entry);
      }
      if (tar.cutHeaderBytes() > 0) {
        throw new LayerException(Kind.TRUNCATED, digest, String.format(
            "the tar stream ends inside a header (%d of 512 bytes) after entry '%s'",
            tar.cutHeaderBytes(), collector.lastName()));
      }
      // The rest of the tar stream (end-marker padding) and of the blob: the gzip trailer's CRC is
      // checked, and the digest covers every byte, as a registry client would verify it.
      tarBytes.drain();
      blob.drain();
    } catch (IOException | RuntimeException e) {
      throw wrongBlobOr(classify(e));
    } finally {
      closeQuietly();
    }
    String actual = source.actualDigest();
    if (!actual.equals(digest)) {
      throw new LayerException(Kind.DIGEST_MISMATCH, digest, String.format(
          "has digest %s, expected %s (%,d bytes read); the blob is not the one the manifest names",
          actual, digest, source.bytesRead()));
    }
    return collector.finish(mediaType, compression, source.bytesRead(), tarBytes.count());
  }

  private InputStream decompress() throws IOException {
    return switch (compression) {
      // Both read every member (ecr-oci.md §0.6): Commons with decompressConcatenated, the JDK's
      // thanks to ChunkStream's read-ahead available().
      case GZIP -> jdkGzip ? new GZIPInputStream(blob, GZIP_BUFFER) : commonsGzip();
      case ZSTD -> new ZstdInputStream(new ZstdFrames(blob)); // zstd:chunked layers end in skippable frames
      case NONE -> blob;
    };
  }

  /**
   * The JDK reader skips a member's name and comment without keeping them; Commons collects them,
   * so its headers are bounded by {@link GzipHeaderGuard}.
   */
  private InputStream commonsGzip() throws IOException {
    GzipHeaderGuard guarded = new GzipHeaderGuard(blob, digest, limits);
    return GzipCompressorInputStream.builder()
        .setInputStream(guarded)
        .setDecompressConcatenated(true)
        .setOnMemberStart(gz -> guarded.headerRead())
        .setOnMemberEnd(gz -> guarded.memberEnded())
        .get();
  }

  /**
   * A malformed layer whose bytes do not hash to its digest was not that layer: it is a digest
   * mismatch (a corrupted download), found by reading the rest of the blob within the limits.
   * Cut downloads stay TRUNCATED and limits stay limits.
   */
  private IOException wrongBlobOr(IOException failure) {
    if (!(failure instanceof LayerException layer) || layer.kind() != Kind.MALFORMED) {
      return failure;
    }
    String actual;
    try {
      blob.drain();
      actual = source.actualDigest();
    } catch (IOException | RuntimeException e) {
      return failure;
    }
    if (actual.equals(digest)) {
      return failure;
    }
    return new LayerException(Kind.DIGEST_MISMATCH, digest, String.format(
        "has digest %s, expected %s (%,d bytes read); the blob is not the one the manifest names (%s)",
        actual, digest, source.bytesRead(), layer.detail()), failure);
  }

  /** Names a failure by where it happened: the blob stream, the decompressor or the tar reader. */
  private IOException classify(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LayerException layer) {
        return layer;
      }
    }
    if (blob.failure() != null) {
      return blob.failure(); // the caller's stream failed: an I/O error, not a bad layer
    }
    String codec = MediaTypes.name(compression);
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    boolean inDecompressor = tarBytes == null || tarBytes.failure() != null;
    if (inDecompressor && compression != Compression.NONE) {
      if (blob.atEnd() && endedEarly(e)) {
        return new LayerException(Kind.TRUNCATED, digest, String.format(
            "the %s stream ends after %,d bytes, before its end (%s), in or after entry '%s'",
            codec, source.bytesRead(), why, collector.lastName()), e);
      }
      return new LayerException(Kind.MALFORMED, digest, String.format(
          "%s data is corrupt after %,d compressed bytes: %s%s", codec, blob.consumed(), why,
          MediaTypes.disagreement(mediaType, compression)), e);
    }
    if (tarBytes != null && tarBytes.atEnd()) {
      return new LayerException(Kind.TRUNCATED, digest, String.format(
          "the tar stream ends after %,d bytes, inside the entry after '%s' (%s)",
          tarBytes.count(), collector.lastName(), why), e);
    }
    return new LayerException(Kind.MALFORMED, digest, String.format(
        "not a readable tar stream after entry '%s': %s%s", collector.lastName(), why,
        MediaTypes.disagreement(mediaType, compression)), e);
  }

  /**
   * Whether a decompressor failed for want of input: Commons and the JDK throw {@code
   * EOFException}, aircompressor an {@code IOException} "Not enough input bytes". Anything else
   * (reserved header flags, data after the last member, a bad checksum) is corruption, even when
   * the decompressor happens to have read the blob to its end.
   */
  private static boolean endedEarly(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException || String.valueOf(t.getMessage()).contains("Not enough input bytes")) {
        return true;
      }
    }
    return false;
  }

  private void closeQuietly() {
    try {
      if (tar != null) {
        tar.close();
      } else if (tarBytes != null) {
        tarBytes.close();
      } else {
        blob.close();
      }
    } catch (IOException e) {
      // Only our own streams and the inflater are closed here; nothing left to report.
    } finally {
      source.close();
    }
  }
}
