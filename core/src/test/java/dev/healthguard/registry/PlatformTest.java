package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

  static final String D = "sha256:" + "a".repeat(64);

  private static IndexEntry entry(String platform) {
    return new IndexEntry(ManifestTypes.OCI_MANIFEST, D, 1, Platform.parse(platform), null, Map.of());
  }

  @Test
  void parse_andToString() {
    assertEquals(new Platform("linux", "arm64", "v8"), Platform.parse("linux/arm64/v8"));
    assertEquals("linux/amd64", Platform.parse("linux/amd64").toString());
    assertThrows(IllegalArgumentException.class, () -> Platform.parse("amd64"));
    assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux//v8"));
  }

  @Test
  void forEcsCpuArchitecture() {
    assertEquals(Platform.LINUX_AMD64, Platform.forEcsCpuArchitecture(null));
    assertEquals(Platform.LINUX_AMD64, Platform.forEcsCpuArchitecture("X86_64"));
    assertEquals(Platform.LINUX_ARM64, Platform.forEcsCpuArchitecture("ARM64"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.forEcsCpuArchitecture("ARM"));
    assertTrue(e.getMessage().contains("expected X86_64 or ARM64"));
  }

  @ParameterizedTest(name = "[{index}] wanted {0} from {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "linux/arm64    | linux/amd64, linux/arm64/v8                 | linux/arm64/v8",
        "linux/arm64/v8 | linux/amd64, linux/arm64                    | linux/arm64",
        "linux/arm64    | linux/arm64/v8.2, linux/arm64/v8            | linux/arm64/v8",
        "linux/arm64    | linux/amd64, linux/arm64/v8.2               | linux/arm64/v8.2",
        "linux/amd64    | linux/amd64/v3, linux/amd64                 | linux/amd64",
        "linux/amd64    | linux/arm64, linux/amd64/v3                 | linux/amd64/v3",
        "linux/amd64    | linux/x86_64                                | linux/x86_64",
        "linux/arm64    | linux/aarch64                               | linux/aarch64",
        "linux/arm64    | linux/arm/v7, linux/amd64                   | -",
        "linux/amd64    | windows/amd64                               | -",
        "linux/amd64    | linux/amd64, linux/amd64                    | linux/amd64",
      })
  void choose(String wanted, String offered, String chosen) {
    List<IndexEntry> entries = java.util.Arrays.stream(offered.split(",")).map(String::trim).map(PlatformTest::entry).toList();

    var result = PlatformChooser.choose(entries, Platform.parse(wanted));

    assertEquals(chosen == null ? null : Platform.parse(chosen), result.map(IndexEntry::platform).orElse(null));
  }

  @Test
  void choose_tiesGoToIndexOrder() {
    IndexEntry first = new IndexEntry(ManifestTypes.OCI_MANIFEST, "sha256:" + "1".repeat(64), 1, Platform.LINUX_AMD64, null, Map.of());
    IndexEntry second = new IndexEntry(ManifestTypes.OCI_MANIFEST, "sha256:" + "2".repeat(64), 1, Platform.LINUX_AMD64, null, Map.of());

    assertEquals(first, PlatformChooser.choose(List.of(first, second), Platform.LINUX_AMD64).orElseThrow());
  }

  @Test
  void nonImageEntries_areNeitherChosenNorOffered() {
    IndexEntry attestation = new IndexEntry(ManifestTypes.OCI_MANIFEST, D, 1, Platform.parse("unknown/unknown"), null, Map.of());
    IndexEntry marked =
        new IndexEntry(ManifestTypes.OCI_MANIFEST, D, 1, Platform.LINUX_AMD64, null, Map.of(IndexEntry.REFERENCE_TYPE, "attestation-manifest"));
    IndexEntry soci = new IndexEntry(ManifestTypes.OCI_MANIFEST, D, 1, Platform.LINUX_AMD64, "application/vnd.amazon.soci.index.v2+json", Map.of());
    IndexEntry nested = new IndexEntry(ManifestTypes.OCI_INDEX, D, 1, Platform.LINUX_AMD64, null, Map.of());
    List<IndexEntry> entries = List.of(attestation, marked, soci, nested);

    assertTrue(PlatformChooser.choose(entries, Platform.LINUX_AMD64).isEmpty());
    assertEquals(List.of(), PlatformChooser.offered(entries));
    assertFalse(attestation.isImage());
  }

  @Test
  void offered_keepsOrderWithoutDuplicates() {
    List<IndexEntry> entries = List.of(entry("linux/arm64/v8"), entry("linux/amd64"), entry("linux/arm64/v8"));

    assertEquals(List.of(Platform.parse("linux/arm64/v8"), Platform.LINUX_AMD64), PlatformChooser.offered(entries));
  }
}
