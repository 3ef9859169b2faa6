package dev.healthguard.layers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Tar records written byte by byte, for shapes no tar writer makes (a chain of 100,000 PAX
 * headers), and streamed from a generator so that a 100 MB layer never sits in memory.
 */
final class RawTar {
  static final int RECORD = 512;

  private RawTar() {}

  /** A ustar header record: name, type flag, body size; mode 0755, fixed time, right checksum. */
  static byte[] header(String name, char type, long size) {
    byte[] h = new byte[RECORD];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
    octal(h, 100, 8, 0755);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 1_704_067_200L);
    h[156] = (byte) type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return h;
  }

  /** A body padded to whole records. */
  static byte[] body(byte[] data) {
    byte[] b = new byte[(data.length + RECORD - 1) / RECORD * RECORD];
    System.arraycopy(data, 0, b, 0, data.length);
    return b;
  }

  /** A PAX header entry ({@code x} or {@code g}) holding one {@code key=value} record. */
  static byte[] pax(char type, String key, String value) {
    String line = " " + key + "=" + value + "\n";
    int len = line.length() + String.valueOf(line.length()).length();
    if (String.valueOf(len).length() != String.valueOf(line.length()).length()) {
      len++;
    }
    byte[] data = (len + line).getBytes(StandardCharsets.UTF_8);
    return concat(header("PaxHeaders/x", type, data.length), body(data));
  }

  /** A GNU {@code ././@LongLink} entry of type {@code L} (name) or {@code K} (link target). */
  static byte[] gnuLong(char type, String value) {
    byte[] data = (value + "\0").getBytes(StandardCharsets.UTF_8);
    return concat(header("././@LongLink", type, data.length), body(data));
  }

  /** The two zero records that end an archive. */
  static byte[] end() {
    return new byte[2 * RECORD];
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A stream of the pieces an iterator gives, made anew by the supplier for each read. */
  record Generated(Supplier<Iterator<byte[]>> pieces) {
    InputStream open() {
      Iterator<byte[]> it = pieces.get();
      return new InputStream() {
        private byte[] current = new byte[0];
        private int pos;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          while (pos == current.length) {
            if (!it.hasNext()) {
              return -1;
            }
            current = it.next();
            pos = 0;
          }
          int n = Math.min(len, current.length - pos);
          System.arraycopy(current, pos, b, off, n);
          pos += n;
          return n;
        }
      };
    }

    /** sha256 of the whole stream, read once. */
    String digest() {
      try (InputStream in = new DigestInputStream(open(), MessageDigest.getInstance("SHA-256"))) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** gzip of the stream, for layers whose compressed form is small. */
  static byte[] gzip(Generated tar) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024); InputStream in = tar.open()) {
      in.transferTo(gz);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
    byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len - 1));
    h[off + len - 1] = 0;
  }
}
