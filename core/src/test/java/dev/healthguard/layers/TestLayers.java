package dev.healthguard.layers;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds real layer blobs in memory for tests: a tar written with Commons Compress, then gzip
 * (one or several members), zstd or nothing, with its digest and media type, ready to be served
 * by a fake registry or read by {@link LayerReader}.
 *
 * <pre>{@code
 * TestLayers.Blob base = TestLayers.layer()
 *     .dir("/bin").file("/bin/busybox", 0755).symlink("/bin/sh", "/bin/busybox")
 *     .gzip();
 * LayerListing listing = base.read();
 * }</pre>
 *
 * <p>Paths are written as tar names without the leading slash ({@code bin/sh}), as image builders
 * write them; {@link Builder#raw} writes a name exactly as given, for hostile names.
 */
public final class TestLayers {
  public static final String OCI_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private static final Instant MTIME = Instant.parse("2024-01-01T00:00:00Z");

  private TestLayers() {}

  /** A new, empty layer. */
  public static Builder layer() {
    return new Builder();
  }

  /** sha256 of some bytes as {@code sha256:<hex>}. */
  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A layer blob.
   *
   * @param bytes the blob
   * @param mediaType its OCI media type
   * @param digest sha256 of {@code bytes}
   * @param memberEnds offsets where gzip members end (for a multi-member blob), else just the length
   */
  public record Blob(byte[] bytes, String mediaType, String digest, List<Integer> memberEnds) {
    /** The blob as a stream. */
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    /** Lists it with {@link Limits#DEFAULTS}. */
    public LayerListing read() throws IOException {
      return LayerReader.read(open(), mediaType, digest, Limits.DEFAULTS);
    }

    /** The same bytes under another media type (a registry that labels it wrongly). */
    public Blob withMediaType(String other) {
      return new Blob(bytes, other, digest, memberEnds);
    }

    /** The first {@code length} bytes, digest unchanged: a download cut short. */
    public Blob truncated(int length) {
      return new Blob(Arrays.copyOf(bytes, length), mediaType, digest, memberEnds);
    }

    /**
     * A stream like a network socket at its worst for the JDK's gzip reader: {@code available()}
     * is always 0 and each read ends at a gzip member boundary.
     */
    public InputStream openEndingReadsAtMemberEnds() {
      return new InputStream() {
        private int pos;

        @Override
        public int read() {
          return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (pos >= bytes.length) {
            return -1;
          }
          int end = bytes.length;
          for (int memberEnd : memberEnds) {
            if (memberEnd > pos) {
              end = memberEnd;
              break;
            }
          }
          int n = Math.min(len, end - pos);
          System.arraycopy(bytes, pos, b, off, n);
          pos += n;
          return n;
        }

        @Override
        public int available() {
          return 0;
        }
      };
    }
  }

  /** Entries in tar order, then the compression. */
  public static final class Builder {
    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private int longFileMode = TarArchiveOutputStream.LONGFILE_POSIX;

    private Builder() {}

    private static String name(String path) {
      return path.startsWith("/") ? path.substring(1) : path;
    }

    private Builder add(TarArchiveEntry entry, byte[] body) {
      // A fixed whole-second time: the same blob and digest on every run, and no PAX header for
      // sub-second times.
      entry.setModTime(FileTime.from(MTIME));
      entries.add(entry);
      bodies.add(body);
      return this;
    }

    /** A directory, mode 0755. */
    public Builder dir(String path) {
      TarArchiveEntry e = new TarArchiveEntry(name(path) + "/");
      e.setMode(040755);
      return add(e, new byte[0]);
    }

    /** A regular file whose body is its own path. */
    public Builder file(String path, int mode) {
      return file(path, mode, path.getBytes(StandardCharsets.UTF_8));
    }

    /** A regular file with a body. */
    public Builder file(String path, int mode, byte[] body) {
      TarArchiveEntry e = new TarArchiveEntry(name(path));
      e.setMode(0100000 | mode);
      e.setSize(body.length);
      return add(e, body);
    }

    /** A symlink; {@code target} is written as given (absolute or relative). */
    public Builder symlink(String path, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name(path), TarConstants.LF_SYMLINK);
      e.setLinkName(target);
      e.setMode(0120777);
      return add(e, new byte[0]);
    }

    /** A hardlink (tar type 1) to an earlier path. */
    public Builder hardlink(String path, String target) {
      TarArchiveEntry e = new TarArchiveEntry(name(path), TarConstants.LF_LINK);
      e.setLinkName(name(target));
      e.setMode(0100755);
      return add(e, new byte[0]);
    }

    /** A whiteout deleting {@code path} from lower layers: {@code <parent>/.wh.<name>}. */
    public Builder whiteout(String path) {
      int slash = path.lastIndexOf('/');
      return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), 0644, new byte[0]);
    }

    /** An opaque marker hiding the lower-layer children of {@code dir}. */
    public Builder opaque(String dir) {
      return file((dir.endsWith("/") ? dir : dir + "/") + ".wh..wh..opq", 0644, new byte[0]);
    }

    /** A character device (an "other" entry). */
    public Builder charDevice(String path) {
      TarArchiveEntry e = new TarArchiveEntry(name(path), TarConstants.LF_CHR);
      e.setMode(020666);
      return add(e, new byte[0]);
    }

    /** A regular file whose tar name is exactly {@code exactName}, for hostile names. */
    public Builder raw(String exactName) {
      TarArchiveEntry e = new TarArchiveEntry(exactName, true);
      e.setMode(0100755);
      return add(e, new byte[0]);
    }

    /** Long names as GNU {@code ././@LongLink} entries instead of PAX headers. */
    public Builder gnuLongNames() {
      longFileMode = TarArchiveOutputStream.LONGFILE_GNU;
      return this;
    }

    /** The uncompressed tar stream. */
    public byte[] tarBytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (int i = 0; i < entries.size(); i++) {
          tar.putArchiveEntry(entries.get(i));
          tar.write(bodies.get(i));
          tar.closeArchiveEntry();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    /** An uncompressed layer. */
    public Blob tar() {
      byte[] bytes = tarBytes();
      return new Blob(bytes, OCI_TAR, sha256(bytes), List.of(bytes.length));
    }

    /** A gzip layer, one member. */
    public Blob gzip() {
      byte[] bytes = gzipBytes(tarBytes());
      return new Blob(bytes, OCI_GZIP, sha256(bytes), List.of(bytes.length));
    }

    /** A gzip layer of {@code members} members, the tar cut at arbitrary offsets between them. */
    public Blob multiMemberGzip(int members) {
      byte[] tar = tarBytes();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<Integer> ends = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        int from = (int) ((long) tar.length * i / members);
        int to = (int) ((long) tar.length * (i + 1) / members);
        out.writeBytes(gzipBytes(Arrays.copyOfRange(tar, from, to)));
        ends.add(out.size());
      }
      byte[] bytes = out.toByteArray();
      return new Blob(bytes, OCI_GZIP, sha256(bytes), List.copyOf(ends));
    }

    /** A gzip layer of three members. */
    public Blob multiMemberGzip() {
      return multiMemberGzip(3);
    }

    /** A zstd layer (aircompressor, pure Java). */
    public Blob zstd() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZstdOutputStream z = new ZstdOutputStream(out)) {
        z.write(tarBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] bytes = out.toByteArray();
      return new Blob(bytes, OCI_ZSTD, sha256(bytes), List.of(bytes.length));
    }
  }

  /** gzip of some bytes, one member. */
  public static byte[] gzipBytes(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
