package dev.healthguard.task;

import dev.healthguard.image.ImageName;
import dev.healthguard.image.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the resolved {@code Image} of a container definition into an {@link ImageRef}. The shapes
 * are what the CDK renders (cdk-java.md §3): a plain string for {@code fromRegistry}, an
 * {@code Fn::Sub} naming the bootstrap asset repository and the asset hash for {@code fromAsset},
 * and an {@code Fn::Join} ending in {@code /<repo>:<tag>} for {@code fromEcrRepository}.
 */
final class ImageValue {

  private static final Pattern ASSET = Pattern.compile("/cdk-[^/]*container-assets-[^/]*:([0-9a-f]{64})$");

  private ImageValue() {}

  /**
   * @param assets finds the build context of an asset by its hash; empty when the asset is not
   *     visible from here
   */
  static ImageRef parse(Object value, Function<String, Optional<ImageRef.Asset>> assets) {
    String rendered = render(value);
    if (rendered == null) {
      return new ImageRef.Unresolved(String.valueOf(value));
    }
    Matcher asset = ASSET.matcher(rendered);
    if (asset.find()) {
      String hash = asset.group(1);
      return assets.apply(hash).<ImageRef>map(a -> a)
          .orElse(new ImageRef.Unresolved("asset " + hash.substring(0, 12) + "… (its build context is not visible)",
              "no asset manifest beside the template names its build context"));
    }
    Optional<ImageRef.Ecr> ecr = ImageName.ecrRepository(rendered);
    if (ecr.isPresent()) {
      return ecr.get();
    }
    if (rendered.contains("${")) {
      return new ImageRef.Unresolved(rendered);
    }
    try {
      return new ImageRef.Registry(ImageName.parse(rendered));
    } catch (IllegalArgumentException e) {
      // Not a token: a name no registry would accept, which the message says rather than "a token".
      return new ImageRef.Unresolved(rendered, "it is not a valid image reference: " + e.getMessage());
    }
  }

  /**
   * Renders the value to a string, with references to pseudo parameters kept as
   * {@code ${AWS::Region}}; null when it holds a reference the guard cannot name (another
   * resource's attribute, a parameter).
   */
  static String render(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Object sub = map.get("Fn::Sub");
      if (sub instanceof String s) {
        return s;
      }
      Object ref = map.get("Ref");
      if (ref instanceof String r && r.startsWith("AWS::")) {
        return "${" + r + "}";
      }
      if (map.get("Fn::Join") instanceof List<?> join && join.size() == 2
          && join.get(0) instanceof String sep && join.get(1) instanceof List<?> parts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
          String part = render(parts.get(i));
          if (part == null) {
            return null;
          }
          out.append(i == 0 ? "" : sep).append(part);
        }
        return out.toString();
      }
    }
    return null;
  }
}
