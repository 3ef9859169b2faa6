package dev.healthguard.examples;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** Every example stack, synthesized once as the CDK CLI would (asset metadata on). */
class ExamplesAppTest {

  @TempDir static Path out;
  static App app;

  @BeforeAll
  static void synthesize() {
    app = App.Builder.create()
        .context(Map.of("aws:cdk:enable-asset-metadata", true))
        .outdir(out.toString())
        .build();
    ExamplesApp.build(app);
    app.synth();
  }

  @Test
  void koOnChainguardStaticWithCmdShellFails() {
    Annotations.fromStack(stack("KoStaticBroken")).hasError("/KoStaticBroken/Task/app",
        Match.stringLikeRegexp("^\\[HG001\\] .*no /bin/sh.*Dockerfile:\\d+ FROM cgr.dev/chainguard/static:latest.*"));
  }

  @Test
  void koOnChainguardStaticWithAProbeBinaryPasses() {
    clean("KoStaticFixed");
  }

  @Test
  void curlOnTheAlpineFinalStageFails() {
    Annotations.fromStack(stack("AlpineCurlBroken")).hasError("/AlpineCurlBroken/Task/app",
        Match.stringLikeRegexp("^\\[HG002\\] .*curl.*Dockerfile:8 FROM golang:1.19.2-alpine.*Fix: .*wget.*"));
  }

  @Test
  void installingCurlInTheFinalStagePasses() {
    clean("AlpineCurlFixed");
  }

  @Test
  void busyboxWgetInExecFormPasses() {
    clean("AlpineWgetFixed");
  }

  @Test
  void koInEcrFailsOfflineFromTheCommittedLookupCache() {
    Annotations.fromStack(stack("KoEcrBroken")).hasError("/KoEcrBroken/Task/app",
        Match.stringLikeRegexp("^\\[HG001\\] .*ECR payments/api:v1.*layer listing healthguard.context.json: .*"));
  }

  @Test
  void koInEcrWithItsOwnHealthModePasses() {
    clean("KoEcrFixed");
  }

  private static void clean(String name) {
    Annotations annotations = Annotations.fromStack(stack(name));
    annotations.hasNoError("*", Match.anyValue());
    annotations.hasNoWarning("*", Match.anyValue());
  }

  private static Stack stack(String name) {
    return (Stack) app.getNode().findChild(name);
  }
}
