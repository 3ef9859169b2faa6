package dev.healthguard;

import dev.healthguard.ecr.RegistryRouter;
import dev.healthguard.fix.ProbeMode;
import dev.healthguard.probe.ProbeImage;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageProfiler;
import dev.healthguard.image.LookupCache;
import dev.healthguard.image.RegistryReader;
import dev.healthguard.image.SourceReader;
import dev.healthguard.layers.Limits;
import java.net.URI;
import java.nio.file.Path;
import dev.healthguard.rules.RuleSettings;
import java.util.Map;
import java.util.Set;
import software.constructs.IConstruct;

/**
 * The guard's options as the builder left them; null means "from context, else the default".
 *
 * @param mode the mode, or null for the context key {@code healthguard:mode}, else enforce
 * @param throwOnErrors whether errors make an in-process synth throw
 * @param lookups whether to look images up in their registries, or null for the context key
 *     {@code healthguard:lookups}
 * @param cacheFile the lookup cache, or null for {@code healthguard.context.json} in the working directory
 * @param ecrEndpoint an endpoint override for ECR, or null for the SDK's default (which honours
 *     {@code AWS_ENDPOINT_URL_ECR})
 * @param insecureRegistries loopback registries reached over plain HTTP (tests)
 * @param probeMode how fix mode brings a probe
 * @param probeImage the probe image fix mode uses, or null for the bundled one
 * @param rules per-rule levels ({@code HG005} to {@code off}, {@code error}, {@code warning} or
 *     {@code info}), or null for the context key {@code healthguard:rules}
 */
record GuardSettings(GuardMode mode, boolean throwOnErrors, Boolean lookups, Path cacheFile, URI ecrEndpoint,
    Set<String> insecureRegistries, ProbeMode probeMode, ProbeImage probeImage, Map<String, String> rules) {

  /** The settings without per-rule levels from the builder (the context may still set them). */
  GuardSettings(GuardMode mode, boolean throwOnErrors, Boolean lookups, Path cacheFile, URI ecrEndpoint,
      Set<String> insecureRegistries, ProbeMode probeMode, ProbeImage probeImage) {
    this(mode, throwOnErrors, lookups, cacheFile, ecrEndpoint, insecureRegistries, probeMode, probeImage, null);
  }

  /** The probe image, built from the library's own Dockerfile unless one was given. */
  @Override
  public ProbeImage probeImage() {
    return probeImage != null ? probeImage : ProbeImage.bundled();
  }

  public static final String LOOKUPS_CONTEXT_KEY = "healthguard:lookups";

  GuardMode modeAt(IConstruct scope) {
    if (mode != null) {
      return mode;
    }
    Object value = scope.getNode().tryGetContext(GuardMode.CONTEXT_KEY);
    return value == null ? GuardMode.ENFORCE : GuardMode.parse(String.valueOf(value));
  }

  /**
   * The per-rule levels at {@code scope}, with the same precedence as the mode: the builder's, else
   * the context key {@code healthguard:rules} on the scope or a parent (cdk.json, {@code -c}), else none.
   */
  RuleSettings.Parsed rulesAt(IConstruct scope) {
    return RuleSettings.parse(rules != null ? rules : scope.getNode().tryGetContext(RuleSettings.CONTEXT_KEY));
  }

  /** The profiler for one synth, with lookups as the options or the context at {@code scope} say. */
  ImageProfiler profilerAt(IConstruct scope) {
    boolean on = lookups != null ? lookups : Boolean.parseBoolean(String.valueOf(scope.getNode().tryGetContext(LOOKUPS_CONTEXT_KEY)));
    Path cache = cacheFile != null ? cacheFile : Path.of(LookupCache.DEFAULT_FILE);
    return new ImageProfiler(Catalog.builtIn(), on, cache, this::registryReader);
  }

  /** ECR through the ECR API, every other registry through the OCI API with the Docker config's logins. */
  private RegistryReader registryReader() {
    Set<String> insecure = insecureRegistries == null ? Set.of() : insecureRegistries;
    return new SourceReader(RegistryRouter.withDockerLogins(ecrEndpoint, insecure), Limits.DEFAULTS);
  }
}
