/**
 * What an image's layers contain, proven from the layers themselves: stream each layer blob once,
 * reading tar headers only, verify its digest, merge the listings, and answer "is {@code /bin/sh}
 * there" and "which of these executables are on the {@code PATH}" with the evidence (links
 * followed, layer digest).
 *
 * <ol>
 *   <li>{@link dev.healthguard.layers.LayerReader#read LayerReader.read} turns one blob into a
 *       {@link dev.healthguard.layers.LayerListing}, within {@link dev.healthguard.layers.Limits},
 *       or fails with a {@link dev.healthguard.layers.LayerException} of a {@code Kind}
 *       (DIGEST_MISMATCH, TRUNCATED, LIMIT_EXCEEDED, MALFORMED). A listing depends only on its
 *       digest, so callers can cache it by digest.
 *   <li>{@link dev.healthguard.layers.ImageFileSystem#of ImageFileSystem.of} merges listings,
 *       bottom layer first; {@code resolve}, {@code findOnPath} and {@code shell} answer with
 *       {@link dev.healthguard.layers.Resolved} values.
 * </ol>
 *
 * <p>Inside, bytes flow: caller's stream → {@code PipelinedHashingSource} (a reader thread fills
 * 256 KiB buffers and hashes them) → {@code ChunkStream} (read-ahead {@code available()} for the
 * JDK gzip reader) → JDK {@code GZIPInputStream} / aircompressor {@code ZstdInputStream} / nothing
 * → {@code UncompressedCounter} (size and ratio limits) → {@code HeaderOnlyTarStream} (Commons
 * Compress, with header-size and truncation checks) → {@code ListingCollector}.
 *
 * <p>Judgement calls:
 *
 * <ul>
 *   <li>The bytes decide the compression, not the media type; a disagreement is only mentioned in
 *       a MALFORMED message.
 *   <li>A tar that ends at a header boundary without the end-of-archive blocks is accepted, as Go's
 *       {@code archive/tar} (containerd) accepts it; the digest still covers every byte. A stream
 *       cut inside a header or a body is TRUNCATED.
 *   <li>Problems in the bytes are reported before a digest mismatch: a cut download is "truncated",
 *       not "wrong digest".
 *   <li>Bytes after the end of the tar stream are read (bounded by the limits) so the digest is the
 *       blob's; the JDK gzip reader ignores garbage after the last member, which the digest check
 *       then catches.
 *   <li>Entries an extractor could not apply (a parent that is a file, a hardlink to a missing
 *       path) are skipped and listed in {@link dev.healthguard.layers.ImageFileSystem#notes()}.
 *   <li>An entry under a symlinked directory lands where the symlink points, and missing parents
 *       are made, as containerd's {@code archive/tar.go} apply does.
 * </ul>
 */
package dev.healthguard.layers;
