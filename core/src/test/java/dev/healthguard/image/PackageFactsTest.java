package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageFactsTest {

  @ParameterizedTest(name = "[{index}] {0} {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # manager | package             | executable     | path                  | variant
          apk       | curl                | curl           | /usr/bin/curl         | -
          apk       | wget                | wget           | /usr/bin/wget         | GNU
          apk       | busybox             | busybox        | /bin/busybox          | -
          apk       | busybox             | wget           | /usr/bin/wget         | busybox
          apk       | busybox             | nc             | /usr/bin/nc           | busybox
          apk       | busybox-binsh       | sh             | /bin/sh               | busybox ash
          apk       | busybox-extras      | busybox-extras | /bin/busybox-extras   | -
          apk       | netcat-openbsd      | nc             | /usr/bin/nc           | openbsd
          apk       | python3             | python3        | /usr/bin/python3      | -
          apk       | nodejs              | node           | /usr/bin/node         | -
          apk       | bash                | bash           | /bin/bash             | -
          apk       | redis               | redis-cli      | /usr/bin/redis-cli    | -
          apk       | postgresql-client   | pg_isready     | -                     | -
          apk       | curl=8.9.1-r0       | curl           | /usr/bin/curl         | -
          apk       | curl@edge           | curl           | /usr/bin/curl         | -
          apt       | curl                | curl           | /usr/bin/curl         | -
          apt-get   | wget                | wget           | /usr/bin/wget         | GNU
          apt       | netcat-openbsd      | nc             | /usr/bin/nc           | openbsd
          apt       | netcat-traditional  | nc             | /usr/bin/nc           | traditional
          apt       | ncat                | ncat           | /usr/bin/ncat         | ncat
          apt       | python3-minimal     | python3        | /usr/bin/python3      | -
          apt       | nodejs              | node           | /usr/bin/node         | -
          apt       | procps              | pgrep          | /usr/bin/pgrep        | -
          apt       | postgresql-client   | pg_isready     | /usr/bin/pg_isready   | -
          apt       | redis-tools         | redis-cli      | /usr/bin/redis-cli    | -
          apt       | curl=7.88.1-10+deb12u7 | curl        | /usr/bin/curl         | -
          apt       | curl:amd64          | curl           | /usr/bin/curl         | -
          dnf       | curl-minimal        | curl           | /usr/bin/curl         | curl-minimal
          yum       | curl                | curl           | /usr/bin/curl         | -
          microdnf  | nmap-ncat           | nc             | /usr/bin/nc           | ncat
          dnf       | wget                | wget           | /usr/bin/wget         | GNU
          dnf       | python3             | python3        | /usr/bin/python3      | -
          dnf       | procps-ng           | ps             | /usr/bin/ps           | -
          wolfi     | wget                | wget           | -                     | GNU
          wolfi     | grpc-health-probe   | grpc_health_probe | /usr/bin/grpc_health_probe | -
          """)
  void executables_knownPackages(String manager, String pkg, String name, String path, String variant) {
    List<PackageExecutable> executables = PackageFacts.executables(manager, pkg);

    PackageExecutable exe =
        executables.stream()
            .filter(e -> e.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(manager + " " + pkg + " has no " + name + ": " + executables));
    assertEquals(path, exe.path());
    assertEquals(variant, exe.variant());
    assertFalse(exe.source().isBlank());
    assertTrue(PackageFacts.knows(manager, pkg));
  }

  @Test
  void debianBusybox_installsNoAppletLinks() {
    Map<String, PackageExecutable> byName =
        PackageFacts.executables("apt", "busybox").stream().collect(Collectors.toMap(PackageExecutable::name, e -> e));

    assertEquals(List.of("busybox"), List.copyOf(byName.keySet()));
  }

  @Test
  void wolfiBusybox_hasNoWgetOrNc() {
    List<String> names = PackageFacts.executables("wolfi", "busybox").stream().map(PackageExecutable::name).toList();

    assertTrue(names.contains("busybox"));
    assertFalse(names.contains("wget"));
    assertFalse(names.contains("nc"));
  }

  @Test
  void unknownPackageOrManager_isEmptyNotNothing() {
    assertTrue(PackageFacts.executables("apk", "left-pad").isEmpty());
    assertFalse(PackageFacts.knows("apk", "left-pad"));
    assertTrue(PackageFacts.executables("pacman", "curl").isEmpty());
    assertTrue(PackageFacts.executables(null, "curl").isEmpty());
    assertTrue(PackageFacts.executables("apk", null).isEmpty());
  }

  @Test
  void dnfSpecs_areNotStripped() {
    // "curl-minimal" must not read as package "curl" at version "minimal".
    assertEquals("curl-minimal", PackageFacts.normalize("dnf", "curl-minimal"));
    assertEquals("curl", PackageFacts.normalize("apk", "curl~8.9"));
    assertEquals("curl", PackageFacts.normalize("apt", "curl/bookworm-backports"));
  }

  @Test
  void managers_includeAliases() {
    assertEquals(
        List.of("apk", "apt", "apt-get", "dnf", "microdnf", "wolfi", "yum"), List.copyOf(PackageFacts.managers()));
  }
}
