package dev.healthguard.layers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.healthguard.registry.Digest;
import dev.healthguard.registry.TestImages;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Minimal valid eStargz and zstd:chunked layers, written here from their specifications
 * (stargz-snapshotter {@code docs/estargz.md} and {@code estargz/gzip.go}; containers/storage
 * {@code pkg/chunked/internal/minimal/compression.go}) since no tool on this machine makes them
 * (registry-options.md §2.2). Each layer is also a valid plain layer of its compression: a reader
 * that ignores the table of contents lists the same files.
 */
public final class TocLayers {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A layer blob with the annotations its manifest descriptor carries. */
  public record Layer(String mediaType, byte[] bytes, Map<String, String> annotations, long tocBytes) {
    public String digest() {
      return Digest.sha256(bytes).toString();
    }

    public TestImages.Blob blob() {
      return new TestImages.Blob(mediaType, bytes);
    }

    /** The same layer with one annotation replaced, e.g. a wrong TOC digest. */
    public Layer withAnnotation(String key, String value) {
      Map<String, String> changed = new LinkedHashMap<>(annotations);
      changed.put(key, value);
      return new Layer(mediaType, bytes, changed, tocBytes);
    }
  }

  /**
   * eStargz: a gzip member with the entries' tar, a member holding the tar entry {@code
   * stargz.index.json} (then the end-of-archive blocks), and the 51-byte footer member whose extra
   * field {@code SG} is {@code %016xSTARGZ} of the TOC member's offset.
   */
  public static Layer estargz(TestImages.Entry... entries) {
    return estargz(entries, tocJson(entries, false));
  }

  /** An eStargz layer of {@code entries} whose TOC is {@code tocJson}, right or wrong. */
  public static Layer estargzWithToc(TestImages.Entry[] entries, String tocJson) {
    return estargz(entries, tocJson.getBytes(StandardCharsets.UTF_8));
  }

  private static Layer estargz(TestImages.Entry[] entries, byte[] tocJson) {
    byte[] body = gzip(tarWithoutEnd(entries));
    ByteArrayOutputStream tocTar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tocTar, 512)) {
      TarArchiveEntry t = new TarArchiveEntry("stargz.index.json", TarArchiveEntry.LF_NORMAL);
      t.setModTime(new Date(0));
      t.setSize(tocJson.length);
      tar.putArchiveEntry(t);
      tar.write(tocJson);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] tocMember = gzip(tocTar.toByteArray());
    byte[] footer = estargzFooter(body.length);
    byte[] layer = concat(body, tocMember, footer);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("containerd.io/snapshot/stargz/toc.digest", Digest.sha256(tocJson).toString());
    annotations.put("io.containers.estargz.uncompressed-size", String.valueOf(tocTar.size()));
    return new Layer(TestLayers.OCI_GZIP, layer, annotations, tocMember.length + footer.length);
  }

  /**
   * zstd:chunked: the tar as a zstd frame, then skippable frames (magic {@code 50 2a 4d 18}, LE32
   * size) with the zstd-compressed TOC, the tar-split data, and the 64-byte footer ending in
   * {@code GNUlInUx}.
   */
  public static Layer zstdChunked(TestImages.Entry... entries) {
    byte[] tar = tarWithoutEnd(entries);
    byte[] body = zstd(concat(tar, new byte[1024]));
    byte[] tocJson = tocJson(entries, true);
    byte[] toc = zstd(tocJson);
    long tocOffset = body.length + 8L;
    byte[] tarSplit = zstd("{}\n".getBytes(StandardCharsets.UTF_8));
    long tarSplitOffset = tocOffset + toc.length + 8;
    ByteBuffer footer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    footer.putLong(tocOffset).putLong(toc.length).putLong(tocJson.length).putLong(1)
        .putLong(tarSplitOffset).putLong(tarSplit.length).putLong(3)
        .put("GNUlInUx".getBytes(StandardCharsets.US_ASCII));
    byte[] layer = concat(body, skippable(toc), skippable(tarSplit), skippable(footer.array()));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("io.github.containers.zstd-chunked.manifest-checksum", Digest.sha256(toc).toString());
    annotations.put("io.github.containers.zstd-chunked.manifest-position",
        tocOffset + ":" + toc.length + ":" + tocJson.length + ":1");
    annotations.put("io.github.containers.zstd-chunked.tarsplit-position",
        tarSplitOffset + ":" + tarSplit.length + ":3");
    return new Layer(TestLayers.OCI_ZSTD, layer, annotations, toc.length);
  }

  /** The TOC JSON as both formats write it; zstd:chunked splits a regular file into chunks. */
  static byte[] tocJson(TestImages.Entry[] entries, boolean chunks) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode list = root.putArray("entries");
    for (TestImages.Entry e : entries) {
      ObjectNode n = list.addObject();
      n.put("name", e.name());
      n.put("type", switch (e.type()) {
        case TarArchiveEntry.LF_DIR -> "dir";
        case TarArchiveEntry.LF_SYMLINK -> "symlink";
        case TarArchiveEntry.LF_LINK -> "hardlink";
        default -> "reg";
      });
      if (e.linkName() != null && !e.linkName().isEmpty()) {
        n.put("linkName", e.linkName());
      }
      n.put("mode", e.mode());
      n.put("modtime", "1970-01-01T00:00:00Z");
      if (e.type() == TarArchiveEntry.LF_NORMAL) {
        n.put("size", e.content().length());
        n.put("digest", Digest.sha256(e.content().getBytes(StandardCharsets.UTF_8)).toString());
        if (chunks && e.content().length() > 1) {
          ObjectNode chunk = list.addObject();
          chunk.put("type", "chunk");
          chunk.put("name", e.name());
          chunk.put("chunkOffset", 1);
        }
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // RFC 1952 header with FLG.FEXTRA, XLEN 26, subfield 'S' 'G' of 22 bytes; an empty stored
  // deflate block; CRC32 and ISIZE of nothing.
  static byte[] estargzFooter(long tocOffset) {
    ByteBuffer b = ByteBuffer.allocate(51).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff});
    b.putShort((short) 26).put((byte) 'S').put((byte) 'G').putShort((short) 22);
    b.put(String.format("%016xSTARGZ", tocOffset).getBytes(StandardCharsets.US_ASCII));
    b.put(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff});
    b.putInt(0).putInt(0);
    return b.array();
  }

  // The entries' tar without its two end-of-archive blocks, so another member can continue it.
  static byte[] tarWithoutEnd(TestImages.Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TestImages.Entry e : entries) {
        TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type());
        t.setMode(e.mode());
        t.setModTime(new Date(0));
        if (e.linkName() != null) {
          t.setLinkName(e.linkName());
        }
        byte[] content = e.content().getBytes(StandardCharsets.UTF_8);
        if (e.type() == TarArchiveEntry.LF_NORMAL) {
          t.setSize(content.length);
        }
        tar.putArchiveEntry(t);
        if (e.type() == TarArchiveEntry.LF_NORMAL) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 1024);
  }

  static byte[] skippable(byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x50, 0x2a, 0x4d, 0x18}).putInt(data.length).put(data);
    return b.array();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private TocLayers() {}
}
