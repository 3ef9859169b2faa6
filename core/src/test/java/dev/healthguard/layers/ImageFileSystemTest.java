package dev.healthguard.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.LayerListing.EntryType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageFileSystemTest {
  // Docker's default PATH, which alpine and debian images also set.
  private static final List<String> PATH = List.of(
      "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private static LayerListing read(TestLayers.Blob blob) {
    try {
      return blob.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ImageFileSystem image(TestLayers.Blob... layers) {
    return ImageFileSystem.of(Arrays.stream(layers).map(ImageFileSystemTest::read).toList());
  }

  @Test
  void alpine_shellIsAnAbsoluteSymlinkToBusybox_wgetButNoCurl() {
    // GIVEN alpine's layout (apptainer#989 listing): bin/sh -> /bin/busybox
    TestLayers.Blob base = TestLayers.layer()
        .dir("/bin").file("/bin/busybox", 0755).symlink("/bin/sh", "/bin/busybox")
        .dir("/usr").dir("/usr/bin").symlink("/usr/bin/wget", "/bin/busybox")
        .gzip();
    ImageFileSystem fs = image(base);

    // THEN
    Resolved sh = fs.shell().orElseThrow();
    assertEquals("/bin/sh -> /bin/busybox", sh.describe());
    assertEquals(List.of("/bin/sh -> /bin/busybox"), sh.links());
    assertEquals(0, sh.layerIndex());
    assertEquals(base.digest(), sh.layerDigest());
    assertEquals(EntryType.FILE, sh.type());

    Map<String, Resolved> found = fs.findOnPath(List.of("curl", "wget"), PATH);
    assertEquals(List.of("wget"), List.copyOf(found.keySet()));
    assertEquals("/usr/bin/wget -> /bin/busybox", found.get("wget").describe());
    assertEquals(Optional.of("no /usr/bin/curl"), fs.whyMissing("/usr/bin/curl"));
    assertEquals("/bin/sh -> /bin/busybox (file, executable, via /bin/sh -> /bin/busybox, from layer 0 "
        + base.digest() + ")", sh.toString());
  }

  @Test
  void busybox_appletsAreHardlinks() {
    // GIVEN the busybox image: applets are hardlinks to bin/busybox (moby#16755)
    ImageFileSystem fs = image(TestLayers.layer()
        .dir("/bin").file("/bin/busybox", 0755)
        .hardlink("/bin/sh", "/bin/busybox").hardlink("/bin/wget", "/bin/busybox")
        .gzip());

    // THEN
    Resolved sh = fs.shell().orElseThrow();
    assertEquals("/bin/sh", sh.path());
    assertTrue(sh.executable());
    assertEquals(List.of("/bin/sh = hardlink of /bin/busybox"), sh.links());
    assertEquals(Map.of("wget", fs.resolve("/bin/wget").orElseThrow()), fs.findOnPath(List.of("wget"), PATH));
  }

  @Test
  void debianMergedUsr_binIsARelativeSymlinkAndShIsRelativeToDash() {
    // GIVEN bookworm's merged /usr: bin -> usr/bin; sh -> dash, written as bin/sh through the link
    TestLayers.Blob base = TestLayers.layer()
        .symlink("/bin", "usr/bin")
        .dir("/usr").dir("/usr/bin").file("/usr/bin/dash", 0755)
        .symlink("/bin/sh", "dash")
        .gzip();
    ImageFileSystem fs = image(base);

    // THEN
    Resolved sh = fs.shell().orElseThrow();
    assertEquals("/bin/sh -> /usr/bin/dash", sh.describe());
    assertEquals(List.of("/bin -> usr/bin", "/usr/bin/sh -> dash"), sh.links());
    assertTrue(fs.exists("/usr/bin/sh"));
    assertEquals("/usr/bin/dash", fs.findOnPath(List.of("sh"), List.of("/bin")).get("sh").path());
  }

  @Test
  void koStaticImage_hasNoShell() {
    // GIVEN ko's default base: a static binary, certificates, no shell
    ImageFileSystem fs = image(
        TestLayers.layer().dir("/etc").dir("/etc/ssl").dir("/etc/ssl/certs")
            .file("/etc/ssl/certs/ca-certificates.crt", 0644).gzip(),
        TestLayers.layer().dir("/ko-app").file("/ko-app/server", 0755).gzip());

    // THEN
    assertEquals(Optional.empty(), fs.shell());
    assertEquals(Optional.of("no /bin"), fs.whyMissing("/bin/sh"));
    assertEquals(1, fs.resolve("/ko-app/server").orElseThrow().layerIndex());
    assertEquals(Map.of(), fs.findOnPath(List.of("curl", "wget", "sh"), PATH));
  }

  @Test
  void whiteoutInALaterLayerDeletesCurl() {
    TestLayers.Blob base = TestLayers.layer()
        .dir("/usr").dir("/usr/bin").file("/usr/bin/curl", 0755).file("/usr/bin/wget", 0755).gzip();
    TestLayers.Blob cleanup = TestLayers.layer().whiteout("/usr/bin/curl").gzip();

    ImageFileSystem fs = image(base, cleanup);

    assertFalse(fs.exists("/usr/bin/curl"));
    assertEquals(List.of("wget"), List.copyOf(fs.findOnPath(List.of("curl", "wget"), PATH).keySet()));
    assertEquals(Optional.of("no /usr/bin/curl"), fs.whyMissing("/usr/bin/curl"));
  }

  @Test
  void whiteoutDeletesFromLowerLayersOnly_notTheSameLayersEntry() {
    // image-spec layer.md: files in the same layer as a whiteout are not hidden by it, whatever
    // their order.
    TestLayers.Blob base = TestLayers.layer().dir("/usr").dir("/usr/bin").file("/usr/bin/curl", 0755).gzip();
    TestLayers.Blob replace = TestLayers.layer()
        .file("/usr/bin/curl", 0700).whiteout("/usr/bin/curl").gzip();

    Resolved curl = image(base, replace).resolve("/usr/bin/curl").orElseThrow();

    assertEquals(1, curl.layerIndex());
  }

  @Test
  void whiteoutOfADirectoryRemovesItsSubtree() {
    TestLayers.Blob base = TestLayers.layer()
        .dir("/opt").dir("/opt/tools").dir("/opt/tools/bin").file("/opt/tools/bin/curl", 0755).gzip();

    ImageFileSystem fs = image(base, TestLayers.layer().whiteout("/opt/tools").gzip());

    assertFalse(fs.exists("/opt/tools/bin/curl"));
    assertTrue(fs.exists("/opt"));
  }

  @Test
  void opaqueMarkerAfterTheLayersOwnEntriesStillOnlyHidesLowerChildren() {
    // GIVEN the marker placed last in the tar (layer.md: it applies before the layer's entries)
    TestLayers.Blob base = TestLayers.layer()
        .dir("/app").file("/app/old", 0755).file("/app/keep", 0644).gzip();
    TestLayers.Blob upper = TestLayers.layer()
        .dir("/app").file("/app/new", 0755).opaque("/app").gzip();

    ImageFileSystem fs = image(base, upper);

    assertTrue(fs.exists("/app/new"));
    assertFalse(fs.exists("/app/old"));
    assertFalse(fs.exists("/app/keep"));
  }

  @Test
  void fileReplacingADirectoryRemovesTheSubtree_directoryOverDirectoryKeepsIt() {
    TestLayers.Blob base = TestLayers.layer()
        .dir("/a").file("/a/x", 0755).dir("/b").file("/b/y", 0755).gzip();
    TestLayers.Blob upper = TestLayers.layer().file("/a", 0644).dir("/b").gzip();

    ImageFileSystem fs = image(base, upper);

    assertEquals(Optional.of("/a is not a directory"), fs.whyMissing("/a/x"));
    assertEquals(EntryType.FILE, fs.resolve("/a").orElseThrow().type());
    assertTrue(fs.exists("/b/y"));
    assertEquals(1, fs.resolve("/b").orElseThrow().layerIndex());
  }

  @Test
  void symlinkLoopIsNotFoundWithAReason() {
    ImageFileSystem fs = image(TestLayers.layer()
        .symlink("/a", "/b").symlink("/b", "a").symlink("/bin", "/bin").gzip());

    assertEquals(Optional.empty(), fs.resolve("/a/sh"));
    assertFalse(fs.exists("/bin/sh"));
    assertTrue(fs.whyMissing("/a/sh").orElseThrow().startsWith("more than 40 symlinks followed (a loop) at /"),
        fs.whyMissing("/a/sh").orElseThrow());
  }

  @Test
  void dotDotInASymlinkTargetStopsAtTheRoot() {
    ImageFileSystem fs = image(TestLayers.layer()
        .dir("/bin").file("/bin/busybox", 0755)
        .dir("/usr").dir("/usr/lib").symlink("/usr/lib/tool", "../../../../../bin/busybox")
        .symlink("/usr/lib/up", "..")
        .gzip());

    assertEquals("/bin/busybox", fs.resolve("/usr/lib/tool").orElseThrow().path());
    assertEquals("/usr/lib/tool -> ../../../../../bin/busybox",
        fs.resolve("/usr/lib/tool").orElseThrow().links().get(0));
    assertEquals("/usr", fs.resolve("/usr/lib/up").orElseThrow().path());
    assertEquals("/", fs.resolve("/../../..").orElseThrow().path());
  }

  @Test
  void pathOrderDecides_andANonExecutableFileIsPassedOver() {
    ImageFileSystem fs = image(TestLayers.layer()
        .dir("/usr").dir("/usr/local").dir("/usr/local/bin").dir("/usr/bin").dir("/usr/sbin")
        .file("/usr/local/bin/curl", 0755).file("/usr/bin/curl", 0755)
        .file("/usr/sbin/wget", 0644).file("/usr/bin/wget", 0755)
        .dir("/usr/local/bin/nc").file("/usr/bin/nc", 0755)
        .gzip());

    Map<String, Resolved> found = fs.findOnPath(List.of("wget", "curl", "nc", "/usr/bin/curl", "missing"), PATH);

    assertEquals(List.of("wget", "curl", "nc", "/usr/bin/curl"), List.copyOf(found.keySet()));
    assertEquals("/usr/local/bin/curl", found.get("curl").path());
    assertEquals("/usr/bin/wget", found.get("wget").path());
    assertEquals("/usr/bin/nc", found.get("nc").path());
    // and reversing PATH reverses the choice
    assertEquals("/usr/bin/curl", fs.findOnPath(List.of("curl"), List.of("/usr/bin/", "/usr/local/bin"))
        .get("curl").path());
  }

  @Test
  void laterLayerWinsAndIsTheEvidence() {
    TestLayers.Blob base = TestLayers.layer().dir("/bin").file("/bin/sh", 0644).gzip();
    TestLayers.Blob fix = TestLayers.layer().file("/bin/sh", 0755).zstd();

    ImageFileSystem fs = image(base, fix);

    Resolved sh = fs.shell().orElseThrow();
    assertEquals(1, sh.layerIndex());
    assertEquals(fix.digest(), sh.layerDigest());
    assertEquals(List.of(base.digest(), fix.digest()), fs.layerDigests());
    assertEquals(Optional.empty(), image(base).shell()); // not executable there
  }

  @Test
  void entriesThroughASymlinkedParentLandInItsTarget_missingParentsAreMade() {
    ImageFileSystem fs = image(
        TestLayers.layer().symlink("/lib", "usr/lib").dir("/usr").dir("/usr/lib").tar(),
        TestLayers.layer().file("/lib/x/y", 0644).file("/new/deep/file", 0755).multiMemberGzip());

    assertEquals("/usr/lib/x/y", fs.resolve("/lib/x/y").orElseThrow().path());
    assertTrue(fs.exists("/new/deep"));
  }

  @Test
  void oddEntriesAreNotedNotApplied() {
    ImageFileSystem fs = image(TestLayers.layer()
        .file("/etc", 0644).file("/etc/passwd", 0644)
        .hardlink("/bin/sh", "/bin/busybox")
        .gzip());

    assertEquals(List.of(
        "layer 0: /etc/passwd not applied: /etc is not a directory",
        "layer 0: hardlink /bin/sh not applied: its target /bin/busybox does not exist (no /bin/busybox)"),
        fs.notes());
    assertFalse(fs.exists("/bin/sh"));
  }

  @Test
  void hardlinkToASymlinkIsThatSymlink() {
    ImageFileSystem fs = image(TestLayers.layer()
        .dir("/bin").file("/bin/busybox", 0755).symlink("/bin/ash", "busybox").hardlink("/bin/sh", "/bin/ash")
        .gzip());

    assertEquals("/bin/sh -> /bin/busybox", fs.shell().orElseThrow().describe());
  }
}
