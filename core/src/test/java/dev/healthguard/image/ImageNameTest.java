package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameTest {

  static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # reference                              | registry         | repository                   | tag        | canonical
          alpine                                   | docker.io        | library/alpine               | latest     | docker.io/library/alpine:latest
          library/alpine                           | docker.io        | library/alpine               | latest     | docker.io/library/alpine:latest
          docker.io/library/alpine                 | docker.io        | library/alpine               | latest     | docker.io/library/alpine:latest
          docker.io/alpine:3.20                    | docker.io        | library/alpine               | 3.20       | docker.io/library/alpine:3.20
          index.docker.io/library/alpine:3.20      | docker.io        | library/alpine               | 3.20       | docker.io/library/alpine:3.20
          registry-1.docker.io/alpine:3.20         | docker.io        | library/alpine               | 3.20       | docker.io/library/alpine:3.20
          alpine:3.20                              | docker.io        | library/alpine               | 3.20       | docker.io/library/alpine:3.20
          paketobuildpacks/run-jammy-tiny          | docker.io        | paketobuildpacks/run-jammy-tiny | latest  | docker.io/paketobuildpacks/run-jammy-tiny:latest
          localhost:5000/x                         | localhost:5000   | x                            | latest     | localhost:5000/x:latest
          localhost/team/app:v1                    | localhost        | team/app                     | v1         | localhost/team/app:v1
          cgr.dev/chainguard/static:latest         | cgr.dev          | chainguard/static            | latest     | cgr.dev/chainguard/static:latest
          gcr.io/distroless/static-debian12:nonroot | gcr.io          | distroless/static-debian12   | nonroot    | gcr.io/distroless/static-debian12:nonroot
          mcr.microsoft.com/dotnet/aspnet:8.0      | mcr.microsoft.com | dotnet/aspnet               | 8.0        | mcr.microsoft.com/dotnet/aspnet:8.0
          golang:1.19.2-alpine                     | docker.io        | library/golang               | 1.19.2-alpine | docker.io/library/golang:1.19.2-alpine
          my_org/my__app.v2:Tag_1.x-y              | docker.io        | my_org/my__app.v2            | Tag_1.x-y  | docker.io/my_org/my__app.v2:Tag_1.x-y
          """)
  void parse_normalizes(String reference, String registry, String repository, String tag, String canonical) {
    ImageName name = ImageName.parse(reference);

    assertEquals(registry, name.registry());
    assertEquals(repository, name.repository());
    assertEquals(tag, name.tag());
    assertNull(name.digest());
    assertEquals(canonical, name.canonical());
  }

  @Test
  void parse_digestOnly_hasNoTag() {
    ImageName name = ImageName.parse("alpine@" + DIGEST);

    assertNull(name.tag());
    assertEquals(DIGEST, name.digest());
    assertEquals("docker.io/library/alpine@" + DIGEST, name.canonical());
    assertEquals("alpine@" + DIGEST, name.familiar());
  }

  @Test
  void parse_tagAndDigest_keepsBoth() {
    ImageName name = ImageName.parse("alpine:3.20@" + DIGEST);

    assertEquals("3.20", name.tag());
    assertEquals(DIGEST, name.digest());
    assertEquals("docker.io/library/alpine:3.20@" + DIGEST, name.canonical());
  }

  @Test
  void parse_registryWithPortAndDigest() {
    ImageName name = ImageName.parse("localhost:5000/team/app:1.0@" + DIGEST);

    assertEquals("localhost:5000", name.registry());
    assertEquals("team/app", name.repository());
    assertEquals("1.0", name.tag());
  }

  @Test
  void parse_sha512Digest() {
    String sha512 = "sha512:" + "ab".repeat(64);

    assertEquals(sha512, ImageName.parse("alpine@" + sha512).digest());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "alpine:3.20, alpine:3.20",
    "alpine, alpine:latest",
    "library/alpine:3.20, alpine:3.20",
    "bitnami/nginx:1, bitnami/nginx:1",
    "library/team/app:1, library/team/app:1",
    "docker.io/library/team/app:1, library/team/app:1",
    "docker.io/foo.bar/app:1, docker.io/foo.bar/app:1",
    "docker.io/localhost/app:1, docker.io/localhost/app:1",
    "gcr.io/distroless/static:nonroot, gcr.io/distroless/static:nonroot",
  })
  void familiar_dropsDockerHubAndLibraryOnlyForOneComponentPaths(String reference, String familiar) {
    assertEquals(familiar, ImageName.parse(reference).familiar());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                              | it is empty
          Alpine                          | path component 'Alpine'
          alpine:                         | tag '' is not valid
          alpine:-bad                     | tag '-bad' is not valid
          alpine@sha256:abc               | Invalid digest 'sha256:abc'
          alpine@md5:0123456789abcdef0123456789abcdef | Invalid digest
          alpine@SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | Invalid digest
          @sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | no repository name
          foo//bar                        | path component ''
          foo/bar/                        | path component ''
          my-.app                         | path component 'my-.app'
          alpine 3.20                     | path component 'alpine 3.20'
          -host.example/app               | registry '-host.example' is not a valid host
          """)
  void parse_rejectsInvalidReferences_namingTheInput(String reference, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageName.parse(reference));

    assertTrue(e.getMessage().contains("'" + reference + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void parse_rejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse(null));
  }

  @Test
  void parse_rejectsNamesLongerThan255Characters() {
    String reference = "a/" + "b".repeat(254);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageName.parse(reference));

    assertTrue(e.getMessage().contains("longer than 255"), e.getMessage());
  }

  @Test
  void constructor_requiresTagOrDigest() {
    assertThrows(IllegalArgumentException.class, () -> new ImageName("docker.io", "library/alpine", null, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1, 123456789012, eu-west-1",
    "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/team/app@" + DIGEST + ", 123456789012, us-gov-west-1",
    "210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/app, 210987654321, cn-north-1",
    "123456789012.dkr.ecr.ap-southeast-5.amazonaws.com/cdk-hnb659fds-container-assets-123456789012-ap-southeast-5:abc,"
        + " 123456789012, ap-southeast-5",
    "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/team/app:v1, 123456789012, us-east-1",
    "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app@" + DIGEST + ", 123456789012, us-gov-west-1",
  })
  void ecrPrivate_accountAndRegion(String reference, String account, String region) {
    ImageName name = ImageName.parse(reference);

    assertTrue(name.isEcrPrivate());
    assertEquals(Optional.of(account), name.ecrAccount());
    assertEquals(Optional.of(region), name.ecrRegion());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "alpine",
        "public.ecr.aws/docker/library/alpine",
        "12345678901.dkr.ecr.eu-west-1.amazonaws.com/app",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example/app",
        "123456789012.dkr.ecr.eu-west.amazonaws.com/app",
        "123456789012.dkr.ecr-fipsx.us-east-1.amazonaws.com/app",
        "123456789012.dkr.ecr.fips.us-east-1.amazonaws.com/app",
        "public.ecr.aws/nginx/nginx:1.27",
      })
  void ecrPrivate_falseForOtherRegistries(String reference) {
    ImageName name = ImageName.parse(reference);

    assertFalse(name.isEcrPrivate());
    assertTrue(name.ecrAccount().isEmpty());
    assertTrue(name.ecrRegion().isEmpty());
  }

  @Test
  void upstream_ecrPublicDockerLibrary_isTheDockerHubOfficialImage() {
    ImageName name = ImageName.parse("public.ecr.aws/docker/library/node:20-slim@" + DIGEST);

    assertEquals(Optional.of(Mirror.ECR_PUBLIC_DOCKER_LIBRARY), name.mirror());
    assertEquals(new ImageName("docker.io", "library/node", "20-slim", DIGEST), name.upstream());
    assertEquals("public.ecr.aws/docker/library", name.mirror().orElseThrow().prefix());
    assertEquals(Certainty.LIKELY, name.mirror().orElseThrow().certainty());
    assertTrue(name.mirror().orElseThrow().note().contains("aws.amazon.com/blogs/containers/"));
  }

  @Test
  void upstream_googleMirror_keepsTheDockerHubPath() {
    ImageName official = ImageName.parse("mirror.gcr.io/library/redis:7.4-alpine");
    ImageName namespaced = ImageName.parse("mirror.gcr.io/bitnami/redis:7.4");

    assertEquals(Optional.of(Mirror.GOOGLE_DOCKER_HUB_CACHE), official.mirror());
    assertEquals("docker.io/library/redis:7.4-alpine", official.upstream().canonical());
    assertEquals("docker.io/bitnami/redis:7.4", namespaced.upstream().canonical());
    assertEquals("via mirror mirror.gcr.io", official.mirror().orElseThrow().evidence().where());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "alpine:3.20",
        "public.ecr.aws/docker/library/team/app",
        "public.ecr.aws/nginx/nginx-unprivileged:1.27",
        "mirror.gcr.io/alpine",
        "gcr.io/library/alpine",
      })
  void upstream_isItselfWhenNotMirrored(String reference) {
    ImageName name = ImageName.parse(reference);

    assertTrue(name.mirror().isEmpty());
    assertSame(name, name.upstream());
  }

  @Test
  void toString_isCanonical() {
    assertEquals("docker.io/library/alpine:3.20", ImageName.parse("alpine:3.20").toString());
  }

  @Test
  void ecrFips_isTheSameRepositoryAsTheRegionalHost() {
    ImageName fips = ImageName.parse("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/team/app:v1");
    ImageName regional = ImageName.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1");

    assertTrue(fips.isEcrFips());
    assertFalse(regional.isEcrFips());
    assertEquals(regional.ecrAccount(), fips.ecrAccount());
    assertEquals(regional.ecrRegion(), fips.ecrRegion());
    // The host is kept as written: it is where the image is pulled from.
    assertEquals("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/team/app:v1", fips.canonical());
  }

  @Test
  void ecr_buildsTheRegionalHost() {
    ImageName tagged = ImageName.ecr("123456789012", "eu-west-1", "team/api", "v1");
    ImageName pinned = ImageName.ecr("123456789012", "eu-west-1", "team/api", DIGEST);

    assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1", tagged.canonical());
    assertEquals("v1", tagged.reference());
    assertEquals(DIGEST, pinned.reference());
    assertNull(pinned.tag());
    assertEquals("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
        ImageName.ecr("123456789012", "cn-north-1", "app", "v1").registry());
    assertEquals(tagged, ImageName.parse(tagged.canonical()));
  }

  @ParameterizedTest(name = "[{index}] {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12345        | eu-west-1 | team/api | v1         | Invalid ECR account id '12345': expected 12 digits",
        "123456789012 | Europe    | team/api | v1         | Invalid AWS region 'Europe'",
        "123456789012 | eu-west-1 | Team/API | v1         | Invalid repository 'Team/API'",
        "123456789012 | eu-west-1 | team/api | -bad       | Invalid tag '-bad'",
        "123456789012 | eu-west-1 | team/api | sha256:xyz | Invalid digest 'sha256:xyz'",
      })
  void ecr_namesTheInvalidComponent(String account, String region, String repository, String tagOrDigest, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageName.ecr(account, region, repository, tagOrDigest));

    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # rendered                                                                     | account      | region    | repository | tag
          123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1                       | 123456789012 | eu-west-1 | team/api   | v1
          ${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/team/api:v1          | -            | -         | team/api   | v1
          123456789012.dkr.ecr-fips.${AWS::Region}.${AWS::URLSuffix}/app:v2               | 123456789012 | -         | app        | v2
          ${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | - | us-east-1 | app | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          """)
  void ecrRepository_readsTheTemplateShape(String rendered, String account, String region, String repository, String tag) {
    assertEquals(Optional.of(new ImageRef.Ecr(account, region, repository, tag)), ImageName.ecrRepository(rendered));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/team/api",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v1@" + DIGEST,
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/Team/api:v1",
        "${Token[TOKEN.1]}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/team/api:v1",
        "public.ecr.aws/team/api:v1",
        "team/api:v1",
      })
  void ecrRepository_emptyForAnythingElse(String rendered) {
    assertTrue(ImageName.ecrRepository(rendered).isEmpty());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "public.ecr.aws/nginx/nginx:1.27, public.ecr.aws, nginx/nginx",
    "public.ecr.aws/docker/library/alpine:3.20, public.ecr.aws, docker/library/alpine",
    "public.ecr.aws/amazonlinux/amazonlinux:2023-minimal, public.ecr.aws, amazonlinux/amazonlinux",
    "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable, public.ecr.aws, aws-observability/aws-for-fluent-bit",
  })
  void ecrPublic_isARegistryWithItsFullPath(String reference, String registry, String repository) {
    ImageName name = ImageName.parse(reference);

    assertEquals(registry, name.registry());
    assertEquals(repository, name.repository());
    assertFalse(name.isEcrPrivate());
    assertEquals(reference, name.familiar());
  }

  @Test
  void digests_sha256AndSha512_butNoOtherAlgorithmOrCase() {
    String sha512 = "sha512:" + "cd".repeat(64);

    assertEquals(DIGEST, ImageName.parse("ghcr.io/org/app@" + DIGEST).digest());
    assertEquals(sha512, ImageName.parse("ghcr.io/org/app:v1@" + sha512).digest());
    assertEquals("ghcr.io/org/app:v1@" + sha512, ImageName.parse("ghcr.io/org/app:v1@" + sha512).canonical());
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse("app@sha384:" + "ab".repeat(48)));
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse("app@sha256:" + "ab".repeat(31)));
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse("app@" + DIGEST + "@" + DIGEST));
  }

  @Test
  void upperCaseFirstComponent_isARegistry_andStaysOne() {
    // Docker reads an upper-case first component as a host (distribution/reference splitDockerDomain).
    ImageName name = ImageName.parse("UPPER/lower");

    assertEquals("UPPER", name.registry());
    assertEquals("lower", name.repository());
    assertEquals("UPPER/lower:latest", name.canonical());
    assertEquals(name, ImageName.parse(name.canonical()));
    assertEquals(name, ImageName.parse(name.familiar()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"lower/UPPER", "team/App:v1", "ghcr.io/Org/app"})
  void upperCaseInThePath_isInvalid_notLowercased(String reference) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageName.parse(reference));

    assertTrue(e.getMessage().contains("must be lowercase"), e.getMessage());
  }

  @Test
  void constructor_normalizesLikeParse() {
    assertEquals(ImageName.parse("alpine:3.20"), new ImageName("docker.io", "alpine", "3.20", null));
    assertEquals(ImageName.parse("alpine:3.20"), new ImageName("index.docker.io", "library/alpine", "3.20", null));
    // A lower-case host without a dot or port would read back as a Docker Hub namespace.
    assertThrows(IllegalArgumentException.class, () -> new ImageName("registry", "app", "v1", null));
  }

  @Test
  void bareImageId_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ImageName.parse("ab".repeat(32)));
  }

  @Test
  void hostileName_isEchoedAsAShortEscapedExcerpt() {
    String hostile = "Evil\u001b[31m/" + "a".repeat(200_000) + "\n";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageName.parse(hostile));

    assertTrue(e.getMessage().length() < 600, e.getMessage().length() + " characters");
    assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void hostileComponents_areEscapedInEveryMessage() {
    String bad = "x\u0007".repeat(10_000);

    for (Runnable call : new Runnable[] {
        () -> new ImageName("ghcr.io", bad, "v1", null),
        () -> new ImageName("ghcr.io", "app", bad, null),
        () -> new ImageName("ghcr.io", "app", null, bad),
        () -> new ImageName(bad, "app", "v1", null),
        () -> ImageName.ecr(bad, "eu-west-1", "app", "v1"),
        () -> ImageName.parse("app:" + bad)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
      // At most two excerpts of 200 input characters, each escaped to at most 10 characters.
      assertTrue(e.getMessage().length() < 4_500, e.getMessage());
      assertFalse(e.getMessage().contains("\u0007"), e.getMessage());
    }
  }
}
