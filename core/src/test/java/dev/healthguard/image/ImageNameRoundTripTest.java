package dev.healthguard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever string parses, its {@link ImageName#canonical()} and {@link
 * ImageName#familiar()} parse back to an equal name (issue 10, item 4). Names are generated from
 * the reference grammar's parts, then mutated, with a fixed seed so a failure repeats.
 */
class ImageNameRoundTripTest {

  private static final String[] HOSTS = {
    "docker.io", "index.docker.io", "registry-1.docker.io", "Docker.IO", "localhost", "localhost:5000",
    "127.0.0.1:5000", "[::1]:5000", "ghcr.io", "GHCR.IO", "UPPER", "Reg", "quay.io", "public.ecr.aws",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com",
    "my-registry.example.com:443", "mcr.microsoft.com", "registry.k8s.io"};
  private static final String[] WORDS = {"library", "alpine", "a", "nginx", "team", "app", "localhost", "x1", "foo.bar", "0"};
  private static final String[] SEPARATORS = {".", "_", "__", "-", "--", "---"};
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String MUTATIONS = "/:@.-_Aa0 \u00e9\u0000";

  @Test
  void canonicalAndFamiliar_parseBackToTheSameName() {
    Random random = new Random(20261202);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      String reference = generate(random);
      if (i % 2 == 1) {
        reference = mutate(reference, random);
      }
      ImageName name;
      try {
        name = ImageName.parse(reference);
      } catch (IllegalArgumentException e) {
        continue;
      }
      parsed++;
      assertEquals(name, ImageName.parse(name.canonical()), () -> "canonical of " + name);
      assertEquals(name, ImageName.parse(name.familiar()), () -> "familiar of " + name);
      assertEquals(name.canonical(), ImageName.parse(name.familiar()).canonical());
    }
    // Most generated names are valid: the property is not checked on an empty set.
    assertTrue(parsed > 10_000, parsed + " names parsed");
  }

  private static String generate(Random random) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(3) > 0) {
      out.append(HOSTS[random.nextInt(HOSTS.length)]).append('/');
    }
    int components = 1 + random.nextInt(4);
    for (int c = 0; c < components; c++) {
      out.append(c == 0 ? "" : "/").append(WORDS[random.nextInt(WORDS.length)]);
      if (random.nextInt(4) == 0) {
        out.append(SEPARATORS[random.nextInt(SEPARATORS.length)]).append(WORDS[random.nextInt(WORDS.length)]);
      }
    }
    switch (random.nextInt(4)) {
      case 0 -> out.append(":v").append(random.nextInt(100)).append(random.nextBoolean() ? "-Alpine_x.1" : "");
      case 1 -> out.append("@").append(DIGEST);
      case 2 -> out.append(":latest@").append(DIGEST);
      default -> { }
    }
    return out.toString();
  }

  private static String mutate(String reference, Random random) {
    StringBuilder out = new StringBuilder(reference);
    for (int m = 1 + random.nextInt(3); m > 0 && out.length() > 0; m--) {
      int at = random.nextInt(out.length());
      char with = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
      switch (random.nextInt(3)) {
        case 0 -> out.setCharAt(at, with);
        case 1 -> out.insert(at, with);
        default -> out.deleteCharAt(at);
      }
    }
    return out.toString();
  }
}
