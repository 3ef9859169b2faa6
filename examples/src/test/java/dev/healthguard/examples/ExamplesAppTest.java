package dev.healthguard.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

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

  @Test
  void inFixModeTheAlpineStoryIsRepairedWithBusyboxWget() {
    Annotations fixed = Annotations.fromStack(stack("AlpineCurlFixMode"));
    fixed.hasNoError("*", Match.anyValue());
    fixed.hasInfo("/AlpineCurlFixMode/Task/app", Match.stringLikeRegexp(".*fixed \\(HG002\\): set the health check to \\[\"CMD\", \"wget\".*"));
  }

  @Test
  void inFixModeTheKoStoriesGetTheProbe() {
    for (String name : List.of("KoStaticFixMode", "KoEcrFixMode")) {
      Annotations fixed = Annotations.fromStack(stack(name));
      fixed.hasNoError("*", Match.anyValue());
      fixed.hasInfo("/" + name + "/Task/app", Match.stringLikeRegexp(".*fixed \\(HG001\\): .*init container.*"));
      Template.fromStack(stack(name)).hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
          "ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of(
              "Name", "app",
              "HealthCheck", Match.objectLike(Map.of(
                  "Command", List.of("CMD", "/healthguard/probe", "http", "http://localhost:8080/")))))))));
    }
  }

  @Test
  void theL3ConstructDerivesEveryHealthCheckFromOneEndpoint() {
    Template template = Template.fromStack(stack("GuardedService"));
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("HealthCheckPath", "/healthz"));
    template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
        "ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "HealthCheck", Match.objectLike(Map.of(
                "Command", List.of("CMD", "/healthguard/probe", "http", "http://127.0.0.1:8080/healthz")))))))));
    Annotations.fromStack(stack("GuardedService")).hasNoError("*", Match.anyValue());
    Annotations.fromStack(stack("GuardedService")).hasNoWarning("*", Match.anyValue());
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
