package dev.healthguard.dockerfile;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of a Dockerfile to text, as BuildKit sees them. BuildKit's parser works on Go strings,
 * which are bytes: valid UTF-8 is read as such, and any other byte passes through untouched, so a
 * Latin-1 {@code é} in a comment or a quoted string builds fine. Here each byte that is not part
 * of valid UTF-8 becomes the Latin-1 character of the same value, instead of failing the whole
 * file as unreadable ("Input length = 3" in issue 10).
 */
final class DockerfileText {

  private DockerfileText() {}

  static String decode(byte[] bytes) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
    while (true) {
      CoderResult result = utf8.decode(in, out, true);
      if (result.isUnderflow()) {
        break;
      }
      // Malformed or unmappable: the bytes of the bad sequence, one Latin-1 character each.
      for (int i = 0; i < result.length(); i++) {
        out.put((char) (in.get() & 0xFF));
      }
    }
    utf8.flush(out);
    return out.flip().toString();
  }
}
