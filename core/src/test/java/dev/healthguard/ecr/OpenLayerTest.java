package dev.healthguard.ecr;

import dev.healthguard.registry.Fast;
import dev.healthguard.registry.TestImages;
import dev.healthguard.registry.DigestVerifyingInputStream;
import dev.healthguard.registry.LayerDescriptor;
import dev.healthguard.registry.LookupException;
import dev.healthguard.registry.LookupIOException;
import dev.healthguard.registry.Platform;
import dev.healthguard.registry.RemoteImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.LayerException;
import dev.healthguard.layers.LayerReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EcrLookup#openLayer}: a verified stream of a layer blob, as a tar lister would read it. */
class OpenLayerTest {

  FakeEcr fake;
  EcrLookup lookup;
  TestImages.Image image;
  RemoteImage remote;

  @BeforeEach
  void start() {
    fake = FakeEcr.start();
    image = TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST);
    fake.push("team/web", "v1", image);
    lookup = fake.lookupBuilder().options(Fast.OPTIONS.toBuilder().blobTimeout(Duration.ofMillis(300)).build()).build();
    remote = lookup.resolve(FakeEcr.ref("team/web", "v1")).orElseThrow();
    fake.resetCounts();
  }

  @AfterEach
  void stop() {
    lookup.close();
    fake.close();
  }

  @Test
  void openLayer_streamsTheBlob_andAVerifyingReaderAcceptsIt() throws IOException {
    LayerDescriptor base = remote.layers().get(0);

    List<String> names = new ArrayList<>();
    try (DigestVerifyingInputStream in =
            new DigestVerifyingInputStream(lookup.openLayer(remote, base), base.digest(), base.size(), "img", "layer");
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in, true))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""));
      }
      in.drainAndVerify(); // the tar reader stops at its end blocks; verify the rest too
      assertTrue(in.verified());
      assertEquals(base.size(), in.bytesRead());
    }

    assertEquals(List.of("bin/", "bin/busybox", "bin/sh -> /bin/busybox", "usr/bin/", "usr/bin/wget -> /bin/busybox"), names);
    assertEquals(1, fake.count(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER));
    assertEquals(1, fake.count(FakeEcr.Op.BLOB));
    assertFalse(fake.requests(FakeEcr.Op.BLOB).get(0).hasHeader("Authorization"));
  }

  @Test
  void openLayer_readAllBytes_isTheBlob() throws IOException {
    LayerDescriptor curl = remote.layers().get(1);

    try (InputStream in = lookup.openLayer(remote, curl)) {
      assertArrayEquals(image.layers().get(1).bytes(), in.readAllBytes());
    }
  }

  @Test
  void openLayer_wrongBytes_areCaughtByTheLayerReader_whichHashesThemOnce() {
    LayerDescriptor base = remote.layers().get(0);
    fake.faultBlob(base.digest(), FakeEcr.Fault.corrupt(1));

    LayerException e =
        assertThrows(
            LayerException.class,
            () -> {
              try (InputStream in = lookup.openLayer(remote, base)) {
                LayerReader.read(in, base.mediaType(), base.digest());
              }
            });

    assertEquals(LayerException.Kind.DIGEST_MISMATCH, e.kind());
    assertTrue(e.getMessage().contains(base.digest()), e.getMessage());
  }

  @Test
  void openLayer_longerThanItsDescriptor_failsAsSoonAsTheBytesArrive() {
    LayerDescriptor base = remote.layers().get(0);
    LayerDescriptor shorter = new LayerDescriptor(0, base.mediaType(), base.digest(), base.size() - 1, base.annotations());
    RemoteImage lying = new RemoteImage(remote.reference(), remote.indexDigest(), remote.manifestDigest(),
        remote.manifestMediaType(), remote.platformsOffered(), remote.chosen(), remote.config(),
        java.util.List.of(shorter), remote.annotations(), remote.indexAnnotations());

    LookupIOException e =
        assertThrows(
            LookupIOException.class,
            () -> {
              try (InputStream in = lookup.openLayer(lying, shorter)) {
                in.readAllBytes();
              }
            });

    assertEquals(LookupException.Kind.DIGEST_MISMATCH, e.kind());
    Failures.assertMessageHygiene(e.failure(), remote.reference());
    assertTrue(e.getMessage().contains("layer 0 (" + base.digest() + ")"), e.getMessage());
  }

  @Test
  void openLayer_cutOff_isTruncated() {
    LayerDescriptor base = remote.layers().get(0);
    fake.faultBlob(base.digest(), FakeEcr.Fault.truncate(1));

    LookupIOException e =
        assertThrows(
            LookupIOException.class,
            () -> {
              try (InputStream in = lookup.openLayer(remote, base)) {
                in.readAllBytes();
              }
            });

    assertEquals(LookupException.Kind.TRUNCATED, e.kind());
    Failures.assertMessageHygiene(e.failure(), remote.reference());
    assertEquals(LookupException.Kind.TRUNCATED, LookupException.in(new IOException("wrapped", e)).orElseThrow().kind());
  }

  @Test
  void openLayer_stalling_isTimeout() {
    LayerDescriptor base = remote.layers().get(0);
    fake.faultBlob(base.digest(), FakeEcr.Fault.stallBody(Duration.ofSeconds(3), 1));

    long start = System.nanoTime();
    LookupIOException e =
        assertThrows(
            LookupIOException.class,
            () -> {
              try (InputStream in = lookup.openLayer(remote, base)) {
                in.readAllBytes();
              }
            });

    assertEquals(LookupException.Kind.TIMEOUT, e.kind());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(2500)) < 0);
  }

  @Test
  void openLayer_serverErrorBeforeTheBody_isRetried() throws IOException {
    LayerDescriptor base = remote.layers().get(0);
    fake.faultBlob(base.digest(), FakeEcr.Fault.serverError(1));

    try (InputStream in = lookup.openLayer(remote, base)) {
      in.readAllBytes();
    }

    assertEquals(2, fake.count(FakeEcr.Op.BLOB));
  }

  @Test
  void openLayer_downloadUrlDenied_throwsLookupException() {
    fake.fault(FakeEcr.Op.GET_DOWNLOAD_URL_FOR_LAYER, FakeEcr.Fault.accessDenied());

    Failures.assertFailure(LookupException.Kind.ACCESS_DENIED, remote.reference(), () -> lookup.openLayer(remote, remote.layers().get(0)));
  }

  @Test
  void openLayer_ofAnotherImage_isRefused() {
    LayerDescriptor foreign = new LayerDescriptor(0, TestImages.OCI_LAYER_GZIP, "sha256:" + "0".repeat(64), 10, java.util.Map.of());

    assertThrows(IllegalArgumentException.class, () -> lookup.openLayer(remote, foreign));
    assertEquals(0, fake.total());
  }
}
