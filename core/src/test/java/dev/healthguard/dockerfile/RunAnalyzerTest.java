package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What RUN instructions do to packages, summarised as "+mgr a,b", "-mgr a" and "? text". */
class RunAnalyzerTest {

  private static ImageRecipe recipe(String body) {
    return DockerfileEvaluator.evaluate("FROM base\n" + body, "Dockerfile", BuildOptions.DEFAULT);
  }

  private static List<String> summary(String body) {
    return recipe(body).steps().stream().map(RunAnalyzerTest::summarise).toList();
  }

  private static String summarise(Step step) {
    if (step instanceof Step.PackagesAdded a) {
      return "+" + a.manager() + " " + String.join(",", a.packages());
    }
    if (step instanceof Step.PackagesRemoved r) {
      return "-" + r.manager() + " " + String.join(",", r.packages());
    }
    if (step instanceof Step.OpaqueRun o) {
      return "? " + o.command();
    }
    return "files " + ((Step.FilesAdded) step).paths();
  }

  @Test
  void apkAddStripsVersionPinsAndFlags() {
    assertEquals(List.of("+apk curl,jq,bash,openssl"),
        summary("RUN apk --no-cache --update add -q curl=8.5.0-r0 jq>1.6 bash~5.2 openssl@edge\n"));
    assertEquals(List.of("+apk tini"), summary("RUN apk add -U --repository=https://x/edge tini\n"));
    assertEquals(List.of("+apk ca-certificates"), summary("RUN apk add -X https://x/main ca-certificates\n"));
  }

  @Test
  void apkVirtualGroupWithShortFlagIsRemovedAsAGroup() {
    assertEquals(List.of("+apk make,gcc", "? make", "-apk make,gcc"),
        summary("RUN apk add -t .deps make gcc && make && apk del .deps\n"));
  }

  @Test
  void apkGroupRemovalKeepsPackagesTheWorldAsksFor() {
    assertEquals(List.of("+apk curl", "+apk curl,gcc", "-apk gcc"),
        summary("RUN apk add curl\nRUN apk add --virtual=.deps curl gcc\nRUN apk del .deps\n"));
  }

  @Test
  void apkDelOfAPackageAGroupStillNeedsRemovesNothing() {
    ImageRecipe recipe = recipe("RUN apk add --virtual .deps curl\nRUN apk del curl\n");

    assertEquals(List.of("+apk curl", "? apk del curl"),
        recipe.steps().stream().map(RunAnalyzerTest::summarise).toList());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains(".deps still needs it")));
  }

  @Test
  void apkIntoAnotherRootIsNotThisImage() {
    ImageRecipe recipe = recipe("RUN apk add --root /rootfs --initdb busybox\n");

    assertEquals(List.of("? apk add --root /rootfs --initdb busybox"), recipe.steps().stream().map(RunAnalyzerTest::summarise).toList());
    assertTrue(recipe.warnings().get(0).contains("another root (/rootfs)"));
  }

  @Test
  void aptGetInstallWithPrefixesAndOptions() {
    assertEquals(List.of("? apt-get update", "+apt curl,ca-certificates"),
        summary("RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -yqq --no-install-recommends "
            + "-o Dpkg::Options::=--force-confold curl=7.88.1-10+deb12u5 ca-certificates/bookworm\n"));
    assertEquals(List.of("+apt wget"), summary("RUN sudo -E -u root apt-get -y install wget\n"));
    assertEquals(List.of("+apt wget"), summary("RUN env DEBIAN_FRONTEND=noninteractive apt install -y wget\n"));
    assertEquals(List.of("+apt htop"), summary("RUN aptitude install -y htop\n"));
    assertEquals(List.of("+apt git"), summary("RUN /usr/bin/apt-get install -y -t bookworm-backports git\n"));
  }

  @Test
  void aptGetRemoveAndPurge() {
    assertEquals(List.of("+apt curl,wget", "-apt wget", "-apt curl"),
        summary("RUN apt-get install -y curl wget; apt-get remove -y wget; apt-get purge --auto-remove -y curl\n"));
  }

  @Test
  void aptMarkAutoThenAutoremoveRemovesTheNamedPackages() {
    assertEquals(List.of("+apt build-essential", "? apt-mark auto build-essential", "-apt build-essential"),
        summary("RUN apt-get install -y build-essential && apt-mark auto build-essential && apt-get autoremove -y\n"));
  }

  @Test
  void aptMarkManualKeepsAPackage() {
    assertEquals(List.of("+apt curl", "? apt-mark auto curl && apt-mark manual curl && apt-get autoremove -y"),
        summary("RUN apt-get install -y curl && apt-mark auto curl && apt-mark manual curl && apt-get autoremove -y\n"));
  }

  @Test
  void dnfYumAndMicrodnf() {
    assertEquals(List.of("+dnf python3,procps-ng", "? dnf clean all"),
        summary("RUN dnf install -y --setopt=install_weak_deps=False --nodocs python3 procps-ng && dnf clean all\n"));
    assertEquals(List.of("+yum curl", "-yum wget"),
        summary("RUN yum -y --setopt tsflags=nodocs install curl && yum erase -y wget\n"));
    assertEquals(List.of("+microdnf shadow-utils"),
        summary("RUN microdnf install -y --nodocs --setopt=install_weak_deps=0 shadow-utils\n"));
    assertEquals(List.of("-dnf curl-minimal"), summary("RUN dnf remove -y curl-minimal\n"));
  }

  @Test
  void dnfIntoAnInstallRootIsNotThisImage() {
    assertEquals(List.of("? dnf --installroot /mnt/rootfs install -y coreutils-single"),
        summary("RUN dnf --installroot /mnt/rootfs install -y coreutils-single\n"));
  }

  @Test
  void groupingSubshellsAndConditionalsAreSplit() {
    assertEquals(List.of("? cd /tmp", "+apk curl", "? true", "+apk jq"),
        summary("RUN (cd /tmp && apk add curl) || true; { apk add jq; }\n"));
  }

  @Test
  void installsInsideABranchCountWithAWarningButRemovalsDoNot() {
    ImageRecipe recipe = recipe(
        "RUN if [ \"$(uname -m)\" = x86_64 ]; then apk add curl; else apk del wget; fi\n");

    // Opaque runs hold simple commands as the shell reader sees them: `if` and `else` are syntax.
    assertEquals(List.of("? [ \"$(uname -m)\" = x86_64 ]", "+apk curl", "? apk del wget"),
        recipe.steps().stream().map(RunAnalyzerTest::summarise).toList());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("counted as installed")));
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("not counted")));
  }

  @Test
  void caseBranchesAreConditionalAndPatternsAreNotCommands() {
    String body = """
        RUN <<EOF
        case "$(uname -m)" in
          x86_64|amd64) apk add curl ;;
          *) echo unsupported ;;
        esac
        EOF
        """;

    assertEquals(List.of("+apk curl", "? echo unsupported"), summary(body));
  }

  @Test
  void variablesFromArgEnvAndTheScriptExpandInPackageLists() {
    String body = """
        ARG EXTRA="jq yq"
        ENV RUNTIME_DEPS=tini
        RUN BUILD_DEPS="gcc make" && apk add $BUILD_DEPS $RUNTIME_DEPS ${EXTRA} "${OPTIONAL:-}"
        """;

    assertEquals(List.of("? BUILD_DEPS=\"gcc make\"", "+apk gcc,make,tini,jq,yq"), summary(body));
  }

  @Test
  void anUnknownVariableInAPackageListIsLeftOutWithAWarning() {
    ImageRecipe recipe = recipe("RUN apk add curl $PHPIZE_DEPS $(cat /deps.txt)\n");

    assertEquals(List.of("+apk curl"), recipe.steps().stream().map(RunAnalyzerTest::summarise).toList());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("$PHPIZE_DEPS")), recipe.warnings().toString());
    assertTrue(recipe.warnings().stream().anyMatch(w -> w.contains("$(cat /deps.txt) has no value")),
        recipe.warnings().toString());
  }

  @Test
  void execFormPackageManagerAndShellAreRead() {
    assertEquals(List.of("+apk curl"), summary("RUN [\"apk\", \"add\", \"--no-cache\", \"curl\"]\n"));
    assertEquals(List.of("+apk curl", "? rm -rf /var/cache/apk/*"),
        summary("RUN [\"/bin/sh\", \"-c\", \"apk add curl && rm -rf /var/cache/apk/*\"]\n"));
  }

  @Test
  void opaqueExecFormRunIsAWarning() {
    ImageRecipe recipe = recipe("RUN [\"/app/setup\", \"--fast\"]\n");

    assertEquals(List.of("? /app/setup --fast"), recipe.steps().stream().map(RunAnalyzerTest::summarise).toList());
    assertTrue(recipe.warnings().get(0).contains("exec-form RUN /app/setup --fast is opaque"));
  }

  @Test
  void nestedShellCommandIsRead() {
    assertEquals(List.of("+apt curl"), summary("RUN bash -o pipefail -c 'apt-get install -y curl'\n"));
    assertEquals(List.of("+apk jq"), summary("RUN sh -ec \"apk add jq\"\n"));
    assertEquals(List.of("? sh /tmp/install.sh apk add jq"), summary("RUN sh /tmp/install.sh apk add jq\n"));
  }

  @Test
  void heredocWithAShellCommandReadsTheBodyAndOtherCommandsTreatItAsData() {
    assertEquals(List.of("+apk curl"), summary("RUN bash -eux <<EOF\napk add curl\nEOF\n"));
    assertEquals(List.of("? cat <<EOF > /etc/apk/repositories"),
        summary("RUN cat <<EOF > /etc/apk/repositories\napk add curl\nEOF\n"));
    assertEquals(List.of("? #!/usr/bin/env python3\nprint('apk add curl')"),
        summary("RUN <<EOF\n#!/usr/bin/env python3\nprint('apk add curl')\nEOF\n"));
  }

  @Test
  void heredocsInsideAScriptBodyAreSkipped() {
    String body = "RUN <<EOF\ncat > /etc/motd <<'TXT'\napk add curl\nTXT\napk add jq\nEOF\n";

    assertEquals(List.of("? cat > /etc/motd <<'TXT'", "+apk jq"), summary(body));
  }

  @Test
  void commentsAndLookupsAreNotCalls() {
    assertEquals(List.of("? command -v apk"), summary("RUN command -v apk # apk add curl\n"));
  }

  @Test
  void nonPosixShellRunsAreOpaque() {
    ImageRecipe recipe = recipe("SHELL [\"powershell\", \"-Command\"]\nRUN choco install curl\n");

    assertEquals(List.of("? choco install curl"), recipe.steps().stream().map(RunAnalyzerTest::summarise).toList());
    assertTrue(recipe.warnings().get(0).contains("SHELL [powershell, -Command]"));
  }
}
