package dev.healthguard.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthguard.layers.LayerListing;
import dev.healthguard.layers.LayerReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI client against the real CNCF distribution registry on loopback, behind its token auth:
 * the 401 → token → retry flow Docker Hub runs, indexes and platforms, byte ranges, and failures.
 */
class RealRegistryTest {

  static RealRegistry registry;
  static TestImages.Index ko = TestImages.koMultiArch();
  static TestImages.Image alpine = TestImages.alpineCurl(Platform.LINUX_AMD64, TestImages.OCI_MANIFEST);

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    registry = RealRegistry.startWithTokenAuth(null);
    registry.push("demo/ko", "v1", ko);
    registry.push("demo/alpine", "3", alpine);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  RegistryClient client() {
    return RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(registry.host())).build();
  }

  @Test
  void aTagBehindTokenAuthResolves_afterOne401AndOneToken() {
    registry.resetCounts();
    int tokensBefore = registry.tokenServer().requests().size();
    RemoteImage image = client().resolve(ImageAddress.of(registry.host(), "demo/ko", "v1"), Platform.LINUX_ARM64).orElseThrow();

    assertEquals(ko.index().digest(), image.indexDigest());
    assertEquals(ko.image("arm64").manifest().digest(), image.manifestDigest());
    assertEquals("arm64", image.chosen().architecture());
    assertEquals(2, image.layers().size());
    List<Map<String, String>> tokens = registry.tokenServer().requests();
    assertEquals(tokensBefore + 1, tokens.size(), "one token, reused for every later request");
    Map<String, String> asked = tokens.get(tokens.size() - 1);
    assertEquals("repository:demo/ko:pull", asked.get("scope"));
    assertEquals(RealRegistry.SERVICE, asked.get("service"));
    assertNull(asked.get("authorization"), "anonymous by default");
    // The first manifest GET is refused with the challenge, then retried with the token.
    List<String> pulls = registry.pulls();
    assertEquals("GET /v2/demo/ko/manifests/v1", pulls.get(0));
    assertEquals("GET /v2/demo/ko/manifests/v1", pulls.get(1));
    assertEquals(List.of(
        "GET /v2/demo/ko/manifests/v1", "GET /v2/demo/ko/manifests/v1",
        "GET /v2/demo/ko/manifests/" + image.manifestDigest(),
        "GET /v2/demo/ko/blobs/" + image.config().digest()), pulls, "the config is read once");
  }

  @Test
  void layersStreamFromTheRegistry_andTheListingIsTheImagesFiles() throws Exception {
    try (RegistryClient client = client()) {
      RemoteImage image = client.resolve(ImageAddress.of(registry.host(), "demo/alpine", "3"), Platform.LINUX_AMD64).orElseThrow();
      LayerDescriptor base = image.layers().get(0);
      LayerListing listing;
      try (InputStream in = client.openLayer(image, base)) {
        listing = LayerReader.read(in, base.mediaType(), base.digest());
      }
      assertTrue(listing.entries().stream().anyMatch(e -> e.path().equals("bin/sh") || e.path().equals("/bin/sh")),
          listing.entries().toString());
    }
  }

  @Test
  void aClosedByteRangeReadsExactlyThoseBytes() {
    try (RegistryClient client = client()) {
      RemoteImage image = client.resolve(ImageAddress.of(registry.host(), "demo/alpine", "3"), Platform.LINUX_AMD64).orElseThrow();
      LayerDescriptor layer = image.layers().get(0);
      byte[] whole = alpine.layers().get(0).bytes();
      registry.resetCounts();
      byte[] middle = client.readLayerRange(image, layer, 10, 41);
      assertArrayEquals(Arrays.copyOfRange(whole, 10, 42), middle);
      byte[] last = client.readLayerRange(image, layer, layer.size() - 8, layer.size() - 1);
      assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 8, whole.length), last);
      assertEquals(List.of("GET /v2/demo/alpine/blobs/" + layer.digest(), "GET /v2/demo/alpine/blobs/" + layer.digest()),
          registry.pulls());
    }
  }

  @Test
  void aMissingTagOrRepositoryIsImageNotFound() {
    try (RegistryClient client = client()) {
      LookupException tag = assertThrows(LookupException.class,
          () -> client.resolve(ImageAddress.of(registry.host(), "demo/ko", "nope"), Platform.LINUX_AMD64));
      assertEquals(LookupException.Kind.IMAGE_NOT_FOUND, tag.kind(), tag.getMessage());
      assertTrue(tag.getMessage().contains(registry.host() + "/demo/ko:nope"), tag.getMessage());
      LookupException repo = assertThrows(LookupException.class,
          () -> client.resolve(ImageAddress.of(registry.host(), "demo/none", "v1"), Platform.LINUX_AMD64));
      // distribution 2.8 answers MANIFEST_UNKNOWN for a repository it never saw, not NAME_UNKNOWN.
      assertEquals(LookupException.Kind.IMAGE_NOT_FOUND, repo.kind(), repo.getMessage());
      assertTrue(repo.getMessage().contains(registry.host() + "/demo/none:v1"), repo.getMessage());
    }
  }

  @Test
  void aDigestReferenceIsCheckedAgainstTheBytes() {
    try (RegistryClient client = client()) {
      RemoteImage image = client.resolve(
          ImageAddress.of(registry.host(), "demo/alpine", alpine.manifest().digest()), Platform.LINUX_AMD64).orElseThrow();
      assertEquals(alpine.manifest().digest(), image.manifestDigest());
      assertNull(image.indexDigest());
    }
  }

  @Test
  void withoutTheInsecureOption_plainHttpIsNeverTried() {
    try (RegistryClient client = RegistryClient.builder().options(Fast.OPTIONS).build()) {
      LookupException e = assertThrows(LookupException.class,
          () -> client.resolve(ImageAddress.of(registry.host(), "demo/alpine", "3"), Platform.LINUX_AMD64));
      assertEquals(LookupException.Kind.NETWORK, e.kind(), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> RegistryClient.builder().insecureHosts(Set.of("registry.example.com:5000")));
  }

  @Test
  void aPrivateRepository_takesTheDockerConfigsLogin_andNoSecretReachesAMessage() throws Exception {
    Login login = new Login("robot", "s3cr3t-Pa55");
    try (RealRegistry locked = RealRegistry.startWithTokenAuth(login)) {
      locked.push("team/app", "v1", alpine);
      ImageAddress app = ImageAddress.of(locked.host(), "team/app", "v1");

      RegistryClient anonymous = RegistryClient.builder().options(Fast.OPTIONS).insecureHosts(Set.of(locked.host())).build();
      LookupException refused = assertThrows(LookupException.class, () -> anonymous.resolve(app, Platform.LINUX_AMD64));
      assertEquals(LookupException.Kind.ACCESS_DENIED, refused.kind(), refused.getMessage());

      Path config = Files.createDirectories(dir.resolve("docker"));
      String auth = java.util.Base64.getEncoder().encodeToString("robot:s3cr3t-Pa55".getBytes());
      Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + locked.host() + "\":{\"auth\":\"" + auth + "\"}}}");
      DockerConfig docker = DockerConfig.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString()));
      RegistryClient withLogin = RegistryClient.builder().options(Fast.OPTIONS).credentials(docker)
          .insecureHosts(Set.of(locked.host())).build();
      RemoteImage image = withLogin.resolve(app, Platform.LINUX_AMD64).orElseThrow();
      assertEquals(alpine.manifest().digest(), image.manifestDigest());
      assertEquals(login.basicHeader(), locked.tokenServer().requests().get(locked.tokenServer().requests().size() - 1).get("authorization"));

      // A wrong password: refused, and neither it nor the right one is in the message.
      Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + locked.host() + "\":{\"auth\":\""
          + java.util.Base64.getEncoder().encodeToString("robot:wrong-Pa55".getBytes()) + "\"}}}");
      RegistryClient wrong = RegistryClient.builder().options(Fast.OPTIONS)
          .credentials(DockerConfig.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString())))
          .insecureHosts(Set.of(locked.host())).build();
      LookupException denied = assertThrows(LookupException.class, () -> wrong.resolve(app, Platform.LINUX_AMD64));
      assertEquals(LookupException.Kind.ACCESS_DENIED, denied.kind());
      for (String secret : List.of("s3cr3t-Pa55", "wrong-Pa55", auth, "Bearer", "eyJ")) {
        assertFalse(denied.getMessage().contains(secret), denied.getMessage());
        assertFalse(refused.getMessage().contains(secret), refused.getMessage());
      }
      assertFalse(login.toString().contains("s3cr3t"), login.toString());
    }
  }
}
