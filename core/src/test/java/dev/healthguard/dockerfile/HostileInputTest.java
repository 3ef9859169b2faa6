package dev.healthguard.dockerfile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary text must give a recipe or a {@link DockerfileException}, never another exception:
 * the CDK aspect turns the latter into a finding and would crash on anything else.
 */
class HostileInputTest {
  private static final List<String> FRAGMENTS = List.of(
      "FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "ARG ", "HEALTHCHECK ", "ONBUILD ", "WORKDIR ", "USER ",
      "SHELL ", "# escape=`\n", "\\\n", "`\n", "<<EOF", "<<-'E'", "EOF\n", "\n", " ", "\t", "\"", "'",
      "$", "${", "}", "${A:-b}", "${A#*/}", "${A//x/y}", "[", "]", "[\"a\",", "\"b\"]", "--from=", "--interval=",
      "1m", "AS ", "x", "=", "apk add ", "apt-get install -y ", "&&", "||", ";", "|", "(", ")", "case ", "esac",
      "if ", "fi", "$(", "`", "\\", "\r\n", "\uFEFF", "♥", "--", "-", "0", ":", "/", ".", "*");

  private static final List<String> KEYWORDS = List.of(
      "RUN ", "RUN apk add ", "RUN apt-get install -y ", "COPY a ", "COPY --from=0 a ", "ENV A=", "ENV PATH=",
      "ARG A=", "WORKDIR ", "USER ", "HEALTHCHECK CMD ", "FROM alpine AS s", "RUN <<EOF\n", "COPY <<EOF ");

  @Test
  void randomDockerfilesNeverEscapeAsOtherExceptions() {
    Random random = new Random(20240513L);
    for (int i = 0; i < 5000; i++) {
      StringBuilder dockerfile = new StringBuilder(i % 3 == 0 ? "FROM alpine\n" : "");
      int pieces = 1 + random.nextInt(40);
      for (int p = 0; p < pieces; p++) {
        if (i % 2 == 0 && random.nextInt(6) == 0) {
          // mostly well-formed lines reach the evaluator rather than stopping in the parser
          dockerfile.append('\n').append(KEYWORDS.get(random.nextInt(KEYWORDS.size())));
        }
        dockerfile.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
      }
      String text = dockerfile.toString();
      try {
        DockerfileEvaluator.evaluate(text, "Dockerfile", BuildOptions.DEFAULT);
      } catch (DockerfileException expected) {
        if (expected.getMessage().contains("HealthGuard could not")) {
          fail("internal error for input " + GoText.quote(text), expected);
        }
      } catch (RuntimeException | StackOverflowError e) {
        fail("unexpected " + e + " for input " + GoText.quote(text), e);
      }
    }
  }

  @Test
  void deeplyNestedExpansionIsAnErrorNotACrash() {
    String nested = "${A:-".repeat(50_000) + "x" + "}".repeat(50_000);

    assertThrows(DockerfileException.class,
        () -> DockerfileEvaluator.evaluate("FROM " + nested + "\n", "Dockerfile", BuildOptions.DEFAULT));
  }
}
