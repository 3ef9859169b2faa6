package dev.healthguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.healthguard.image.ImageName;
import dev.healthguard.text.Excerpt;
import java.nio.charset.StandardCharsets;

/**
 * Image references as a task definition or a Dockerfile's FROM may carry them: a name parses or
 * is refused with an IllegalArgumentException whose message is short, and the forms it prints are
 * bounded, and its canonical and familiar forms parse back to it. The seeds ({@code
 * ImageNameFuzzTestInputs/parse/}) and {@code hostile/ImageName} hold issue 10's classes: a 200 KB
 * name, uppercase registries, {@code library/} paths, ports, IPv6, digests.
 */
class ImageNameFuzzTest {

  @FuzzTest(maxDuration = "15s", maxExecutions = 100000)
  void parse(byte[] input) throws Exception {
    Invariants.withinTime(() -> check(input));
  }

  /** The target: one input, checked. */
  static void check(byte[] input) {
    String reference = new String(input, StandardCharsets.UTF_8);
    ImageName name;
    try {
      name = ImageName.parse(reference);
    } catch (IllegalArgumentException e) {
      Invariants.boundedMessage("the refusal of an image name", e.getMessage());
      return;
    }
    Invariants.boundedOutput("canonical()", name.canonical(), input.length);
    Invariants.boundedOutput("familiar()", name.familiar(), input.length);
    // Issue 10 item 4: both forms parse back to the same reference.
    for (String form : new String[] {name.canonical(), name.familiar()}) {
      ImageName again = ImageName.parse(form);
      if (!again.equals(name)) {
        throw new AssertionError(Excerpt.quote(reference) + " parsed as " + name + ", its form "
            + Excerpt.quote(form) + " as " + again);
      }
    }
  }
}
