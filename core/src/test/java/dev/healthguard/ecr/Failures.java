package dev.healthguard.ecr;

import dev.healthguard.image.ImageName;
import dev.healthguard.registry.ImageAddress;
import dev.healthguard.registry.LookupException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Checks every lookup failure the same way: its kind, and a message fit to show a user. */
final class Failures {

  /**
   * Runs {@code call}, expects a {@link LookupException} of {@code kind}, and checks that its
   * message is one line, names {@code image}, and holds no presigned URL (nor does any cause).
   */
  static LookupException assertFailure(LookupException.Kind kind, ImageName image, Executable call) {
    return assertFailure(kind, image.address(), call);
  }

  static LookupException assertFailure(LookupException.Kind kind, ImageAddress image, Executable call) {
    LookupException e = assertThrows(LookupException.class, call);
    assertEquals(kind, e.kind(), e.getMessage());
    assertMessageHygiene(e, image);
    return e;
  }

  static void assertMessageHygiene(LookupException e, ImageName image) {
    assertMessageHygiene(e, image.address());
  }

  static void assertMessageHygiene(LookupException e, ImageAddress image) {
    String m = e.getMessage();
    assertEquals(image.display(), e.image());
    assertTrue(m.contains(image.display()), "names the image: " + m);
    assertFalse(m.contains("\n"), "one line: " + m);
    assertFalse(m.contains("?"), "no query string: " + m);
    assertFalse(m.contains("/blobs/"), "no download URL: " + m);
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      assertFalse(text.contains("X-Amz-Signature"), "no presigned URL in " + t);
      assertFalse(text.contains("X-Amz-Credential"), "no presigned URL in " + t);
    }
  }

  private Failures() {}
}
