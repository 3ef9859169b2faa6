package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogTest {

  static final String DIGEST = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  final Catalog catalog = Catalog.builtIn();

  /**
   * One reference per family of research/base-images.md. Fact columns read:
   * {@code no} certainly absent, {@code no?} likely absent, {@code yes} certainly present, {@code
   * yes?} likely present, {@code ?} unknown, {@code /path} present there, anything else a variant
   * that is certainly present; a trailing {@code ?} makes any of these only likely.
   */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # reference                                       | row                          | /bin/sh     | curl         | wget     | python3                | node               | exhaustive
          alpine:3.20                                        | alpine                       | busybox ash | no           | busybox  | no                     | no                 | false
          alpine                                             | alpine                       | busybox ash | no           | busybox  | no                     | no                 | false
          busybox:1.36-musl                                  | busybox                      | busybox ash | no           | busybox  | no                     | no                 | false
          debian:bookworm                                    | debian                       | dash        | no           | no       | no                     | no                 | false
          debian:latest                                      | debian                       | dash        | no           | no       | no                     | no                 | false
          debian:bookworm-slim                               | debian-slim                  | dash        | no           | no       | no                     | no                 | false
          debian:12-slim                                     | debian-slim                  | dash        | no           | no       | no                     | no                 | false
          ubuntu:24.04                                       | ubuntu                       | dash        | no           | no       | no                     | no                 | false
          ubuntu:jammy-20240808                              | ubuntu                       | dash        | no           | no       | no                     | no                 | false
          amazonlinux:2                                      | amazonlinux-2                | bash        | yes          | no       | no                     | no                 | false
          amazonlinux:2023                                   | amazonlinux-2023             | bash        | curl-minimal | no       | yes                    | no                 | false
          amazonlinux:latest                                 | amazonlinux-2023             | bash        | curl-minimal | no       | yes                    | no                 | false
          gcr.io/distroless/static-debian12:nonroot          | distroless-static            | no          | no           | no       | no                     | no                 | true
          gcr.io/distroless/static:latest                    | distroless-static            | no          | no           | no       | no                     | no                 | true
          gcr.io/distroless/static-debian12:debug-nonroot    | distroless-static-debug      | no          | no           | busybox  | no                     | no                 | false
          gcr.io/distroless/base-debian12                    | distroless-base              | no          | no           | no       | no                     | no                 | true
          gcr.io/distroless/base-nossl-debian12:debug        | distroless-base-debug        | no          | no           | busybox  | no                     | no                 | false
          gcr.io/distroless/cc-debian12:latest               | distroless-cc                | no          | no           | no       | no                     | no                 | true
          gcr.io/distroless/cc-debian12:debug                | distroless-cc-debug          | no          | no           | busybox  | no                     | no                 | false
          gcr.io/distroless/java21-debian12:nonroot          | distroless-java              | no          | no           | no       | no                     | no                 | false
          gcr.io/distroless/java17-debian12:debug            | distroless-java-debug        | no          | no           | busybox  | no                     | no                 | false
          gcr.io/distroless/java:11                          | distroless-java-legacy       | no          | no?          | no?      | no?                    | no?                | false
          gcr.io/distroless/java:11-debug                    | distroless-java-legacy-debug | no?         | no?          | busybox? | no?                    | no?                | false
          gcr.io/distroless/nodejs22-debian12                | distroless-nodejs            | no          | no           | no       | no                     | /nodejs/bin/node   | false
          gcr.io/distroless/nodejs20-debian12:debug          | distroless-nodejs-debug      | no          | no           | busybox  | no                     | /nodejs/bin/node   | false
          gcr.io/distroless/python3-debian12                 | distroless-python3           | no          | no           | no       | /usr/bin/python3       | no                 | false
          gcr.io/distroless/python3-debian13:debug-nonroot   | distroless-python3-debug     | no          | no           | busybox  | /usr/bin/python3       | no                 | false
          gcr.io/distroless/python3-debian11                 | distroless-python3-legacy    | dash        | no           | no       | /usr/bin/python3       | no                 | false
          gcr.io/distroless/python3-debian11:debug           | distroless-python3-legacy-debug | dash     | no           | busybox  | /usr/bin/python3       | no                 | false
          scratch                                            | scratch                      | no          | no           | no       | no                     | no                 | true
          cgr.dev/chainguard/static:latest                   | chainguard-static            | no          | no           | no       | no                     | no                 | true
          cgr.dev/chainguard/wolfi-base                      | wolfi-base                   | busybox ash | no           | no       | no                     | no                 | false
          cgr.dev/chainguard/python:latest                   | chainguard-python            | no          | no           | no       | yes?                   | no                 | false
          cgr.dev/chainguard/jre:latest                      | chainguard-jre               | no          | no           | no       | no                     | no                 | false
          cgr.dev/chainguard/nginx:latest                    | chainguard-nginx             | no          | no           | no       | no                     | no                 | false
          cgr.dev/chainguard/curl:latest                     | chainguard-curl              | no          | yes          | no       | no                     | no                 | false
          cgr.dev/chainguard/node:latest                     | chainguard-node              | busybox ash | no           | no       | no                     | /usr/bin/node      | false
          cgr.dev/chainguard/go:latest                       | chainguard-go                | busybox ash | no           | no       | no                     | no                 | false
          cgr.dev/chainguard/jdk:latest                      | chainguard-jdk               | busybox ash | no           | no       | no                     | no                 | false
          cgr.dev/chainguard/python:latest-dev               | chainguard-python-dev        | busybox ash | no?          | GNU      | yes?                   | no                 | false
          cgr.dev/chainguard/node:latest-dev                 | chainguard-node-dev          | busybox ash | no?          | GNU      | no                     | /usr/bin/node      | false
          cgr.dev/chainguard/jre:latest-dev                  | chainguard-jre-dev           | busybox ash | no?          | GNU      | no                     | no                 | false
          cgr.dev/chainguard/jdk:latest-dev                  | chainguard-jdk-dev           | busybox ash | no?          | GNU      | no                     | no                 | false
          cgr.dev/chainguard/go:latest-dev                   | chainguard-go-dev            | busybox ash | no?          | GNU      | no                     | no                 | false
          cgr.dev/chainguard/nginx:latest-dev                | chainguard-nginx-dev         | busybox ash | no?          | GNU      | no                     | no                 | false
          cgr.dev/chainguard/curl:latest-dev                 | chainguard-curl-dev          | busybox ash | yes          | GNU      | no                     | no                 | false
          cgr.dev/chainguard/redis:latest-dev                | chainguard-dev               | busybox ash | ?            | GNU      | ?                      | ?                  | false
          golang:1.19.2-alpine                               | golang-alpine                | busybox ash | no           | busybox  | no                     | no                 | false
          golang:1.22-alpine3.19                             | golang-alpine                | busybox ash | no           | busybox  | no                     | no                 | false
          golang:1.22-bookworm                               | golang                       | dash        | yes          | GNU      | yes?                   | no                 | false
          golang:latest                                      | golang                       | dash        | yes          | GNU      | yes?                   | no                 | false
          node:20                                            | node                         | dash        | yes          | GNU      | yes?                   | /usr/local/bin/node | false
          node:iron-bookworm                                 | node                         | dash        | yes          | GNU      | yes?                   | /usr/local/bin/node | false
          node:20-bookworm-slim                              | node-slim                    | dash        | no           | no       | no                     | /usr/local/bin/node | false
          node:lts-slim                                      | node-slim                    | dash        | no           | no       | no                     | /usr/local/bin/node | false
          node:lts-alpine                                    | node-alpine                  | busybox ash | no           | busybox  | no                     | /usr/local/bin/node | false
          node:22.9.0-alpine3.20                             | node-alpine                  | busybox ash | no           | busybox  | no                     | /usr/local/bin/node | false
          python:3.13                                        | python                       | dash        | yes          | GNU      | /usr/local/bin/python3 | no                 | false
          python:3.12-slim-bookworm                          | python-slim                  | dash        | no           | no       | /usr/local/bin/python3 | no                 | false
          python:slim                                        | python-slim                  | dash        | no           | no       | /usr/local/bin/python3 | no                 | false
          python:3.12-alpine3.20                             | python-alpine                | busybox ash | no           | busybox  | /usr/local/bin/python3 | no                 | false
          python:3.14.0rc2-slim-trixie                       | python-slim                  | dash        | no           | no       | /usr/local/bin/python3 | no                 | false
          eclipse-temurin:21-jre                             | eclipse-temurin              | dash        | yes          | GNU      | no                     | no                 | false
          eclipse-temurin:8u422-b05-jre-jammy                | eclipse-temurin              | dash        | yes          | GNU      | no                     | no                 | false
          eclipse-temurin:21.0.4_7-jdk-noble                 | eclipse-temurin              | dash        | yes          | GNU      | no                     | no                 | false
          eclipse-temurin:17.0.3_7-jre                       | eclipse-temurin-2022         | dash        | yes          | ?        | no                     | no                 | false
          eclipse-temurin:25-jre                             | eclipse-temurin-25           | dash        | no           | no       | no                     | no                 | false
          eclipse-temurin:26.0.1_8-jdk-resolute              | eclipse-temurin-25           | dash        | no           | no       | no                     | no                 | false
          eclipse-temurin:latest                             | eclipse-temurin-25           | dash        | no           | no       | no                     | no                 | false
          eclipse-temurin:21-jre-alpine                      | eclipse-temurin-alpine       | busybox ash | no           | busybox  | no                     | no                 | false
          eclipse-temurin:21-jre-ubi9-minimal                | eclipse-temurin-ubi9-minimal | bash        | curl-minimal | GNU      | no                     | no                 | false
          amazoncorretto:21                                  | amazoncorretto               | bash        | yes          | no?      | ?                      | no                 | false
          amazoncorretto:17.0.15                             | amazoncorretto               | bash        | yes          | no?      | ?                      | no                 | false
          amazoncorretto:21-al2023-headless                  | amazoncorretto-al2023        | bash        | curl-minimal | no?      | yes                    | no                 | false
          amazoncorretto:21-jdk                              | amazoncorretto-al2023        | bash        | curl-minimal | no?      | yes                    | no                 | false
          amazoncorretto:17-al2-generic                      | amazoncorretto-al2           | bash        | yes          | no?      | no                     | no                 | false
          amazoncorretto:21-alpine3.20                       | amazoncorretto-alpine        | busybox ash | no           | busybox  | no                     | no                 | false
          nginx:1.27                                         | nginx                        | dash        | yes          | no       | no                     | no                 | false
          nginx:latest                                       | nginx                        | dash        | yes          | no       | no                     | no                 | false
          nginx:alpine                                       | nginx-alpine                 | busybox ash | yes          | busybox  | no                     | no                 | false
          nginx:1.27-alpine3.20-perl                         | nginx-alpine                 | busybox ash | yes          | busybox  | no                     | no                 | false
          nginx:1.27-alpine-slim                             | nginx-alpine-slim            | busybox ash | no           | busybox  | no                     | no                 | false
          httpd:2.4                                          | httpd                        | dash        | no           | no       | no                     | no                 | false
          httpd:2.4-alpine                                   | httpd-alpine                 | busybox ash | no           | busybox  | no                     | no                 | false
          postgres:17                                        | postgres                     | dash        | no           | no       | ?                      | no                 | false
          postgres:16-alpine                                 | postgres-alpine              | busybox ash | no           | busybox  | no                     | no                 | false
          redis:7.4                                          | redis                        | dash        | no           | no       | no                     | no                 | false
          redis:7.4-alpine                                   | redis-alpine                 | busybox ash | no           | busybox  | no                     | no                 | false
          redis:latest                                       | redis8                       | dash        | no           | no       | no                     | no                 | false
          redis:8.0-alpine                                   | redis8-alpine                | busybox ash | no           | busybox  | no                     | no                 | false
          openjdk:27-ea-jdk                                  | openjdk                      | dash        | yes          | GNU      | yes?                   | no                 | false
          openjdk:27-ea-slim-trixie                          | openjdk-slim                 | dash        | no           | no       | no                     | no                 | false
          openjdk:27-ea-oraclelinux9                         | openjdk-oraclelinux9         | bash        | yes          | no       | no                     | no                 | false
          registry.access.redhat.com/ubi9/ubi-minimal:9.4    | ubi9-minimal                 | bash        | curl-minimal | no       | no                     | no                 | false
          registry.access.redhat.com/ubi8/ubi-minimal        | ubi8-minimal                 | bash        | yes?         | no       | no                     | no                 | false
          registry.redhat.io/ubi9/ubi:latest                 | ubi9                         | bash        | curl-minimal | no       | yes?                   | no                 | false
          registry.access.redhat.com/ubi9/ubi-micro          | ubi-micro                    | bash?       | no           | no       | no                     | no                 | false
          registry.redhat.io/ubi8/ubi-micro:8.10             | ubi-micro                    | bash?       | no           | no       | no                     | no                 | false
          mcr.microsoft.com/dotnet/aspnet:8.0                | dotnet                       | dash        | no           | no       | no                     | no                 | false
          mcr.microsoft.com/dotnet/aspnet:10.0-noble         | dotnet                       | dash        | no           | no       | no                     | no                 | false
          mcr.microsoft.com/dotnet/aspnet:8.0-alpine         | dotnet-alpine                | busybox ash | no           | busybox  | no                     | no                 | false
          mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled | dotnet-chiseled              | no          | no           | no       | no                     | no                 | false
          mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra | dotnet-chiseled      | no          | no           | no       | no                     | no                 | false
          mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless | dotnet-azurelinux-distroless | no? | no?        | no?      | no?                    | no?                | false
          debian:bullseye                                     | debian                       | dash        | no           | no       | no                     | no                  | false
          node:22-bullseye-slim                               | node-slim                    | dash        | no           | no       | no                     | /usr/local/bin/node | false
          node:20-bullseye                                    | node                         | dash        | yes          | GNU      | yes?                   | /usr/local/bin/node | false
          python:3.12-slim-bullseye                           | python-slim                  | dash        | no           | no       | /usr/local/bin/python3 | no                  | false
          python:3.11-bullseye                                | python                       | dash        | yes          | GNU      | /usr/local/bin/python3 | no                  | false
          golang:1.22-bullseye                                | golang                       | dash        | yes          | GNU      | yes?                   | no                  | false
          ubuntu:26.04                                        | ubuntu-26.04                 | dash?       | no?          | no?      | no?                    | no?                 | false
          ubuntu:latest                                       | ubuntu-26.04                 | dash?       | no?          | no?      | no?                    | no?                 | false
          amazonlinux:2023-minimal                            | amazonlinux-2023-minimal     | bash?       | curl-minimal? | no?      | no?                    | no?                 | false
          public.ecr.aws/amazonlinux/amazonlinux:2023.6.20241212.0-minimal | amazonlinux-2023-minimal     | bash?       | curl-minimal? | no?      | no?                    | no?                 | false
          public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4 | aws-for-fluent-bit           | bash?       | yes?         | no?      | ?                      | no?                 | false
          gcr.io/distroless/java21                            | distroless-java              | no          | no           | no       | no                     | no                  | false
          gcr.io/distroless/java25:debug                      | distroless-java-debug        | no          | no           | busybox  | no                     | no                  | false
          gcr.io/distroless/nodejs24:nonroot                  | distroless-nodejs            | no          | no           | no       | no                     | /nodejs/bin/node    | false
          redhat/ubi9-minimal                                 | ubi9-minimal                 | bash        | curl-minimal | no       | no                     | no                  | false
          redhat/ubi10-minimal:latest                         | ubi10-minimal                | bash?       | curl-minimal? | no?      | no?                    | no?                 | false
          eclipse-temurin:25-jre-ubi10-minimal                | eclipse-temurin-ubi10-minimal | bash?       | ?            | GNU      | no?                    | no?                 | false
          tomcat:10.1-jdk21-temurin-noble                     | tomcat-temurin               | dash        | yes          | GNU?     | no                     | no                  | false
          tomcat:11.0.6-jre17-temurin                         | tomcat-temurin               | dash        | yes          | GNU?     | no                     | no                  | false
          tomcat:11.0-jdk25-temurin-noble                     | tomcat-temurin-25            | dash        | no           | no       | no                     | no                  | false
          openjdk:17-jdk-slim-bullseye                        | openjdk-legacy-slim          | dash?       | no?          | no?      | no?                    | no?                 | false
          openjdk:11                                          | openjdk-legacy               | dash?       | yes?         | GNU?     | ?                      | no?                 | false
          openjdk:8-jre                                       | openjdk-legacy               | dash?       | yes?         | GNU?     | ?                      | no?                 | false
          mcr.microsoft.com/dotnet/aspnet:9.0                 | dotnet                       | dash        | no           | no       | no                     | no                  | false
          mcr.microsoft.com/dotnet/sdk:8.0                    | dotnet-sdk                   | dash?       | yes?         | GNU?     | no?                    | no?                 | false
          public.ecr.aws/lambda/python:3.12                  | lambda-python                | bash        | curl-minimal | no       | yes                    | no                 | false
          paketobuildpacks/ubuntu-noble-run-tiny             | paketo-tiny                  | no          | no           | no       | no                     | no                 | false
          paketobuildpacks/run-jammy-tiny:latest             | paketo-tiny                  | no          | no           | no       | no                     | no                 | false
          paketobuildpacks/run-jammy-base                    | paketo-jammy-base            | dash        | no           | no       | no                     | no                 | false
          paketobuildpacks/run-jammy-full                    | paketo-jammy-full            | yes         | yes          | GNU      | yes                    | no                 | false
          paketobuildpacks/run:base-cnb                      | paketo-base-cnb              | yes         | ?            | ?        | no                     | no                 | false
          """)
  void lookup_familyFacts(
      String reference, String row, String sh, String curl, String wget, String python3, String node, boolean exhaustive) {
    // GIVEN
    ImageName name = ImageName.parse(reference);

    // WHEN
    CatalogMatch match = catalog.lookup(name).orElseThrow(() -> new AssertionError("no row for " + reference));
    ImageProfile profile = match.profile();

    // THEN
    assertEquals(row, match.rowId());
    assertFact(sh, profile.shell(), reference);
    assertFact(curl, profile.executables().get("curl"), reference);
    assertFact(wget, profile.executables().get("wget"), reference);
    assertFact(python3, profile.executables().get("python3"), reference);
    assertFact(node, profile.executables().get("node"), reference);
    assertEquals(exhaustive, profile.exhaustive(), reference + " exhaustive");
    assertTrue(profile.isKnown());
  }

  private static void assertFact(String expected, Fact fact, String reference) {
    String label = reference + " " + (fact == null ? "?" : fact.name()) + " expected " + expected + " got " + fact;
    assertTrue(fact != null, label);
    boolean likely = expected.endsWith("?") && expected.length() > 1;
    String value = likely ? expected.substring(0, expected.length() - 1) : expected;
    if (value.equals("?")) {
      assertEquals(Presence.UNKNOWN, fact.presence(), label);
      return;
    }
    assertEquals(likely ? Certainty.LIKELY : Certainty.CERTAIN, fact.certainty(), label);
    switch (value) {
      case "no" -> assertEquals(Presence.ABSENT, fact.presence(), label);
      case "yes" -> assertEquals(Presence.PRESENT, fact.presence(), label);
      default -> {
        assertEquals(Presence.PRESENT, fact.presence(), label);
        if (value.startsWith("/")) {
          assertEquals(value, fact.path(), label);
        } else {
          assertEquals(value, fact.variant(), label);
        }
      }
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "ghcr.io/acme/app:1.0",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1",
        "ubuntu:20.04",
        "python:3.12-windowsservercore-ltsc2022",
        "golang:1.22-nanoserver-ltsc2022",
        "eclipse-temurin:21-jre-windowsservercore-ltsc2022",
        "cgr.dev/chainguard/python:3.12",
        "cgr.dev/chainguard/git:latest",
        "nginx:1.27-bookworm",
        "tomcat:10.1",
        "tomcat:10.1-jdk21-corretto",
        "public.ecr.aws/aws-observability/aws-for-fluent-bit:latest",
        "gcr.io/distroless/static-debian12:weird",
        "library/alpine-custom:3.20",
      })
  void lookup_unknownImage_isEmpty(String reference) {
    assertTrue(catalog.lookup(ImageName.parse(reference)).isEmpty(), reference);
    assertTrue(catalog.profile(ImageName.parse(reference)).isEmpty(), reference);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "alpine, alpine",
    "busybox, busybox",
    "cgr.dev/chainguard/wolfi-base, wolfi-base",
    "registry.access.redhat.com/ubi9/ubi-minimal, ubi9-minimal",
    "paketobuildpacks/run-jammy-tiny, paketo-tiny",
  })
  void lookup_digestOnly_matchesRowsThatHoldForEveryTag(String repository, String row) {
    ImageName name = ImageName.parse(repository + DIGEST);

    assertNull(name.tag());
    assertEquals(row, catalog.lookup(name).orElseThrow().rowId());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "nginx", "node", "python", "golang", "gcr.io/distroless/static-debian12", "cgr.dev/chainguard/static",
        "mcr.microsoft.com/dotnet/aspnet", "debian", "redis",
      })
  void lookup_digestOnly_isUnknownWhenTheFactsDependOnTheTag(String repository) {
    assertTrue(catalog.lookup(ImageName.parse(repository + DIGEST)).isEmpty(), repository);
  }

  @Test
  void lookup_tagAndDigest_usesTheTag() {
    CatalogMatch match = catalog.lookup(ImageName.parse("node:20-slim" + DIGEST)).orElseThrow();

    assertEquals("node-slim", match.rowId());
  }

  @Test
  void everyRow_hasASource_andTheProfileCitesIt() {
    for (CatalogRow row : catalog.rows()) {
      assertFalse(row.sources().isEmpty(), row.id());
      row.sources().forEach(s -> assertFalse(s.isBlank(), row.id()));
      assertFalse(row.sources().stream().anyMatch(s -> s.contains("base-images.md") && !s.contains("@")), row.id());
    }
    ImageProfile profile = catalog.profile(ImageName.parse("node:20-slim")).orElseThrow();
    Evidence first = profile.provenance().get(0);
    assertEquals("catalog 'node-slim'", first.where());
    // The message names the row and its verified range; the commits stay in the evidence's sources.
    assertEquals("verified for 10.18.1 to 10.x, 12.14.1 to 12.x, 13.6.0 to 13.x, 14 and later as of mid-2026", first.what());
    assertTrue(first.sources().contains("nodejs/docker-node@f27d936f:22/bookworm-slim/Dockerfile:19,48-56,66-96"), first.sources().toString());
    Fact curl = profile.executables().get("curl");
    assertEquals(first, curl.evidence().get(0));
    assertTrue(curl.evidence().stream().anyMatch(e -> e.what().contains("purged")), curl.toString());
  }

  @Test
  void rows_atLeastFortyWithUniqueIds() {
    List<String> ids = catalog.rowIds();
    assertTrue(ids.size() >= 40, "rows: " + ids.size());
    assertEquals(ids.size(), new HashSet<>(ids).size());
  }

  @Test
  void firstMatchWins_forAlpineVariants() {
    ImageProfile alpine = catalog.profile(ImageName.parse("nginx:alpine")).orElseThrow();
    ImageProfile slim = catalog.profile(ImageName.parse("nginx:alpine-slim")).orElseThrow();
    ImageProfile versionedSlim = catalog.profile(ImageName.parse("nginx:1.27.3-alpine3.20-slim")).orElseThrow();

    assertTrue(alpine.executable("curl").isPresent());
    assertTrue(slim.executable("curl").isCertainlyAbsent());
    assertTrue(versionedSlim.executable("curl").isCertainlyAbsent());
    List<String> ids = catalog.rowIds();
    assertTrue(ids.indexOf("nginx-alpine-slim") < ids.indexOf("nginx-alpine"));
    assertTrue(ids.indexOf("node-slim") < ids.indexOf("node"));
    assertTrue(ids.indexOf("distroless-static-debug") < ids.indexOf("distroless-static"));
  }

  @Test
  void distrolessDebug_hasNoBinShButBusyboxWgetOnPath() {
    ImageProfile profile = catalog.profile(ImageName.parse("gcr.io/distroless/static-debian12:debug")).orElseThrow();

    assertTrue(profile.shell().isCertainlyAbsent());
    assertTrue(profile.executable("/bin/sh").isCertainlyAbsent());
    assertTrue(profile.path().contains("/busybox"));
    Fact wget = profile.executable("wget");
    assertTrue(wget.isPresent());
    assertEquals("/busybox/wget", wget.path());
    assertEquals("busybox", wget.variant());
    assertTrue(profile.executable("/busybox/wget").isPresent());
    Fact sh = profile.executable("sh");
    assertTrue(sh.isPresent());
    assertEquals("/busybox/sh", sh.path());
    assertTrue(profile.executable("curl").isCertainlyAbsent());
    assertEquals("0", profile.user());
  }

  @Test
  void distrolessNodejs_nodeIsOnlyReachableByItsFullPath() {
    ImageProfile profile = catalog.profile(ImageName.parse("gcr.io/distroless/nodejs22-debian12:nonroot")).orElseThrow();

    assertTrue(profile.executable("node").isAbsent());
    assertTrue(profile.executable("/nodejs/bin/node").isPresent());
    assertEquals("65532", profile.user());
  }

  @Test
  void exhaustiveImages_lackEveryUnlistedExecutable() {
    ImageProfile scratch = catalog.profile(ImageName.parse("scratch")).orElseThrow();
    ImageProfile koBase = catalog.profile(BuildToolDefaults.ko()).orElseThrow();

    assertTrue(scratch.executable("grpc_health_probe").isCertainlyAbsent());
    assertTrue(koBase.executable("/usr/bin/curl").isCertainlyAbsent());
    assertEquals("65532", koBase.user());
  }

  @Test
  void nonExhaustiveImages_leaveUnlistedExecutablesUnknown() {
    ImageProfile profile = catalog.profile(ImageName.parse("gcr.io/distroless/java21-debian12")).orElseThrow();

    assertEquals(Presence.UNKNOWN, profile.executable("keytool").presence());
  }

  @Test
  void binSh_isAlsoTheShOnPath_unlessTheRowSaysOtherwise() {
    ImageProfile alpine = catalog.profile(ImageName.parse("alpine:3.20")).orElseThrow();

    assertEquals("/bin/sh", alpine.shell().path());
    assertEquals("sh", alpine.shell().name());
    assertEquals("/bin/sh", alpine.executable("sh").path());
    assertEquals("busybox ash", alpine.executable("sh").variant());
  }

  @Test
  void ecrPublicMirror_resolvesToDockerHub_butOnlyLikely() {
    ImageName name = ImageName.parse("public.ecr.aws/docker/library/node:20-slim");

    CatalogMatch match = catalog.lookup(name).orElseThrow();
    ImageProfile profile = match.profile();

    assertEquals("node-slim", match.rowId());
    assertEquals("public.ecr.aws/docker/library/node:20-slim", profile.image());
    assertEquals("catalog 'node-slim'", profile.provenance().get(0).where());
    assertEquals("via mirror public.ecr.aws/docker/library", profile.provenance().get(1).where());
    assertTrue(profile.provenance().get(1).what().contains("assumed"));
    Fact curl = profile.executable("curl");
    assertEquals(Presence.ABSENT, curl.presence());
    assertEquals(Certainty.LIKELY, curl.certainty());
    assertFalse(curl.isCertainlyAbsent());
    assertTrue(curl.evidence().stream().anyMatch(e -> e.where().startsWith("via mirror")));
    assertEquals(Certainty.LIKELY, profile.shell().certainty());
  }

  @Test
  void googleMirror_resolvesToDockerHub_andKeepsCertainty() {
    ImageProfile profile = catalog.profile(ImageName.parse("mirror.gcr.io/library/alpine:3.20")).orElseThrow();

    assertEquals("via mirror mirror.gcr.io", profile.provenance().get(1).where());
    assertTrue(profile.executable("curl").isCertainlyAbsent());
  }

  @Test
  void likelyRow_makesEveryFactLikely() {
    ImageProfile profile = catalog.profile(ImageName.parse("gcr.io/distroless/java:11-debug")).orElseThrow();

    assertTrue(profile.executables().values().stream().allMatch(f -> f.certainty() == Certainty.LIKELY));
    assertTrue(profile.provenance().stream().anyMatch(e -> e.what().contains("every fact is only likely")));
  }

  @Test
  void redis8_isConfirmedByThe8xDockerfiles() {
    // catalog-audit.md row redis8: redis/docker-library-redis@0076c90a:debian/Dockerfile purges
    // curl, wget, bash and python3, so "likely" was dropped.
    ImageProfile profile = catalog.profile(ImageName.parse("redis:8.2")).orElseThrow();

    assertTrue(profile.executable("curl").isCertainlyAbsent());
    assertTrue(profile.executable("redis-cli").isPresent());
  }

  @Test
  void unknownFact_isStatedWithItsReason() {
    Fact python3 = catalog.profile(ImageName.parse("postgres:17")).orElseThrow().executables().get("python3");

    assertEquals(Presence.UNKNOWN, python3.presence());
    assertTrue(python3.evidence().stream().anyMatch(e -> e.what().contains("unconfirmed")));
  }

  @Test
  void userByTag_followsTheNonrootTags() {
    assertEquals("0", catalog.profile(ImageName.parse("gcr.io/distroless/base-debian12:latest")).orElseThrow().user());
    assertEquals(
        "65532", catalog.profile(ImageName.parse("gcr.io/distroless/base-debian12:nonroot-amd64")).orElseThrow().user());
    assertEquals("1654", catalog.profile(ImageName.parse("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled")).orElseThrow().user());
  }

  @Test
  void paths_comeFromTheRow() {
    ImageProfile temurin = catalog.profile(ImageName.parse("eclipse-temurin:21-jre")).orElseThrow();
    ImageProfile alpine = catalog.profile(ImageName.parse("alpine")).orElseThrow();
    ImageProfile postgres = catalog.profile(ImageName.parse("postgres:17")).orElseThrow();

    assertEquals("/opt/java/openjdk/bin", temurin.path().get(0));
    assertEquals(ImageProfile.DEFAULT_PATH, alpine.path());
    assertTrue(postgres.path().isEmpty(), "postgres PATH depends on the major version, so it is unknown");
  }

  @Test
  void fixHints_pointToAVariantThatCanRunACheck() {
    assertTrue(catalog.lookup(BuildToolDefaults.ko()).orElseThrow().fix().orElseThrow().contains(":latest-dev"));
    assertTrue(
        catalog.lookup(ImageName.parse("gcr.io/distroless/static-debian12")).orElseThrow().fixHint().contains(":debug"));
    assertTrue(
        catalog.lookup(ImageName.parse("gcr.io/distroless/static-debian12:debug")).orElseThrow().fixHint().contains("/busybox/wget"));
    assertTrue(catalog.lookup(ImageName.parse("golang:1.22")).orElseThrow().fix().isEmpty());
  }

  @ParameterizedTest(name = "[{index}] Java {0} -> {1}")
  @CsvSource({
    "8, eclipse-temurin:8-jre, eclipse-temurin, true",
    "11, eclipse-temurin:11-jre, eclipse-temurin, true",
    "17, eclipse-temurin:17-jre, eclipse-temurin, true",
    "21, eclipse-temurin:21-jre, eclipse-temurin, true",
    // catalog-audit.md row eclipse-temurin: Jib's base for Java 22-25 is 25-jre, which has no curl
    // (adoptium/containers@d8d18d67:25/jre/ubuntu/noble/Dockerfile:30-41).
    "22, eclipse-temurin:25-jre, eclipse-temurin-25, false",
  })
  void jibDefault_isEclipseTemurinJre_withShell(int java, String base, String row, boolean curl) {
    ImageName name = BuildToolDefaults.jib(java);

    CatalogMatch match = catalog.lookup(name).orElseThrow();

    assertEquals(base, name.familiar());
    assertEquals(row, match.rowId());
    assertTrue(match.profile().shell().isPresent());
    assertEquals(curl, match.profile().executable("curl").isPresent());
    assertEquals(!curl, match.profile().executable("curl").isCertainlyAbsent());
  }

  @Test
  void koDefault_isChainguardStatic_withoutShell() {
    CatalogMatch match = catalog.lookup(BuildToolDefaults.ko()).orElseThrow();

    assertEquals("chainguard-static", match.rowId());
    assertTrue(match.profile().shell().isCertainlyAbsent());
  }

  @Test
  void researchFamilies_eachHaveARow() {
    Set<String> ids = new HashSet<>(catalog.rowIds());
    for (String id :
        List.of(
            "alpine", "busybox", "debian", "debian-slim", "ubuntu", "amazonlinux-2", "amazonlinux-2023",
            "distroless-static", "distroless-base", "distroless-cc", "distroless-java", "distroless-nodejs",
            "distroless-python3", "distroless-static-debug", "scratch", "chainguard-static", "wolfi-base",
            "chainguard-python", "chainguard-node", "chainguard-dev", "golang", "golang-alpine", "node", "node-slim",
            "node-alpine", "python", "python-slim", "python-alpine", "eclipse-temurin", "eclipse-temurin-alpine",
            "eclipse-temurin-ubi9-minimal", "amazoncorretto", "amazoncorretto-al2", "amazoncorretto-alpine", "nginx",
            "nginx-alpine", "nginx-alpine-slim", "httpd", "httpd-alpine", "postgres", "postgres-alpine", "redis",
            "redis-alpine", "openjdk", "openjdk-slim", "openjdk-oraclelinux9", "ubi9-minimal", "ubi8-minimal", "ubi9",
            "ubi-micro", "dotnet", "dotnet-alpine", "dotnet-chiseled", "dotnet-azurelinux-distroless", "lambda-python",
            "paketo-tiny", "paketo-jammy-base", "paketo-jammy-full", "paketo-base-cnb")) {
      assertTrue(ids.contains(id), id);
    }
  }
}
