package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestVerifyingInputStreamTest {

  static final byte[] BLOB = "hello, layer".getBytes(StandardCharsets.UTF_8);
  static final String DIGEST = Digest.sha256(BLOB).toString();
  static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1";

  private static DigestVerifyingInputStream stream(byte[] bytes, String digest, long size) {
    return new DigestVerifyingInputStream(new ByteArrayInputStream(bytes), digest, size, IMAGE, "layer 0 (" + digest + ")");
  }

  @Test
  void read_matchingBlob_isVerifiedAtEnd() throws IOException {
    DigestVerifyingInputStream in = stream(BLOB, DIGEST, BLOB.length);

    assertArrayEquals(BLOB, in.readAllBytes());

    assertTrue(in.verified());
    assertEquals(BLOB.length, in.bytesRead());
    assertEquals(-1, in.read()); // end of stream stays quiet once verified
  }

  @Test
  void read_beforeEnd_isNotVerified() throws IOException {
    DigestVerifyingInputStream in = stream(BLOB, DIGEST, BLOB.length);

    in.readNBytes(3);

    assertFalse(in.verified());
    in.drainAndVerify();
    assertTrue(in.verified());
  }

  @Test
  void read_otherBytesOfTheSameSize_isDigestMismatch() {
    byte[] other = BLOB.clone();
    other[0] ^= 1;
    DigestVerifyingInputStream in = stream(other, DIGEST, BLOB.length);

    LookupIOException e = assertThrows(LookupIOException.class, in::readAllBytes);

    assertEquals(LookupException.Kind.DIGEST_MISMATCH, e.kind());
    assertEquals(IMAGE, e.failure().image());
    assertTrue(e.getMessage().contains("has digest " + Digest.sha256(other).toString() + ", but its descriptor says " + DIGEST), e.getMessage());
  }

  @Test
  void read_fewerBytes_isTruncated() {
    DigestVerifyingInputStream in = stream(java.util.Arrays.copyOf(BLOB, 5), DIGEST, BLOB.length);

    LookupIOException e = assertThrows(LookupIOException.class, in::readAllBytes);

    assertEquals(LookupException.Kind.TRUNCATED, e.kind());
    assertTrue(e.getMessage().contains("ended after 5 of " + BLOB.length + " bytes"), e.getMessage());
  }

  @Test
  void read_moreBytes_failsAsSoonAsTheyArrive() {
    byte[] longer = java.util.Arrays.copyOf(BLOB, BLOB.length + 100);
    DigestVerifyingInputStream in = stream(longer, DIGEST, BLOB.length);

    LookupIOException e = assertThrows(LookupIOException.class, in::readAllBytes);

    assertEquals(LookupException.Kind.DIGEST_MISMATCH, e.kind());
    assertTrue(e.getMessage().contains("longer than the " + BLOB.length + " bytes"), e.getMessage());
  }

  @Test
  void skip_hashesWhatItSkips() throws IOException {
    DigestVerifyingInputStream in = stream(BLOB, DIGEST, BLOB.length);

    assertEquals(4, in.skip(4));
    in.drainAndVerify();

    assertTrue(in.verified());
  }

  @Test
  void unknownSize_checksOnlyTheDigest() throws IOException {
    DigestVerifyingInputStream in = stream(BLOB, DIGEST, -1);

    in.drainAndVerify();

    assertTrue(in.verified());
  }

  @Test
  void constructor_refusesDigestsItCannotCheck() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stream(BLOB, "sha512:" + "a".repeat(128), BLOB.length));

    assertTrue(e.getMessage().contains("sha512:"), e.getMessage());
  }
}
