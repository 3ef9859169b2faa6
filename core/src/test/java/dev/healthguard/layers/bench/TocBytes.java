package dev.healthguard.layers.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.healthguard.layers.LayerListing;
import dev.healthguard.layers.Limits;
import dev.healthguard.layers.TocListing;
import dev.healthguard.registry.LayerDescriptor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Bytes read per lookup of one layer, streamed whole against read through its eStargz table of
 * contents (issue 9 item 5): the benchmark's layer is rewritten once as eStargz (its tar in one
 * gzip member, the TOC member, the 51-byte footer), then {@link TocListing} reads it by byte ranges
 * from the file and the bytes it asked for are counted, beside the blob size a stream reads.
 */
final class TocBytes {

  private static final String TOC_DIGEST = "containerd.io/snapshot/stargz/toc.digest";

  private TocBytes() {}

  static void compare(Path layer, LayerListing streamed) throws Exception {
    Estargz copy = Estargz.cached(layer);
    long size = Files.size(copy.file());
    LayerDescriptor descriptor = new LayerDescriptor(0, "application/vnd.oci.image.layer.v1.tar+gzip", copy.digest(), size,
        Map.of(TOC_DIGEST, copy.tocDigest()));
    TocListing.Result result;
    long start = System.nanoTime();
    try (FileChannel channel = FileChannel.open(copy.file())) {
      result = TocListing.read(descriptor, (first, last) -> {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(last - first + 1));
        while (buffer.hasRemaining() && channel.read(buffer, first + buffer.position()) >= 0) {
          // a file read returns what it has; loop until the range is full
        }
        return buffer.array();
      }, Limits.DEFAULTS).orElseThrow(() -> new IllegalStateException("the eStargz TOC was not read"));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean same = result.listing().entries().equals(streamed.entries());
    System.out.printf("  bytes read per lookup: streaming %,d (the eStargz copy %,d), TOC %,d in %.2f s;"
        + " streaming/TOC %.0fx; same entries %s%n", Files.size(layer), size, result.bytesRead(), seconds,
        (double) Files.size(layer) / result.bytesRead(), same);
  }

  /** The benchmark layer rewritten as eStargz, with its blob digest and TOC digest, cached beside it. */
  private record Estargz(Path file, String digest, String tocDigest) {
    static Estargz cached(Path layer) throws Exception {
      Path file = Path.of(layer + ".estargz");
      Path digests = Path.of(file + ".sha256");
      if (Files.exists(file) && Files.exists(digests)) {
        String[] d = Files.readString(digests).strip().split(" ");
        return new Estargz(file, d[0], d[1]);
      }
      System.out.printf("  writing the eStargz copy %s, once…%n", file.getFileName());
      Path tmp = Path.of(file + ".tmp");
      MessageDigest blob = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream tocJson = new ByteArrayOutputStream();
      long tocOffset;
      try (Counting out = new Counting(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), blob));
          JsonGenerator toc = new JsonFactory().createGenerator(tocJson)) {
        toc.writeStartObject();
        toc.writeNumberField("version", 1);
        toc.writeArrayFieldStart("entries");
        GZIPOutputStream body = new GZIPOutputStream(new Unclosed(out), 1 << 16);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(layer), 1 << 16);
            TarArchiveInputStream source = new TarArchiveInputStream(in);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(new WithoutEnd(body), 512)) {
          tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          byte[] buffer = new byte[1 << 16];
          for (TarArchiveEntry e = source.getNextEntry(); e != null; e = source.getNextEntry()) {
            TarArchiveEntry copy = new TarArchiveEntry(e.getName(), e.getLinkFlag());
            copy.setMode(e.getMode());
            copy.setSize(e.isFile() ? e.getSize() : 0);
            copy.setLinkName(e.getLinkName());
            copy.setModTime(e.getModTime());
            tar.putArchiveEntry(copy);
            for (int n; e.isFile() && (n = source.read(buffer)) > 0; ) {
              tar.write(buffer, 0, n);
            }
            tar.closeArchiveEntry();
            toc.writeStartObject();
            toc.writeStringField("name", e.getName());
            toc.writeStringField("type", e.isSymbolicLink() ? "symlink" : e.isLink() ? "hardlink" : e.isDirectory() ? "dir" : "reg");
            if (e.isSymbolicLink() || e.isLink()) {
              toc.writeStringField("linkName", e.getLinkName());
            }
            toc.writeNumberField("mode", e.getMode());
            toc.writeNumberField("size", e.isFile() ? e.getSize() : 0);
            toc.writeEndObject();
          }
        }
        toc.writeEndArray();
        toc.writeEndObject();
        toc.flush();
        tocOffset = out.count;
        byte[] json = tocJson.toByteArray();
        ByteArrayOutputStream tocTar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tocTar, 512)) {
          TarArchiveEntry t = new TarArchiveEntry("stargz.index.json");
          t.setModTime(new Date(0));
          t.setSize(json.length);
          tar.putArchiveEntry(t);
          tar.write(json);
          tar.closeArchiveEntry();
        }
        try (GZIPOutputStream member = new GZIPOutputStream(new Unclosed(out))) {
          member.write(tocTar.toByteArray());
        }
        out.write(footer(tocOffset));
      }
      String tocDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tocJson.toByteArray()));
      String digest = "sha256:" + HexFormat.of().formatHex(blob.digest());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(digests, digest + " " + tocDigest + "\n");
      return new Estargz(file, digest, tocDigest);
    }

    // stargz-snapshotter estargz/gzip.go: an empty gzip member with extra field SG = %016xSTARGZ.
    static byte[] footer(long tocOffset) {
      ByteBuffer b = ByteBuffer.allocate(51).order(ByteOrder.LITTLE_ENDIAN);
      b.put(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff});
      b.putShort((short) 26).put((byte) 'S').put((byte) 'G').putShort((short) 22);
      b.put(String.format("%016xSTARGZ", tocOffset).getBytes(StandardCharsets.US_ASCII));
      b.put(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff});
      b.putInt(0).putInt(0);
      return b.array();
    }
  }

  /** Counts bytes written, for the TOC member's offset. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Finishing a gzip member must not close the file under it. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /**
   * Drops the tar's two end-of-archive blocks (the last 1,024 bytes a 512-byte-record tar writes),
   * so that the TOC member continues the same tar stream.
   */
  private static final class WithoutEnd extends FilterOutputStream {
    private final byte[] held = new byte[1024];
    private int heldLength;

    WithoutEnd(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int emit = heldLength + len - held.length;
      if (emit <= 0) {
        System.arraycopy(b, off, held, heldLength, len);
        heldLength += len;
        return;
      }
      int fromHeld = Math.min(emit, heldLength);
      out.write(held, 0, fromHeld);
      out.write(b, off, emit - fromHeld);
      int keep = heldLength - fromHeld;
      System.arraycopy(held, fromHeld, held, 0, keep);
      System.arraycopy(b, off + emit - fromHeld, held, keep, len - (emit - fromHeld));
      heldLength = held.length;
    }

    @Override
    public void close() throws IOException {
      ((GZIPOutputStream) out).finish();
    }
  }
}
